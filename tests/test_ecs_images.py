"""Images built from a Dockerfile: the pure decisions (names, platform, tag, lifecycle) and
the wiring of ``ContainerImage`` under a task definition (repository, build, the immutable
tag it runs, the digest of a given repository, the execution role's scope), with the example's own ``app/`` as the build context."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pulumi
import pytest

from fargate_components import (
    Container,
    ContainerImage,
    ContainerImageArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    ImageBuild,
    ValidationError,
)
from fargate_components.ecs.images import (
    CACHE_TAG,
    check_repository_name,
    context_tag,
    lifecycle_policy,
    plan_image,
)
from fargate_components.model import UNKNOWN_MARK
from fargate_components.model.tokens import (
    DOCKER_BUILD_IMAGE,
    ECR_LIFECYCLE_POLICY,
    ECR_REPOSITORY,
    ECS_TASK_DEFINITION,
)
from fargate_components.plan.preview_gaps import preview_gaps
from fargate_components.pricing import estimate_cost
from fargate_components.testing import Plan, run_in_mocks

APP = Path(__file__).parent.parent / "examples" / "ecs-dockerfile-https" / "app"


# --- pure ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["ab", "team/api", "a1.b-c_d/e", "x" * 256])
def test_valid_repository_names(name: str) -> None:
    check_repository_name("n", name)


@pytest.mark.parametrize(
    "name", ["a", "x" * 257, "Api", "1api", "api-", "a--b", "a//b", "/api", "api/", "a b"]
)
def test_invalid_repository_names(name: str) -> None:
    with pytest.raises(ValidationError):
        check_repository_name("n", name)


def test_the_platform_follows_the_task_architecture() -> None:
    build = ImageBuild(context=str(APP))
    assert plan_image(build, "ARM64", "web-repository").platform == "linux/arm64"
    assert plan_image(build, "X86_64", "web-repository").platform == "linux/amd64"
    with pytest.raises(ValidationError, match="platform"):
        plan_image(dataclasses.replace(build, platform="linux/amd64"), "ARM64", "web-repository")


def test_the_tag_changes_with_the_content_and_the_settings(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM scratch\n")
    (tmp_path / "a.txt").write_text("one")
    build = ImageBuild(context=str(tmp_path))
    first = context_tag(build, "linux/arm64")
    assert first == context_tag(build, "linux/arm64") and len(first) == 12
    assert context_tag(build, "linux/amd64") != first
    assert context_tag(dataclasses.replace(build, build_args={"V": "2"}), "linux/arm64") != first
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref")
    assert context_tag(build, "linux/arm64") == first  # .git is not content
    (tmp_path / "a.txt").write_text("two")
    assert context_tag(build, "linux/arm64") != first


def test_the_lifecycle_bounds_built_images_and_old_caches() -> None:
    rules = lifecycle_policy("build", 10, 1)["rules"]
    assert [r["rulePriority"] for r in rules] == [1, 2]
    untagged, tagged = (r["selection"] for r in rules)
    assert untagged == {
        "tagStatus": "untagged",
        "countType": "sinceImagePushed",
        "countUnit": "days",
        "countNumber": 1,
    }
    assert tagged["tagStatus"] == "tagged" and tagged["tagPatternList"] == ["build-*"]
    assert tagged["countType"] == "imageCountMoreThan" and tagged["countNumber"] == 10
    assert all(r["action"] == {"type": "expire"} for r in rules)


# --- wiring -------------------------------------------------------------------------------
def _program() -> None:
    FargateTaskDefinition(
        "web",
        FargateTaskDefinitionArgs(
            architecture="ARM64",
            containers=[
                Container(
                    name="api",
                    image=ImageBuild(context=str(APP), build_args={"MODE": "prod"}),
                    port_mappings=[8080],
                ),
                Container(name="proxy", image="public.ecr.aws/nginx/nginx:1.27", essential=False),
            ],
        ),
    )
    given = ContainerImage(
        "given",
        ContainerImageArgs(
            build=ImageBuild(
                context=str(APP),
                repository_url="210987654321.dkr.ecr.us-east-1.amazonaws.com/team/api",
                cache="none",
            )
        ),
    )
    pulumi.export("given_uri", given.image_uri)
    pulumi.export("given_digest_uri", given.digest_uri)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return run_in_mocks(_program)


def test_the_repository_is_scanned_immutable_encrypted_and_bounded(plan: Plan) -> None:
    repo = plan.named("web-image-api-repository")
    assert repo.type == ECR_REPOSITORY
    assert repo.inputs["imageTagMutability"] == "IMMUTABLE_WITH_EXCLUSION"
    assert repo.inputs["imageTagMutabilityExclusionFilters"] == [
        {"filter": CACHE_TAG, "filterType": "WILDCARD"}
    ]
    assert repo.inputs["imageScanningConfiguration"] == {"scanOnPush": True}
    key = plan.named("web-image-api-key")
    assert repo.inputs["encryptionConfigurations"] == [
        {"encryptionType": "KMS", "kmsKey": key.outputs["arn"]}
    ]
    assert repo.options["retain_on_delete"] is True
    policy = plan.named("web-image-api-lifecycle")
    assert policy.type == ECR_LIFECYCLE_POLICY
    assert json.loads(policy.inputs["policy"]) == lifecycle_policy("build", 10, 1)


def test_the_build_shows_its_inputs_and_runs_by_its_immutable_tag(plan: Plan) -> None:
    build = plan.named("web-image-api-build")
    assert build.type == DOCKER_BUILD_IMAGE
    url = f"123456789012.dkr.ecr.us-east-1.amazonaws.com/{plan.named('web-image-api-repository').outputs['name']}"
    assert build.inputs["context"] == {"location": str(APP)}
    assert build.inputs["dockerfile"] == {"location": f"{APP}/Dockerfile"}
    assert build.inputs["platforms"] == ["linux/arm64"]
    assert build.inputs["buildArgs"] == {"MODE": "prod"}
    assert build.inputs["push"] is True
    [tag] = build.inputs["tags"]
    assert tag.startswith(f"{url}:build-")
    assert build.inputs["cacheTo"][0]["registry"]["ref"] == f"{url}:{CACHE_TAG}"
    assert build.inputs["registries"][0]["password"] == "[secret]"
    td = plan.of_type(ECS_TASK_DEFINITION)[0]
    images = {c["name"]: c["image"] for c in json.loads(td.inputs["containerDefinitions"])}
    # Our repository's tags are immutable: the content tag names one image, as a digest
    # would, and is known at preview; the task definition is ordered after the push.
    assert images["api"] == tag
    assert build.urn in td.depends_on
    assert images["proxy"] == "public.ecr.aws/nginx/nginx:1.27"
    statements = json.loads(plan.named("web-execution-policy").inputs["policy"])["Statement"]
    pull = next(s for s in statements if s["Sid"] == "EcrPull")
    assert pull["Resource"] == [
        f"arn:aws:ecr:us-east-1:123456789012:repository/{url.split('/', 1)[1]}"
    ]
    assert next(s for s in statements if s["Sid"] == "EcrAuth")["Resource"] == "*"


def test_a_given_repository_gets_only_the_build(plan: Plan) -> None:
    children = [r.name for r in plan.resources if r.parent and r.parent.endswith("::given")]
    assert children == ["given-build"]
    build = plan.named("given-build")
    assert build.inputs["tags"][0].startswith(
        "210987654321.dkr.ecr.us-east-1.amazonaws.com/team/api:build-"
    )
    assert "cacheTo" not in build.inputs
    # A given repository's tags may move: what runs is the digest, known once built.
    url = "210987654321.dkr.ecr.us-east-1.amazonaws.com/team/api"
    assert plan.outputs["given_uri"].value == f"{url}@{build.outputs['digest']}"
    assert plan.outputs["given_digest_uri"].value == plan.outputs["given_uri"].value


def test_cost_simulation_and_first_preview_are_honest(plan: Plan) -> None:
    report = estimate_cost(plan)
    assert {n.name for n in report.not_costed} >= {"web-image-api-repository"}
    # The simulated deploy (ECR created in moto) is the example's (tests/test_examples.py);
    # the build is never replayed, and says so.
    from fargate_components.testing.simulate.context import Unsupported
    from fargate_components.testing.simulate.handlers import DELETERS, HANDLERS

    with pytest.raises(Unsupported, match="not built or pushed"):
        HANDLERS[DOCKER_BUILD_IMAGE]({}, None)  # type: ignore[arg-type]
    assert "no AWS call" in DELETERS[DOCKER_BUILD_IMAGE]({}, None)  # type: ignore[arg-type]
    faithful = run_in_mocks(_program, preview_faithful=True)
    assert preview_gaps(faithful) == []
    # The first preview shows the built image in the container definitions (by its tag).
    td = faithful.of_type(ECS_TASK_DEFINITION)[0]
    [api] = [c for c in json.loads(td.inputs["containerDefinitions"]) if c["name"] == "api"]
    assert ":build-" in api["image"] and UNKNOWN_MARK not in api["image"]
    assert not faithful.outputs["given_uri"].known  # by digest: known once built
