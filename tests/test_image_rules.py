"""FC-ECS-012 / FC-K8S-008: images pinned by digest or by a tag that cannot move. Pure tests
over hand-built records (no mocks), the Checkov mapping (reported once, and waived by the
same annotation on a Kubernetes object), and the examples' verdicts from the shared plans."""

from __future__ import annotations

import json
from typing import Any

import pytest

from fargate_components.model import UNKNOWN_MARK, Graph, ResourceRecord
from fargate_components.model.tokens import ECR_REPOSITORY, ECS_TASK_DEFINITION, K8S_DEPLOYMENT
from fargate_components.policy import RULES, Finding, evaluate, unpinned_reason
from fargate_components.policy.image_rules import image_reference
from fargate_components.policy.model import Unverified
from tests.example_plans import EXAMPLES, IDS, example_plan
from tests.test_policy_rules import rec

ECR = "123456789012.dkr.ecr.eu-west-1.amazonaws.com"
DIGEST = "sha256:" + "a" * 64


def repo(name: str, mode: str | None, *filters: str, auto: bool = False) -> ResourceRecord:
    inputs: dict[str, Any] = {} if auto else {"name": name}
    if mode is not None:
        inputs["imageTagMutability"] = mode
    if filters:
        inputs["imageTagMutabilityExclusionFilters"] = [
            {"filter": f, "filterType": "WILDCARD"} for f in filters
        ]
    return rec(
        ECR_REPOSITORY, f"{name}-repository", inputs, outputs={"name": name} if auto else None
    )


def task(*images: str) -> ResourceRecord:
    containers = [{"name": f"c{i}", "image": image} for i, image in enumerate(images)]
    return rec(ECS_TASK_DEFINITION, "web", {"containerDefinitions": json.dumps(containers)})


def deployment(*images: str, annotations: dict[str, str] | None = None) -> ResourceRecord:
    return rec(
        K8S_DEPLOYMENT,
        "app",
        {
            "metadata": {"name": "app", "annotations": annotations or {}},
            "spec": {
                "template": {
                    "spec": {
                        "initContainers": [{"name": "init", "image": images[0]}],
                        "containers": [{"name": "app", "image": i} for i in images[1:]],
                    }
                }
            },
        },
    )


def findings(*records: ResourceRecord, rule: str = "FC-ECS-012") -> list[Finding]:
    return evaluate(records, rules=[RULES[rule]])


@pytest.mark.parametrize(
    ("image", "repository", "tag", "digest"),
    [
        ("nginx", "nginx", None, None),
        ("nginx:1.27", "nginx", "1.27", None),
        ("host:5000/team/app", "host:5000/team/app", None, None),
        ("host:5000/team/app:v1@" + DIGEST, "host:5000/team/app", "v1", DIGEST),
        (f"{ECR}/app@{DIGEST}", f"{ECR}/app", None, DIGEST),
    ],
)
def test_an_image_reference_splits_as_docker_reads_it(
    image: str, repository: str, tag: str | None, digest: str | None
) -> None:
    ref = image_reference(image)
    assert (ref.repository, ref.tag, ref.digest) == (repository, tag, digest)


@pytest.mark.parametrize(
    "image",
    [
        f"public.ecr.aws/nginx/nginx@{DIGEST}",
        f"public.ecr.aws/nginx/nginx:1.27@{DIGEST}",  # the digest wins over the tag
        f"{ECR}/app:build-0123",  # IMMUTABLE
        f"{ECR}/cached:build-0123",  # IMMUTABLE_WITH_EXCLUSION, not an excluded tag
        f"{ECR}/moving:release-1",  # MUTABLE_WITH_EXCLUSION, an excluded (fixed) tag
        f"{ECR}/auto-1a2b3c4:v1",  # an auto-named repository: its name is in its outputs
    ],
)
def test_pinned_images_pass(image: str) -> None:
    graph = Graph(
        [
            repo("app", "IMMUTABLE"),
            repo("cached", "IMMUTABLE_WITH_EXCLUSION", "buildcache"),
            repo("moving", "MUTABLE_WITH_EXCLUSION", "release-*"),
            repo("auto-1a2b3c4", "IMMUTABLE", auto=True),
        ]
    )
    assert unpinned_reason(image, graph) is None


@pytest.mark.parametrize(
    ("image", "says"),
    [
        ("nginx", "no tag"),
        ("public.ecr.aws/nginx/nginx:latest", "the tag `latest`"),
        ("public.ecr.aws/nginx/nginx:1.27", "registry not known to keep tags immutable"),
        (f"{ECR}/app:v1", "can be overwritten in the ECR repository 'app-repository'"),
        (f"{ECR}/cached:buildcache", "imageTagMutability IMMUTABLE_WITH_EXCLUSION"),
        (f"{ECR}/moving:dev", "imageTagMutability MUTABLE_WITH_EXCLUSION"),
        (f"{ECR}/elsewhere:v1", "an ECR repository this plan does not create"),
        (f"{ECR}/default:v1", "imageTagMutability MUTABLE"),  # ECR's default
    ],
)
def test_images_that_may_move_fail_with_the_reason(image: str, says: str) -> None:
    graph = Graph(
        [
            repo("app", "MUTABLE"),
            repo("cached", "IMMUTABLE_WITH_EXCLUSION", "buildcache"),
            repo("moving", "MUTABLE_WITH_EXCLUSION", "release-*"),
            repo("default", None),
        ]
    )
    reason = unpinned_reason(image, graph)
    assert reason and not isinstance(reason, Unverified) and says in reason


