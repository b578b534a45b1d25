"""The ``ContainerImage`` component: an ECR repository (scan on push, immutable tags, KMS
encryption, a lifecycle policy bounding images and build cache) and a BuildKit build pushed
to it with ``pulumi-docker-build``. Decisions live in :mod:`fargate_components.ecs.images`.

A task definition creates one per container whose ``image`` is an
:class:`~fargate_components.ecs.images.ImageBuild` (named ``<task>-image-<container>``) and
runs ``image_uri``: the immutable content tag in the repository created here (known at the
first preview; the task definition is ordered after the push by ``depends_on``), the digest
in a given repository; it can also be used on its own.

Children (``<name>-...``): ``-repository`` (``aws.ecr.Repository``, kept on delete unless data
protection is off), ``-lifecycle`` (``aws.ecr.LifecyclePolicy``), ``-key`` (the KMS key, with
``kms_key="create"``) and ``-build`` (``docker-build:index:Image``). With ``repository_url``
only ``-build``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws

from .. import iam
from .._component import (
    TYPE_PREFIX,
    child_kms_key_or_given,
    child_opts,
    merge_tags,
    stack_account_id,
    stack_dns_suffix,
    stack_region,
)
from ..data_protection import (
    check_data_protection,
    data_protection_enabled,
    protection_options,
)
from ..errors import ValidationError, argument_path, check_choice
from ..model.tokens import ECR_REPOSITORY
from ..outputs import concat
from ..tags import check_name_tag, check_tags
from .images import (
    CACHE_TAG,
    PLATFORMS,
    ImageBuild,
    ImagePlan,
    image_name,
    lifecycle_policy,
    plan_image,
)

__all__ = ["ContainerImage", "ContainerImageArgs", "build_container_images"]

REPOSITORY = "repository"
LIFECYCLE = "lifecycle"
KEY = "key"
BUILD = "build"

_ARGS = "ContainerImageArgs"


@dataclass(frozen=True, kw_only=True)
class ContainerImageArgs:
    """Arguments of :class:`ContainerImage`."""

    build: ImageBuild
    """What to build, and where to push it. Required."""
    architecture: str = "X86_64"
    """The CPU architecture of the tasks that run it (``"X86_64"`` or ``"ARM64"``): the build
    platform. Default: "X86_64"."""
    data_protection: bool | None = None
    """Keep the created repository (and its key) when the stack stops declaring it. Default:
    None (on, unless the stack config ``fargate:dataProtection`` is ``"false"``)."""
    tags: Mapping[str, str] | None = None
    """Tags for the repository and the key. Default: None."""


def validate_image_args(name: str, args: ContainerImageArgs) -> ImagePlan:
    """Every construction-time check; returns the build's plan."""
    with argument_path(_ARGS):
        check_tags("tags", args.tags)
        check_data_protection("data_protection", args.data_protection)
        check_choice("architecture", args.architecture, tuple(PLATFORMS))
        if not isinstance(args.build, ImageBuild):
            raise ValidationError("build", args.build, "an ImageBuild(context=...)")
        with argument_path("build", "ImageBuild"):
            return plan_image(args.build, args.architecture, f"{name}-{REPOSITORY}")


