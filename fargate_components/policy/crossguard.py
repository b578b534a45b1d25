"""The rules of :data:`~fargate_components.policy.RULES` as Pulumi CrossGuard policies.

``policy/__main__.py`` (the policy pack) builds its ``PolicyPack`` from :func:`build_policies`,
so ``pulumi preview --policy-pack policy`` enforces exactly the rules the offline plan reports.
This module needs ``pulumi-policy`` (a test/dev dependency); the rest of the package does not.

How a rule becomes a policy:

- A rule that reads only its own resource becomes a ``ResourceValidationPolicy``; it sees the
  resource's *inputs*, which the engine passes under their wire (camelCase) names, the same
  names the offline plan records, e.g. ``args.props["containerDefinitions"]``.
- A rule that follows references (``Rule.needs_graph``: execution vs task role, flow logs per
  VPC, profile subnets, Spot platform, HTTP listener on an internal ALB, ECS Exec logging)
  becomes a ``StackValidationPolicy`` over ``args.resources``. References are resolved by the
  engine's property dependencies first, so they work in a preview where ids are unknown.
- Values a preview cannot know are turned into ``"[unknown]"`` (the plan's mark) instead of
  raising ``UnknownValueError``. A rule that cannot decide because of one is not a pass: its
  *unverified* result is reported by the advisory :data:`UNVERIFIED_POLICY` (``FC-UNVERIFIED``),
  never by the rule's own (possibly mandatory) policy.
- Enforcement: ``error`` -> ``mandatory`` (blocks the update), ``warning`` and ``advisory``
  -> ``advisory`` (printed, never blocking). Pulumi severity: error -> high, warning ->
  medium, advisory -> low. Override per policy with the pack's config as usual
  (``pulumi preview --policy-pack policy --policy-pack-config config.json``).
- Waivers: the ``fargate:waive`` tag works as in the plan; a waiver file is read from the
  path in the ``FARGATE_POLICY_WAIVERS`` environment variable (the pack program sets it to the
  pack folder's ``waivers.yaml`` when present), else the package's own default file, which
  waives nothing. A waived finding is not reported.
- Checkov (``plan --scan checkov``): with ``$FARGATE_POLICY_CHECKOV`` set (``1``, or the path
  of the Python that has Checkov), the advisory stack policy :data:`CHECKOV_POLICY`
  (``CKV-SCAN``) runs Checkov over the previewed resources and reports each failure that is
  neither waived nor already reported by one of our rules, as ``CKV_AWS_91: <message>`` on its
  resource. Off by default (Checkov is a heavy, separate install); when asked for and Checkov
  cannot run, the policy says so instead of passing.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    Policy,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
)
from pulumi_policy import proxy as _policy_proxy

from ..model import UNKNOWN_MARK, Graph, ResourceRecord
from .engine import apply_waivers, reported_once
from .model import Rule
from .rules import RULES
from .waivers import Waivers, load_waivers

__all__ = [
    "CHECKOV_ENV",
    "CHECKOV_POLICY",
    "ENFORCEMENT",
    "PACK_NAME",
    "SEVERITY",
    "UNVERIFIED_POLICY",
    "WAIVERS_ENV",
    "build_policies",
    "default_waivers",
    "plain",
    "record_from_resource",
    "record_from_resource_args",
]

PACK_NAME = "fargate-components"

#: The advisory policy that lists every rule that could not decide (a value unknown at
#: preview): reported, never blocking, so an unknown is not a silent pass.
UNVERIFIED_POLICY = "FC-UNVERIFIED"

#: The advisory stack policy that runs Checkov's checks (when :data:`CHECKOV_ENV` is set).
CHECKOV_POLICY = "CKV-SCAN"
#: ``1`` (find Checkov as ``plan --scan checkov`` does) or the path of a Python with Checkov.
CHECKOV_ENV = "FARGATE_POLICY_CHECKOV"

#: Our severity -> CrossGuard enforcement level.
ENFORCEMENT = {
    "error": EnforcementLevel.MANDATORY,
    "warning": EnforcementLevel.ADVISORY,
    "advisory": EnforcementLevel.ADVISORY,
}
#: Our severity -> CrossGuard policy severity.
SEVERITY = {"error": Severity.HIGH, "warning": Severity.MEDIUM, "advisory": Severity.LOW}

#: Environment variable naming a waiver file for the pack.
WAIVERS_ENV = "FARGATE_POLICY_WAIVERS"

#: pulumi_policy's placeholders for values a preview does not know, one per value kind.
_UNKNOWNS: frozenset[str] = frozenset(
    getattr(_policy_proxy, f"UNKNOWN_{kind}_VALUE")
    for kind in ("ARCHIVE", "ARRAY", "ASSET", "BOOLEAN", "NUMBER", "OBJECT", "STRING")
)


def _target(value: Any) -> Any:
    """The wrapped container of a pulumi_policy unknown-checking proxy (reading through the
    proxy would raise on unknown values), or the value itself."""
    try:
        return value["__target"]
    except (KeyError, TypeError, IndexError):
        return value


def plain(value: Any) -> Any:
    """Plain dicts/lists from CrossGuard props; unknown values become ``"[unknown]"``."""
    if isinstance(value, str):
        return UNKNOWN_MARK if value in _UNKNOWNS else value
    if isinstance(value, Mapping):
        target = _target(value) if not isinstance(value, dict) else value
        return {str(k): plain(target[k]) for k in target}
    if isinstance(value, Sequence) and not isinstance(value, (bytes, bytearray)):
        target = _target(value) if not isinstance(value, list) else value
        return [plain(v) for v in target]
    return value


def _record(
    type_: str, props: Any, urn: str, name: str, parent: str | None = None
) -> ResourceRecord:
    data = plain(props) or {}
    rid = data.get("id")
    return ResourceRecord(
        urn=urn,
        type=type_,
        name=name,
        id=rid if isinstance(rid, str) and rid != UNKNOWN_MARK else None,
        parent=parent,
        custom=True,
        inputs=data,
        outputs=data,
        depends_on=[],
        property_dependencies={},
    )


def record_from_resource_args(args: ResourceValidationArgs) -> ResourceRecord:
    """The record a rule reads, from a ``ResourceValidationArgs`` (its props are inputs)."""
    name = getattr(args, "name", None) or args.urn.rsplit("::", 1)[-1]
    return _record(args.resource_type, args.props, args.urn, name)


def record_from_resource(resource: Any) -> ResourceRecord:
    """The record a rule reads, from a stack policy's ``PolicyResource``."""
    parent = getattr(resource, "parent", None)
    record = _record(
        resource.resource_type,
        resource.props,
        resource.urn,
        resource.name,
        parent.urn if parent is not None else None,
    )
    record.depends_on = [d.urn for d in getattr(resource, "dependencies", None) or []]
    deps = getattr(resource, "property_dependencies", None) or {}
    record.property_dependencies = {k: [d.urn for d in v] for k, v in deps.items()}
    return record