def test_unknown_is_unverified_never_a_pass() -> None:
    unknown_name = rec(ECR_REPOSITORY, "later-repository", {"name": UNKNOWN_MARK})
    unknown_mode = repo("app", UNKNOWN_MARK)
    graph = Graph([unknown_name, unknown_mode])
    for image in (UNKNOWN_MARK, f"{UNKNOWN_MARK}:v1", f"{ECR}/app:v1", f"{ECR}/other:v1"):
        assert isinstance(unpinned_reason(image, graph), Unverified), image
    [whole] = findings(rec(ECS_TASK_DEFINITION, "web", {"containerDefinitions": UNKNOWN_MARK}))
    assert whole.unverified


def test_ecs_task_definitions_report_each_container_that_may_move() -> None:
    found = findings(task("nginx:1.27", f"nginx@{DIGEST}", "busybox"), repo("app", "IMMUTABLE"))
    assert [f.message.split(":")[1].strip() for f in found] == ["container 'c0'", "container 'c2'"]
    assert {f.severity for f in found} == {"warning"} and not any(f.checkov for f in found)


def test_pods_report_init_and_app_containers_and_map_to_checkov() -> None:
    found = findings(deployment("busybox:1.36", f"nginx@{DIGEST}"), rule="FC-K8S-008")
    assert len(found) == 1 and "init container 'init'" in found[0].message
    assert found[0].checkov == "CKV_K8S_43"
    no_spec = rec(K8S_DEPLOYMENT, "app", {"metadata": {"name": "app"}, "spec": UNKNOWN_MARK})
    assert findings(no_spec, rule="FC-K8S-008")[0].unverified


def test_checkov_is_reported_once_and_its_annotation_waives_ours() -> None:
    pod = deployment("busybox:1.36", "nginx:1.27")
    checkov = Finding("CKV_K8S_43", "warning", pod.urn, "app: Image should use digest (Checkov)")
    found = evaluate([pod], rules=[RULES["FC-K8S-008"]], extra=[checkov])
    assert {f.rule for f in found} == {"FC-K8S-008"} and not any(f.waived for f in found)
    skipped = deployment(
        "busybox:1.36",
        "nginx:1.27",
        annotations={"checkov.io/skip1": "CKV_K8S_43=pinned by the release pipeline"},
    )
    found = evaluate([skipped], rules=[RULES["FC-K8S-008"]])
    assert found and all(f.waived == "pinned by the release pipeline" for f in found)
    # A skip without a reason, or of another check, waives nothing.
    for value in ("CKV_K8S_43", "CKV_K8S_43=", "CKV_K8S_8=probes are elsewhere"):
        other = deployment("busybox:1.36", annotations={"checkov.io/skip1": value})
        assert not any(f.waived for f in evaluate([other], rules=[RULES["FC-K8S-008"]]))


@pytest.mark.parametrize("directory", EXAMPLES, ids=IDS)
def test_every_example_pins_its_images_or_waives_them_with_a_reason(directory: Any) -> None:
    plan = example_plan(directory, preview_faithful=True)
    found = evaluate(plan, rules=[RULES["FC-ECS-012"], RULES["FC-K8S-008"]])
    assert not [f for f in found if not f.waived], "unwaived or unverified"
    if directory.name == "ecs-dockerfile-https":  # the image it builds is pinned by its tag
        assert found == []


def test_the_crossguard_pack_runs_both_rules_as_stack_policies() -> None:
    from pulumi_policy import EnforcementLevel, StackValidationPolicy
    from pulumi_policy.proxy import UNKNOWN_STRING_VALUE

    from fargate_components.policy.crossguard import UNVERIFIED_POLICY, build_policies
    from fargate_components.policy.waivers import Waivers
    from tests.test_policy_pack import resource, validate_stack

    policies = {p.name: p for p in build_policies(Waivers())}
    ecs, k8s = policies["FC-ECS-012"], policies["FC-K8S-008"]
    assert isinstance(ecs, StackValidationPolicy) and isinstance(k8s, StackValidationPolicy)
    assert ecs.enforcement_level == EnforcementLevel.ADVISORY  # a warning never blocks
    built = repo("app", "IMMUTABLE")
    moving, pinned = task("nginx:1.27"), task(f"{ECR}/app:build-0123")
    assert len(validate_stack(ecs, [resource(ECS_TASK_DEFINITION, "web", moving.inputs)])) == 1
    stack = [resource(ECR_REPOSITORY, built.name, built.inputs)]
    stack.append(resource(ECS_TASK_DEFINITION, "web", pinned.inputs))
    assert validate_stack(ecs, stack) == []
    skipped = deployment(
        "busybox:1.36", annotations={"checkov.io/skip1": "CKV_K8S_43=pinned by the pipeline"}
    )
    assert validate_stack(k8s, [resource(K8S_DEPLOYMENT, "app", skipped.inputs)]) == []
    # An image the preview does not know is reported by FC-UNVERIFIED, never passed.
    unknown = task(UNKNOWN_STRING_VALUE)
    unknown.inputs["containerDefinitions"] = UNKNOWN_STRING_VALUE
    said = validate_stack(
        policies[UNVERIFIED_POLICY], [resource(ECS_TASK_DEFINITION, "web", unknown.inputs)]
    )
    assert any("FC-ECS-012" in message for message, _ in said)
