"""Run the rules over a plan, apply waivers, decide ``--fail-on``, and render findings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from .._markdown import cell
from ..errors import ValidationError
from ..model import Graph, ResourceRecord
from .model import SEVERITIES, Finding, Rule, severity_rank
from .rules import RULES
from .waivers import (
    Waivers,
    checkov_annotation_waivers,
    expired_tag_findings,
    load_waivers,
    tag_waivers,
)

__all__ = [
    "FAIL_ON",
    "assert_no_findings",
    "evaluate",
    "render_findings_markdown",
    "render_findings_text",
    "render_rules_markdown",
    "should_fail",
]

#: Accepted ``--fail-on`` levels: fail when an unwaived finding is at least this severe.
FAIL_ON = SEVERITIES

WaiverSource = str | Path | Mapping[str, Any] | Waivers | None


def _graph(plan: Any) -> Graph:
    if isinstance(plan, Graph):
        return plan
    resources = getattr(plan, "resources", plan)
    graph = Graph(r for r in resources if isinstance(r, ResourceRecord))
    graph.region = getattr(plan, "region", None) or None
    return graph


def _sort_key(finding: Finding) -> tuple[bool, int, str, str]:
    """Findings most severe first, unverified results after them."""
    return (finding.unverified, severity_rank(finding.severity), finding.rule, finding.urn)


def apply_waivers(findings: Iterable[Finding], graph: Graph, waivers: Waivers) -> list[Finding]:
    """Mark each finding waived by its resource's tag, by a Kubernetes object's Checkov skip
    annotation of the Checkov check the rule names, or by the waiver file (on the waivers'
    ``today``: expired ones waive nothing)."""
    out = []
    for finding in findings:
        record = graph.by_urn(finding.urn)
        reason = (
            finding.waived
            or tag_waivers(record, waivers.today).get(finding.rule)
            or (finding.checkov and checkov_annotation_waivers(record).get(finding.checkov))
            or waivers.reason(finding.rule, record)
        )
        out.append(replace(finding, waived=reason) if reason else finding)
    return out


def reported_once(ours: Iterable[Finding], scanned: Iterable[Finding]) -> list[Finding]:
    """The scanned (Checkov) findings no finding of ours already reports: one of our rules
    whose ``checkov`` id is the check's, on the same resource, says it (waived or not)."""
    said = {(f.urn, f.checkov) for f in ours if f.checkov}
    return [f for f in scanned if (f.urn, f.rule) not in said]


def evaluate(
    plan: Any,
    waivers: WaiverSource = None,
    *,
    rules: Iterable[Rule] | None = None,
    extra: Iterable[Finding] = (),
) -> list[Finding]:
    """Every finding of ``rules`` (default all of :data:`RULES`) over a plan.

    Args:
        plan: a :class:`~fargate_components.testing.Plan`, a :class:`Graph`, or any
            iterable of :class:`~fargate_components.testing.ResourceRecord`.
        waivers: a waiver file path (YAML/JSON), a loaded mapping, or :class:`Waivers`.
            Default none (tags on resources still waive).
        rules: the rules to run. Default all.
        extra: findings of an external scanner (``plan --scan checkov``), joined to ours
            (those one of our rules already reports are dropped: :func:`reported_once`)
            before the waivers apply. Default none.

    Returns the findings, most severe first; waived ones carry ``waived``.
    """
    graph = _graph(plan)
    waiver_set = load_waivers(waivers, known_rules=RULES)
    findings: list[Finding] = []
    for rule in RULES.values() if rules is None else rules:
        for record in graph:
            findings.extend(rule(record, graph))
    findings.extend(reported_once(findings, extra))
    expired = waiver_set.expired_findings(findings, graph)
    expired += expired_tag_findings(findings, graph, waiver_set.today)
    findings.extend(expired)
    return sorted(apply_waivers(findings, graph, waiver_set), key=_sort_key)


def _field(finding: Finding | Mapping[str, Any], key: str) -> Any:
    return finding.get(key) if isinstance(finding, Mapping) else getattr(finding, key, None)