#: The default waiver file, shipped as package data (it waives nothing).
DEFAULT_WAIVERS = "waivers.yaml"


def default_waivers() -> Waivers:
    """The pack's waiver file: ``$FARGATE_POLICY_WAIVERS`` (the pack program sets it to the
    pack folder's ``waivers.yaml`` when there is one), else the default file shipped in the
    package (``fargate_components/policy/waivers.yaml``, read with importlib.resources so it
    is found in an installed wheel as in a checkout)."""
    path = os.environ.get(WAIVERS_ENV)
    if path:
        return load_waivers(path, known_rules=RULES)
    shipped = resources.files("fargate_components.policy") / DEFAULT_WAIVERS
    with resources.as_file(shipped) as fallback:
        return load_waivers(fallback, known_rules=RULES)


def _report(rule: Rule, graph: Graph, waivers: Waivers, report: ReportViolation, urn: bool) -> None:
    findings = []
    for record in graph:
        findings.extend(rule(record, graph))
    for finding in apply_waivers(findings, graph, waivers):
        if not finding.waived and not finding.unverified:  # those: UNVERIFIED_POLICY
            report(finding.message, finding.urn if urn else None)


def _resource_policy(rule: Rule, waivers: Waivers) -> ResourceValidationPolicy:
    def validate(args: ResourceValidationArgs, report: ReportViolation) -> None:
        if rule.applies_to(args.resource_type):
            _report(rule, Graph([record_from_resource_args(args)]), waivers, report, urn=False)

    return ResourceValidationPolicy(
        name=rule.id,
        description=rule.title,
        validate=validate,
        **_metadata(rule),
    )