class ContainerImage(pulumi.ComponentResource):
    """A container image built from a Dockerfile and pushed to ECR, named by digest.

    Example::

        # fragment: needs an ./app folder with a Dockerfile next to the program
        image = ContainerImage(
            "api", ContainerImageArgs(build=ImageBuild(context="app"), architecture="ARM64")
        )
        # image.image_uri: "<account>.dkr.ecr.<region>.amazonaws.com/<repo>:build-<hash>"

    Attributes:
        repository: the created repository (None with ``repository_url``).
        image: the ``pulumi_docker_build.Image``.
        repository_url, tag: where it is pushed; its content tag.
        image_uri: what a task runs, known at the first preview when the repository is
            created here (``<repository>:<tag>``, an immutable tag); by digest in a given
            repository (``repository_url``), whose tags may move.
        digest_uri: ``<repository>@sha256:...``, known once the build has run.
        pinned_by_tag: True when ``image_uri`` is the immutable tag.
    """

    def __init__(
        self,
        name: str,
        args: ContainerImageArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        check_name_tag(name)
        plan = validate_image_args(name, args)
        build = plan.build
        super().__init__(
            f"{TYPE_PREFIX}:ecs:ContainerImage",
            name,
            {"context": build.context, "dockerfile": build.dockerfile, "platform": plan.platform},
            opts,
        )
        self.tag = plan.tag
        self.platform = plan.platform
        self._build_repository(name, args, plan)
        self._build_image(name, plan)
        self.digest_uri: pulumi.Output[str] = concat(self.repository_url, "@", self.image.digest)
        # The repository we create never lets a tag move (IMMUTABLE; with the registry cache
        # only the cache's own tag is exempt), and the content tag changes exactly when the
        # build does: so `<repository>:<tag>` names one image, as the digest does, and is
        # known at the first preview (the digest only once built). A given repository's
        # settings are its owner's: its tags may move, so it is run by digest.
        self.pinned_by_tag = plan.creates_repository
        self.image_uri: pulumi.Output[str] = (
            concat(self.repository_url, ":", plan.tag) if self.pinned_by_tag else self.digest_uri
        )
        self.register_outputs(
            {
                "repository_url": self.repository_url,
                "image_uri": self.image_uri,
                "digest_uri": self.digest_uri,
                "tag": self.tag,
            }
        )

    def _build_repository(self, name: str, args: ContainerImageArgs, plan: ImagePlan) -> None:
        """The repository, its key and its lifecycle policy (or the URL given)."""
        build = plan.build
        self.repository: aws.ecr.Repository | None
        self.lifecycle: aws.ecr.LifecyclePolicy | None
        self.key: aws.kms.Key | None
        self.repository = self.lifecycle = self.key = None
        if not plan.creates_repository:
            self.repository_url: pulumi.Output[str] = pulumi.Output.from_input(
                build.repository_url  # type: ignore[arg-type]
            )
            return
        keep = data_protection_enabled(args.data_protection)
        tags = merge_tags(args.tags, {"Name": f"{name}-{REPOSITORY}"})
        self.key, key_arn = child_kms_key_or_given(
            self,
            f"{name}-{KEY}",
            build.kms_key,
            purposes=[f"the images of {name}"],
            logs=False,
            tags=args.tags,
            protect=keep,
        )
        registry_cache = build.cache == "registry"
        self.repository = aws.ecr.Repository(
            f"{name}-{REPOSITORY}",
            name=plan.repository_name,
            image_tag_mutability="IMMUTABLE_WITH_EXCLUSION" if registry_cache else "IMMUTABLE",
            image_tag_mutability_exclusion_filters=[
                aws.ecr.RepositoryImageTagMutabilityExclusionFilterArgs(
                    filter=CACHE_TAG, filter_type="WILDCARD"
                )
            ]
            if registry_cache
            else None,
            image_scanning_configuration=aws.ecr.RepositoryImageScanningConfigurationArgs(
                scan_on_push=build.scan_on_push
            ),
            encryption_configurations=[
                aws.ecr.RepositoryEncryptionConfigurationArgs(
                    encryption_type="KMS", kms_key=key_arn
                )
                if key_arn is not None
                else aws.ecr.RepositoryEncryptionConfigurationArgs(encryption_type="AES256")
            ],
            force_delete=False,
            tags=tags,
            opts=child_opts(self, **protection_options(ECR_REPOSITORY, keep)),
        )
        # From the account, region, partition and name (all known at preview), not
        # Repository.repository_url (known after create). The private registry is
        # "https://aws_account_id.dkr.ecr.region.amazonaws.com" ("Amazon ECR private
        # registry", ECR User Guide, https://docs.aws.amazon.com/AmazonECR/latest/userguide/Registries.html;
        # China: "...dkr.ecr.cn-north-1.amazonaws.com.cn", the partition's DNS suffix).
        self.repository_url = concat(
            stack_account_id(self),
            ".dkr.ecr.",
            stack_region(self),
            ".",
            stack_dns_suffix(self),
            "/",
            self.repository.name,
        )
        self.lifecycle = aws.ecr.LifecyclePolicy(
            f"{name}-{LIFECYCLE}",
            repository=self.repository.name,
            policy=iam.to_json(
                lifecycle_policy(build.tag_prefix, build.images_kept, build.untagged_days)
            ),
            opts=child_opts(self),
        )

    def _build_image(self, name: str, plan: ImagePlan) -> None:
        import pulumi_docker_build as docker_build

        build = plan.build
        registry = self.repository_url.apply(lambda url: url.split("/", 1)[0])
        token = aws.ecr.get_authorization_token_output(
            registry_id=registry.apply(lambda host: host.split(".", 1)[0]),
            opts=pulumi.InvokeOutputOptions(parent=self),
        )
        cache_from, cache_to = self._cache(plan)
        self.image = docker_build.Image(
            f"{name}-{BUILD}",
            context=docker_build.BuildContextArgs(location=build.context),
            dockerfile=docker_build.DockerfileArgs(location=_join(build.context, build.dockerfile)),
            target=build.target,
            build_args=dict(build.build_args) or None,
            secrets=dict(build.build_secrets) or None,
            platforms=[docker_build.Platform(plan.platform)],
            tags=[concat(self.repository_url, ":", plan.tag)],
            push=True,
            registries=[
                docker_build.RegistryArgs(
                    address=registry,
                    username=token.user_name,
                    password=pulumi.Output.secret(token.password),
                )
            ],
            cache_from=cache_from,
            cache_to=cache_to,
            opts=child_opts(self),
        )

    def _cache(self, plan: ImagePlan) -> tuple[Any, Any]:
        import pulumi_docker_build as docker_build

        build = plan.build
        if build.cache == "registry":
            ref = concat(self.repository_url, ":", CACHE_TAG)
            return (
                [docker_build.CacheFromArgs(registry=docker_build.CacheFromRegistryArgs(ref=ref))],
                [
                    docker_build.CacheToArgs(
                        registry=docker_build.CacheToRegistryArgs(
                            ref=ref,
                            mode=docker_build.CacheMode.MAX,
                            image_manifest=True,
                            oci_media_types=True,
                        )
                    )
                ],
            )
        if build.cache == "local":
            return (
                [
                    docker_build.CacheFromArgs(
                        local=docker_build.CacheFromLocalArgs(src=build.cache_dir)
                    )
                ],
                [
                    docker_build.CacheToArgs(
                        local=docker_build.CacheToLocalArgs(
                            dest=build.cache_dir, mode=docker_build.CacheMode.MAX
                        )
                    )
                ],
            )
        return None, None


def _join(context: str, dockerfile: str) -> str:
    """The Dockerfile's path as docker-build takes it (relative to the program, like the
    context), without a ``./`` in the middle."""
    return f"{context.rstrip('/')}/{dockerfile}" if dockerfile else context


def build_container_images(
    parent: pulumi.Resource,
    task: str,
    containers: Sequence[Any],
    architecture: str,
    tags: Mapping[str, str] | None,
) -> tuple[list[Any], dict[str, ContainerImage]]:
    """A ``ContainerImage`` child of ``parent`` per container whose image is an
    :class:`ImageBuild`, and the containers with that image replaced by the built image's
    ``image_uri`` (checked before: ``images.check_container_builds``). The caller orders
    what runs them after the push (``depends_on`` every ``ContainerImage.image``): a tag
    reference carries no dependency on the build."""
    images: dict[str, ContainerImage] = {}
    result = []
    for c in containers:
        if isinstance(c.image, ImageBuild):
            images[c.name] = ContainerImage(
                image_name(task, c.name),
                ContainerImageArgs(build=c.image, architecture=architecture, tags=tags),
                opts=child_opts(parent),
            )
            c = dataclasses.replace(c, image=images[c.name].image_uri)
        result.append(c)
    return result, images