def should_fail(
    findings: Iterable[Finding | Mapping[str, Any]],
    fail_on: str | None,
    *,
    fail_on_unverified: bool = False,
) -> bool:
    """True when an unwaived finding is at least as severe as ``fail_on``
    (``"error"``, ``"warning"`` or ``"advisory"``; ``None`` never fails), or, with
    ``fail_on_unverified``, when any unwaived result is unverified. An unverified result
    never counts for ``fail_on``. Accepts findings or their JSON form."""
    items = [f for f in findings if not _field(f, "waived")]
    if fail_on_unverified and any(_field(f, "unverified") for f in items):
        return True
    if fail_on is None:
        return False
    if fail_on not in FAIL_ON:
        raise ValidationError("--fail-on", fail_on, f"one of {', '.join(FAIL_ON)}")
    limit = severity_rank(fail_on)
    return any(
        not _field(f, "unverified") and severity_rank(_field(f, "severity")) <= limit for f in items
    )


def _summary(findings: list[Finding]) -> str:
    active = Counter(f.severity for f in findings if not f.waived and not f.unverified)
    waived = sum(1 for f in findings if f.waived)
    unverified = sum(1 for f in findings if f.unverified and not f.waived)
    parts = [f"{active[s]} {s}" for s in SEVERITIES]
    if unverified:
        parts.append(f"{unverified} unverified")
    noun = "finding" if len(findings) == 1 else "findings"
    return f"{len(findings)} {noun}: {', '.join(parts)} ({waived} waived)"


def _label(finding: Finding) -> str:
    return "unverified" if finding.unverified else finding.severity


def _ids(finding: Finding) -> str:
    return ", ".join(i for i in (finding.checkov, finding.trivy) if i)


def render_findings_text(findings: Iterable[Finding]) -> str:
    """Findings as aligned plain text, one per line, with a summary line."""
    items = sorted(findings, key=_sort_key)
    if not items:
        return "Policy: no findings."
    lines = [f"Policy: {_summary(items)}"]
    for f in items:
        ids = f" [{_ids(f)}]" if _ids(f) else ""
        waived = f" (waived: {f.waived})" if f.waived else ""
        lines.append(f"  {_label(f).upper():<8} {f.rule:<12} {f.message}{ids}{waived}")
    return "\n".join(lines)


def render_findings_markdown(findings: Iterable[Finding]) -> str:
    """Findings as a Markdown table (for PR comments / job summaries)."""
    items = sorted(findings, key=_sort_key)
    if not items:
        return "**Policy:** no findings."
    lines = [
        f"**Policy:** {_summary(items)}",
        "",
        "| Severity | Rule | Resource | Message | Checkov / Trivy | Waived |",
        "|---|---|---|---|---|---|",
    ]
    for f in items:
        lines.append(
            f"| {_label(f)} | {f.rule} | `{cell(f.resource_name)}` | {cell(f.message)} "
            f"| {cell(_ids(f)) or '-'} | {cell(f.waived or '')} |"
        )
    return "\n".join(lines)


def render_rules_markdown() -> str:
    """The rule table (id, severity, title, Checkov, Trivy) as Markdown, for the docs."""
    lines = ["| Rule | Severity | Checks | Checkov | Trivy |", "|---|---|---|---|---|"]
    for rule in RULES.values():
        lines.append(
            f"| {rule.id} | {rule.severity} | {cell(rule.title)} "
            f"| {rule.checkov or '-'} | {rule.trivy or '-'} |"
        )
    return "\n".join(lines)


def assert_no_findings(
    plan: Any, severity: str = "error", waivers: WaiverSource = None
) -> list[Finding]:
    """Raise ``AssertionError`` listing every unwaived finding at least as severe as
    ``severity``; return all findings otherwise. For tests::

        assert_no_findings(run_in_mocks(my_program))  # zero unwaived errors
    """
    findings = evaluate(plan, waivers)
    if should_fail(findings, severity):
        limit = severity_rank(severity)
        bad = [
            f
            for f in findings
            if not f.waived and not f.unverified and severity_rank(f.severity) <= limit
        ]
        raise AssertionError(render_findings_text(bad))
    return findings
