"""Bad image builds (ImageBuild, ContainerImage, a task definition's built container)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fargate_components import (
    Container,
    ContainerImage,
    ContainerImageArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    ImageBuild,
)
from tests.bad_input import BadInput

APP = str(Path(__file__).parent.parent.parent / "examples" / "ecs-dockerfile-https" / "app")
WHERE = "Container(name='api').image"


def _build(**fields: Any) -> ImageBuild:
    return ImageBuild(**{"context": APP, **fields})


def _task(build: Any = None, name: str = "web", **task: Any) -> FargateTaskDefinition:
    image = build if build is not None else _build()
    return FargateTaskDefinition(
        name,
        FargateTaskDefinitionArgs(containers=[Container(name="api", image=image)], **task),
    )


def _image(**fields: Any) -> ContainerImage:
    return ContainerImage("img", ContainerImageArgs(build=_build(**fields)))


CASES = [
    BadInput("image-context-missing", lambda: _build(context="/no/such/dir"), "ImageBuild.context"),
    BadInput("image-context-empty", lambda: _build(context=""), "ImageBuild.context"),
    BadInput(
        "image-dockerfile-missing", lambda: _build(dockerfile="Nope"), "ImageBuild.dockerfile"
    ),
    BadInput(
        "image-dockerfile-outside",
        lambda: _build(dockerfile="../README.md"),
        "ImageBuild.dockerfile",
    ),
    BadInput("image-target-bad", lambda: _build(target="-x"), "ImageBuild.target"),
    BadInput(
        "image-build-arg-name", lambda: _build(build_args={"1X": "a"}), "ImageBuild.build_args"
    ),
    BadInput("image-build-arg-value", lambda: _build(build_args={"X": 1}), "ImageBuild.build_args"),
    BadInput(
        "image-secret-id", lambda: _build(build_secrets={"a b": "s"}), "ImageBuild.build_secrets"
    ),
    BadInput(
        "image-secret-also-arg",
        lambda: _build(build_args={"TOKEN": "a"}, build_secrets={"TOKEN": "s"}),
        "ImageBuild.build_secrets",
    ),
    BadInput("image-platform-unknown", lambda: _build(platform="linux/386"), "ImageBuild.platform"),
    BadInput(
        "image-repository-name-upper",
        lambda: _build(repository_name="MyApp"),
        "ImageBuild.repository_name",
    ),
    BadInput(
        "image-repository-url-bad",
        lambda: _build(repository_url="docker.io/library/nginx"),
        "ImageBuild.repository_url",
    ),
    BadInput(
        "image-repository-url-and-name",
        lambda: _build(
            repository_url="123456789012.dkr.ecr.us-east-1.amazonaws.com/api",
            repository_name="api",
        ),
        "ImageBuild.repository_name",
    ),
    BadInput("image-tag-prefix", lambda: _build(tag_prefix="-x"), "ImageBuild.tag_prefix"),
    BadInput("image-kept-zero", lambda: _build(images_kept=0), "ImageBuild.images_kept"),
    BadInput("image-untagged-days", lambda: _build(untagged_days=400), "ImageBuild.untagged_days"),
    BadInput("image-cache-mode", lambda: _build(cache="s3"), "ImageBuild.cache"),
    BadInput("image-kms-key", lambda: _build(kms_key="my-key"), "ImageBuild.kms_key"),
    # In a task definition: the path the user typed, and the task's platform.
    BadInput(
        "image-in-container-context",
        lambda: Container(name="api", image=_build(context="/no/such/dir")),
        "ImageBuild.context",  # the ImageBuild is built (and checked) before the Container
    ),
    BadInput(
        "image-platform-vs-architecture",
        lambda: _task(_build(platform="linux/amd64"), architecture="ARM64"),
        f"{WHERE}.platform",
    ),
    BadInput(
        "image-windows-task",
        lambda: _task(operating_system="WINDOWS_SERVER_2022_CORE", cpu=1024, memory=2048),
        WHERE,
    ),
    BadInput("image-auto-name-uppercase", lambda: _task(name="WebApp"), f"{WHERE}.repository_name"),
    BadInput(
        "image-component-architecture",
        lambda: ContainerImage("img", ContainerImageArgs(build=_build(), architecture="arm")),
        "ContainerImageArgs.architecture",
    ),
    BadInput(
        "image-component-build",
        lambda: ContainerImage("img", ContainerImageArgs(build="./app")),  # type: ignore[arg-type]
        "ContainerImageArgs.build",
    ),
    BadInput("image-component-cache-dir", lambda: _image(cache="local", cache_dir=""), "cache_dir"),
]
