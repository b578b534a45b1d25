"""``plan --scan checkov`` with Checkov itself: every example's plan scanned, every result on
one of our resources, waivers, dedupe and the CLI. Needs a Python with Checkov
(``$FARGATE_CHECKOV_PYTHON``, ``pipx install checkov``, or Checkov in this one): skipped
otherwise. ``.ci/run`` installs Checkov in its own virtualenv and runs these
(``pytest -m checkov``)."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from fargate_components.cli import main
from fargate_components.model import Plan
from fargate_components.policy import evaluate, render_findings_text
from fargate_components.policy.checkov_scan import (
    PYTHON_ENV,
    CheckovScan,
    CheckovUnavailable,
    find_checkov_python,
    scan_checkov,
)

try:  # $FARGATE_CHECKOV_PYTHON set (as in .ci/run) never skips: a broken one fails
    find_checkov_python()
    HAVE_CHECKOV = True
except CheckovUnavailable:
    HAVE_CHECKOV = bool(os.environ.get(PYTHON_ENV))

pytestmark = [
    pytest.mark.checkov,
    pytest.mark.skipif(not HAVE_CHECKOV, reason="no Python with Checkov (README, 'Checkov')"),
]

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = Path(__file__).parent / "snapshots"
EXAMPLES = sorted(p.stem.removeprefix("example-") for p in SNAPSHOTS.glob("example-*.json"))


@cache
def example(name: str) -> Plan:
    return Plan.from_json(json.loads((SNAPSHOTS / f"example-{name}.json").read_text()))


@cache
def scanned(name: str) -> CheckovScan:
    return scan_checkov(example(name))


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_is_scanned_and_every_result_is_on_our_resource(name: str) -> None:
    scan = scanned(name)
    assert scan.counts.get("passed", 0) > 0
    assert scan.unmapped == []
    urns = {r.urn for r in example(name)}
    assert all(f.urn in urns and f.rule.startswith("CKV") for f in scan.findings)


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_has_no_checkov_failure_that_is_neither_fixed_nor_waived(name: str) -> None:
    """Issue 15's Done-when: each accepted failure carries its reason in the example (a
    waiver tag, a Checkov annotation, or the example's waivers.yaml)."""
    waivers = ROOT / "examples" / name / "waivers.yaml"
    found = evaluate(
        example(name), waivers=waivers if waivers.is_file() else None, extra=scanned(name).findings
    )
    open_ = [f for f in found if f.rule.startswith("CKV") and not f.waived]
    assert open_ == [], render_findings_text(open_)


def test_a_waiver_tag_waives_a_checkov_finding_and_ours_is_reported_once() -> None:
    plan = example("ecs-web-service")
    scan = scanned("ecs-web-service")
    assert scan.findings, "the example waives some of Checkov's failures (ALB_WAIVERS)"
    target = scan.findings[0]
    records = [
        replace(r, inputs={**r.inputs, "tags": {**(r.inputs.get("tags") or {}),
                f"fargate:waive:{target.rule}": "accepted in this test"}})
        if r.urn == target.urn
        else r
        for r in plan.resources
    ]  # fmt: skip
    found = evaluate(records, extra=scan.findings)
    hit = [f for f in found if f.rule == target.rule and f.urn == target.urn]
    assert len(hit) == 1 and hit[0].waived == "accepted in this test"
    ours = {(f.urn, f.checkov) for f in found if f.rule.startswith("FC-")}
    assert not [f for f in found if f.rule.startswith("CKV") and (f.urn, f.rule) in ours]


def test_the_cli_shows_the_scan_in_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "plan.json"
    code = main(
        ["plan", str(ROOT / "examples" / "network"), "--scan", "checkov", "--format", "json",
         "-o", str(out)]
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err
    doc = json.loads(out.read_text())
    assert doc["scan"]["tool"] == "checkov" and doc["scan"]["passed"] > 0
    assert any(f["rule"].startswith("CKV") for f in doc["findings"]) or doc["scan"]["failed"] == 0


def test_the_crossguard_pack_reports_checkov_failures_unless_waived() -> None:
    from pulumi_policy import StackValidationArgs

    from fargate_components.policy.crossguard import CHECKOV_POLICY, build_policies
    from fargate_components.policy.waivers import Waivers
    from fargate_components.tags import waiver_tag

    from .test_policy_pack import resource

    # alone in the stack, the web ACL has no logging configuration (CKV2_AWS_31: no rule of
    # ours reports it, so the pack reports Checkov's finding); a waiver tag waives it
    acl = next(r for r in example("ecs-web-service").resources if r.name == "web-waf")
    (policy,) = [p for p in build_policies(Waivers(), checkov="1") if p.name == CHECKOV_POLICY]

    def reported(tags: dict[str, str]) -> list[str]:
        found: list[str] = []
        stack = [resource(acl.type, acl.name, {**acl.inputs, "tags": tags})]
        policy.validate(StackValidationArgs(stack), lambda m, urn=None: found.append(m))
        return found

    assert any(m.startswith("CKV2_AWS_31: web-waf") for m in reported({}))
    waived = {**acl.inputs["tags"], **waiver_tag("CKV2_AWS_31", "logs go to a SIEM elsewhere")}
    assert not any(m.startswith("CKV2_AWS_31") for m in reported(waived))