def _stack_policy(rule: Rule, waivers: Waivers) -> StackValidationPolicy:
    def validate(args: StackValidationArgs, report: ReportViolation) -> None:
        graph = Graph(record_from_resource(r) for r in args.resources)
        _report(rule, graph, waivers, report, urn=True)

    return StackValidationPolicy(
        name=rule.id,
        description=rule.title,
        validate=validate,
        **_metadata(rule),
    )


def _metadata(rule: Rule) -> dict[str, Any]:
    ids = ", ".join(i for i in (rule.checkov, rule.trivy) if i)
    return {
        "enforcement_level": ENFORCEMENT[rule.severity],
        "severity": SEVERITY[rule.severity],
        "remediation_steps": rule.fix,
        "tags": [rule.severity, *([ids] if ids else [])],
    }


def _unverified_policy(waivers: Waivers) -> StackValidationPolicy:
    """Every rule that could not decide (a value it reads unknown at preview), reported
    through one advisory policy so an unknown value is never a silent pass and never blocks."""

    def validate(args: StackValidationArgs, report: ReportViolation) -> None:
        graph = Graph(record_from_resource(r) for r in args.resources)
        for rule in RULES.values():
            findings = [f for record in graph for f in rule(record, graph) if f.unverified]
            for finding in apply_waivers(findings, graph, waivers):
                if not finding.waived:
                    report(f"{finding.rule}: {finding.message}", finding.urn)

    return StackValidationPolicy(
        name=UNVERIFIED_POLICY,
        description="Rules that could not decide because a value is unknown at preview",
        validate=validate,
        enforcement_level=EnforcementLevel.ADVISORY,
        severity=Severity.LOW,
        remediation_steps="run the preview again once the value is known (after the first "
        "`pulumi up`), or make the input known at preview",
        tags=["unverified"],
    )


def _checkov_policy(waivers: Waivers, python: str | None) -> StackValidationPolicy:
    """Checkov's checks over the previewed stack, reported once (see the module docstring)."""
    from .checkov_scan import CheckovUnavailable, scan_checkov

    def validate(args: StackValidationArgs, report: ReportViolation) -> None:
        graph = Graph(record_from_resource(r) for r in args.resources)
        try:
            scan = scan_checkov(graph, python=python)
        except CheckovUnavailable as err:
            report(f"{CHECKOV_POLICY}: Checkov did not run, nothing was checked: {err}", None)
            return
        ours = [f for rule in RULES.values() for record in graph for f in rule(record, graph)]
        for finding in apply_waivers(reported_once(ours, scan.findings), graph, waivers):
            if not finding.waived:
                report(f"{finding.rule}: {finding.message}", finding.urn)

    return StackValidationPolicy(
        name=CHECKOV_POLICY,
        description="Checkov's AWS and Kubernetes checks (plan --scan checkov)",
        validate=validate,
        enforcement_level=EnforcementLevel.ADVISORY,
        severity=Severity.MEDIUM,
        remediation_steps="fix the resource as the Checkov check says, or waive it with a "
        "fargate:waive:<CHECK-ID> tag and a reason",
        tags=["checkov"],
    )


def build_policies(waivers: Waivers | None = None, checkov: str | None = None) -> list[Policy]:
    """One CrossGuard policy per rule, named by the rule id, and :data:`UNVERIFIED_POLICY`
    (advisory) for the rules that could not decide because a value is unknown.

    Args:
        waivers: the waiver file to honour. Default :func:`default_waivers`.
        checkov: ``"1"`` or the path of a Python with Checkov: add :data:`CHECKOV_POLICY`.
            Default ``$FARGATE_POLICY_CHECKOV`` (unset: no Checkov policy).
    """
    waiver_set = default_waivers() if waivers is None else waivers
    wanted = os.environ.get(CHECKOV_ENV) if checkov is None else checkov
    extra: list[Policy] = []
    if wanted:
        python = None if wanted.lower() in ("1", "true", "yes") else wanted
        extra.append(_checkov_policy(waiver_set, python))
    return [
        *(
            _stack_policy(rule, waiver_set)
            if rule.needs_graph
            else _resource_policy(rule, waiver_set)
            for rule in RULES.values()
        ),
        _unverified_policy(waiver_set),
        *extra,
    ]
