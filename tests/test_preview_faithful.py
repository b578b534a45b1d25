"""Preview-faithful plans: what the first ``pulumi preview`` of a new stack shows.

Every example, planned as a first preview sees it, still shows every container image, Helm
value, listener condition, strategy, policy role and tag (``preview_gaps`` is empty); the
mocks leave ids and computed attributes unknown there; the log groups are auto-named so
their names (and every document built from them) are known; a log group an earlier version
named from a prefix is kept, not replaced.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pulumi
import pulumi_aws as aws
import pytest

from fargate_components import FargateTaskDefinition
from fargate_components.model import UNKNOWN_MARK, Plan, ResourceRecord
from fargate_components.model.tokens import (
    ECS_TASK_DEFINITION,
    HELM_RELEASE,
    LISTENER_RULE,
    LOG_GROUP,
)
from fargate_components.plan import plan_document, render_tree
from fargate_components.plan.diff import diff_plans
from fargate_components.plan.mermaid import render_mermaid
from fargate_components.plan.preview_gaps import _waits_for_build, preview_gaps
from fargate_components.policy import evaluate
from fargate_components.testing import FargateMocks, run_in_mocks
from tests.example_plans import EXAMPLES, IDS, example_plan


def _faithful(directory: Path) -> Plan:
    return example_plan(directory, preview_faithful=True)


@pytest.mark.parametrize("directory", EXAMPLES, ids=IDS)
def test_every_example_shows_what_a_reviewer_reads_at_first_preview(directory: Path) -> None:
    plan = _faithful(directory)
    assert plan.preview_faithful
    assert preview_gaps(plan) == []
    # The images are in the container definitions, not behind one unknown document (but
    # for an image the library builds: its digest exists after the build, by design).
    built = {td.name for td in plan.of_type(ECS_TASK_DEFINITION) if _waits_for_build(td)}
    for td in plan.of_type(ECS_TASK_DEFINITION):
        if td.name in built:
            continue
        containers = json.loads(td.inputs["containerDefinitions"])
        assert all(c["image"] != UNKNOWN_MARK for c in containers), td.name
    for release in plan.of_type(HELM_RELEASE):
        assert isinstance(release.inputs["values"], dict), release.name
    for rule in plan.of_type(LISTENER_RULE):
        assert UNKNOWN_MARK not in json.dumps(rule.inputs["conditions"]), rule.name
    # FC-ECS-003 and the other container checks still decide (nothing hides behind an
    # unknown document); what a rule cannot decide is reported unverified, never passed.
    findings = evaluate(plan)
    assert not [
        f
        for f in findings
        if f.unverified and f.rule in ("FC-ECS-002", "FC-ECS-003") and f.resource_name not in built
    ]
    # ...while ids are unknown, as the engine prints "known after apply".
    created = [r for r in plan.resources if r.custom and not r.options.get("read")]
    assert created and all(r.id is None for r in created)


@pytest.mark.parametrize("directory", EXAMPLES, ids=IDS)
def test_the_diagram_and_a_diff_read_references_without_ids(directory: Path) -> None:
    faithful, plain = _faithful(directory), example_plan(directory)
    # The diagram follows the recorded dependencies where ids are unknown: the same picture.
    assert render_mermaid(faithful) == render_mermaid(plain)
    # A base written with mock values (an earlier version's default) against a faithful
    # head of the same program: an unknown matches the value the engine knows from state.
    result = diff_plans(plan_document(plain, "p"), plan_document(faithful, "p"))
    assert [(c.action, c.name) for c in result.changes] == []
    assert result.outputs["changed"] == []


def test_the_tree_and_json_say_the_plan_is_preview_faithful() -> None:
    directory = next(d for d in EXAMPLES if d.name == "ecs-web-service")
    plan = _faithful(directory)
    tree = render_tree(plan, "web")
    assert "As the first `pulumi preview` of a new stack" in tree
    assert "Unknown at preview: no image" in tree
    assert "(mock:" not in tree
    assert plan_document(plan, "web")["preview_faithful"] is True


def test_faithful_mocks_leave_computed_attributes_unknown() -> None:
    def program() -> None:
        auto = aws.sqs.Queue("auto")
        prefixed = aws.sqs.Queue("prefixed", name_prefix="jobs-")
        pulumi.export("auto_name", auto.name)
        pulumi.export("auto_arn", auto.arn)
        pulumi.export("prefixed_name", prefixed.name)

    plan = run_in_mocks(program, preview_faithful=True)
    assert plan.outputs["auto_name"].known  # Pulumi's auto-name: chosen at Check
    assert not plan.outputs["auto_arn"].known
    assert not plan.outputs["prefixed_name"].known  # AWS picks it at create
    assert plan.named("auto").id is None


def test_given_mocks_must_be_faithful_too() -> None:
    with pytest.raises(ValueError, match="preview_faithful=True"):
        run_in_mocks(lambda: None, preview_faithful=True, mocks=FargateMocks())


def test_a_log_group_named_from_a_prefix_by_an_earlier_version_is_kept() -> None:
    from fargate_components import Container, FargateTaskDefinitionArgs

    args = FargateTaskDefinitionArgs(containers=[Container(name="web", image="nginx:1.27")])
    head = plan_document(run_in_mocks(lambda: FargateTaskDefinition("web", args)), "p")
    base = copy.deepcopy(head)
    for r in base["resources"]:
        if r["type"] == LOG_GROUP:  # as 0.x wrote it
            r["inputs"]["namePrefix"] = "/ecs/web-"
            r["options"]["ignore_changes"] = []
    result = diff_plans(base, head)
    assert result.count("replace") == 0 and result.count("delete") == 0
    assert not result.data_loss


def _record(type_: str, **inputs: object) -> ResourceRecord:
    return ResourceRecord(f"urn:{type_}:r", type_, "r", None, None, True, dict(inputs), {}, [], {})


def _plan(*records: ResourceRecord) -> Plan:
    return Plan("p", "dev", "us-east-1", list(records), preview_faithful=True)


def test_a_wholly_unknown_container_document_is_a_gap() -> None:
    gaps = preview_gaps(_plan(_record(ECS_TASK_DEFINITION, containerDefinitions=UNKNOWN_MARK)))
    assert [g.path for g in gaps] == ["containerDefinitions"]
    doc = json.dumps([{"name": "a", "image": "nginx"}, {"name": "b", "image": UNKNOWN_MARK}])
    gaps = preview_gaps(_plan(_record(ECS_TASK_DEFINITION, containerDefinitions=doc)))
    assert [(g.path, g.what) for g in gaps] == [
        ("containerDefinitions[1].image", "the container image")
    ]


def test_helm_values_may_lack_ids_only() -> None:
    values = {"vpcId": UNKNOWN_MARK, "replicaCount": UNKNOWN_MARK, "image": {"tag": "v1"}}
    gaps = preview_gaps(_plan(_record(HELM_RELEASE, values=values)))
    assert [g.path for g in gaps] == ["values.replicaCount"]
    assert [g.path for g in preview_gaps(_plan(_record(HELM_RELEASE, values=UNKNOWN_MARK)))] == [
        "values"
    ]


def test_unknown_conditions_tags_and_images_are_gaps() -> None:
    rule = _record(LISTENER_RULE, conditions=UNKNOWN_MARK, tags={"team": UNKNOWN_MARK})
    pod = _record("kubernetes:apps/v1:Deployment", spec={"containers": [{"image": UNKNOWN_MARK}]})
    paths = [g.path for g in preview_gaps(_plan(rule, pod))]
    assert paths == ["conditions", "tags.team", "spec.containers[0].image"]


def test_a_policy_over_an_unknown_arn_is_unverified_in_a_first_preview() -> None:
    directory = next(d for d in EXAMPLES if d.name == "eks-fargate")
    findings = evaluate(_faithful(directory))
    kms = [f for f in findings if f.unverified and f.rule == "FC-IAM-001"]
    assert [f.resource_name for f in kms] == ["eks-cluster-role-kms"]  # the key ARN is AWS's
    assert "not verified: the policy document is unknown at preview" in kms[0].message


def test_fail_on_unverified_exits_3_only_when_asked(tmp_path: Path) -> None:
    from fargate_components.cli import main

    example = str(next(d for d in EXAMPLES if d.name == "ecs-scheduled-job"))
    out = str(tmp_path / "plan.json")
    args = ["plan", example, "--preview-faithful", "--format", "json", "-o", out]
    assert main(args) == 0  # unverified results are listed, not failed
    doc = json.loads(Path(out).read_text())
    assert doc["preview_faithful"] is True and doc["preview_gaps"] == []
    assert any(f.get("unverified") for f in doc["findings"])
    assert main([*args, "--fail-on-unverified"]) == 3


def test_simulate_plans_with_values_and_refuses_a_faithful_base(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from fargate_components.cli import main

    example = str(next(d for d in EXAMPLES if d.name == "network"))
    assert main(["plan", example, "--simulate", "--preview-faithful"]) == 2
    assert "cannot replay a --preview-faithful plan" in capsys.readouterr().err
    base = tmp_path / "base.json"
    assert main(["plan", example, "--format", "json", "-o", str(base)]) == 0  # the default
    assert main(["plan", example, "--simulate", "--diff", str(base)]) == 2
    assert "write it with `plan --no-preview-faithful" in capsys.readouterr().err


def test_a_plain_output_is_not_unknown_for_sharing_text_with_an_id() -> None:
    """The plan with mock values marks an output unknown when it holds a value the mocks
    invented; an id that repeats an input (a task definition's family, an explicit name) and
    the account id (an invoke a preview answers) are not invented (ecs-dockerfile-https's
    `url` read unknown because the task definition's id is its family, "hello")."""

    def program() -> None:
        aws.ecs.TaskDefinition("td", family="hello", container_definitions="[]")
        pulumi.export("url", "https://hello.example.com")
        pulumi.export("account", "123456789012")
        pulumi.export("cluster", aws.ecs.Cluster("c").id)

    for faithful in (False, True):
        plan = run_in_mocks(program, preview_faithful=faithful)
        assert plan.outputs["url"].known and plan.outputs["account"].known
        assert not plan.outputs["cluster"].known  # an ARN AWS returns on create
