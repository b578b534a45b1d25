"""Everything the offline plan can tell about an EKS-on-Fargate program, as problems per
resource (pure). The policy rules ``FC-K8S-*`` / ``FC-EKS-005..008`` are thin wrappers
around :func:`check_plan`; this module decides, they only report.

Each entry of :attr:`PlanChecks.problems` is ``{rule id: {urn: [problem, ...]}}``: a problem
says what is wrong and names the object; the rule adds the fix.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..model.tokens import EKS_CLUSTER, K8S_INGRESS, K8S_SERVICE
from .coverage import Coverage, Placement, RecordLike, analyse
from .support_calendar import support_notes
from .traffic import ingress_problems, service_problems, service_selects
from .workloads import is_known

__all__ = [
    "AWS_DEFAULT_UPGRADE_POLICY",
    "INGRESS_TYPES",
    "SERVICE_TYPE",
    "PlanChecks",
    "check_plan",
    "upgrade_policy_of",
]

SERVICE_TYPE = K8S_SERVICE
INGRESS_TYPES = (K8S_INGRESS,)
#: What EKS applies when ``upgradePolicy`` is not set ("View current cluster upgrade policy").
AWS_DEFAULT_UPGRADE_POLICY = "EXTENDED"


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


@dataclass
class PlanChecks:
    """The coverage analysis and every problem found, by rule and resource."""

    coverage: Coverage
    problems: dict[str, dict[str, list[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )

    def add(self, rule: str, urn: str, problem: str) -> None:
        self.problems[rule][urn].append(problem)

    def of(self, rule: str, urn: str) -> list[str]:
        return list(self.problems.get(rule, {}).get(urn, []))


def upgrade_policy_of(inputs: Mapping[str, Any]) -> str | None:
    """An ``aws.eks.Cluster``'s ``upgradePolicy.supportType`` (AWS's default when absent;
    ``None`` when unknown at preview)."""
    policy = inputs.get("upgradePolicy")
    value = policy.get("supportType") if isinstance(policy, Mapping) else None
    if value is None:
        return AWS_DEFAULT_UPGRADE_POLICY
    return str(value) if is_known(value) else None


def _placements(checks: PlanChecks) -> None:
    for placement in checks.coverage.placements:
        choice = placement.choice
        if choice is not None and choice.profile is None and placement.fargate_only:
            where = f" of cluster {placement.cluster}" if placement.cluster else ""
            checks.add(
                "FC-K8S-001",
                placement.urn,
                f"{placement.workload.title}: {choice.reason}{where}, which runs only Fargate "
                f"pods: its pods stay Pending (labels {dict(placement.workload.pod_labels)})",
            )
        for refusal in placement.refusals:
            checks.add("FC-K8S-002", placement.urn, f"{placement.workload.title}: {refusal.text()}")
        _job_cleanup(checks, placement)
        _requests_match_limits(checks, placement)
    for urn, why in checks.coverage.not_analysed.items():
        checks.add("FC-K8S-007", urn, why)


def _job_cleanup(checks: PlanChecks, placement: Placement) -> None:
    workload = placement.workload
    if workload.kind != "Job" or placement.profile is None:
        return
    if workload.job_spec.get("ttlSecondsAfterFinished") is None:
        checks.add(
            "FC-K8S-005",
            placement.urn,
            f"{workload.title} sets no ttlSecondsAfterFinished: on Fargate its finished pods "
            "keep being billed until the Job is deleted",
        )


def _requests_match_limits(checks: PlanChecks, placement: Placement) -> None:
    if placement.profile is None:
        return
    for container in placement.workload.pod_spec.get("containers") or []:
        if not isinstance(container, Mapping):
            continue
        resources = _map(container.get("resources"))
        requests, limits = _map(resources.get("requests")), _map(resources.get("limits"))
        for key in ("cpu", "memory"):
            if key in requests and key in limits and requests[key] != limits[key]:
                checks.add(
                    "FC-K8S-006",
                    placement.urn,
                    f"{placement.workload.title}: container {container.get('name')!r} requests "
                    f"{key} {requests[key]} but is limited to {limits[key]}; Fargate sizes (and "
                    "bills) the pod by its requests",
                )


def _traffic(checks: PlanChecks, records: list[RecordLike]) -> None:
    on_fargate = [p for p in checks.coverage.placements if p.profile is not None]
    services: dict[tuple[str, str], Mapping[str, Any]] = {}
    for record in records:
        if record.type != SERVICE_TYPE:
            continue
        namespace, name = _namespaced(record)
        services[(namespace, name)] = record.inputs
        targets = [
            p
            for p in on_fargate
            if p.workload.namespace == namespace
            and service_selects(record.inputs, p.workload.pod_labels)
        ]
        if not targets:
            continue
        for severity, problem in service_problems(record.inputs):
            rule = "FC-K8S-004" if severity == "warning" else "FC-K8S-003"
            shown = ", ".join(p.workload.title for p in targets)
            checks.add(rule, record.urn, f"Service {namespace}/{name} (selects {shown}): {problem}")
    fargate_namespaces = {p.workload.namespace for p in on_fargate}
    for record in records:
        if record.type not in INGRESS_TYPES:
            continue
        namespace, name = _namespaced(record)
        if namespace not in fargate_namespaces:
            continue
        local = {n: s for (ns, n), s in services.items() if ns == namespace}
        for problem in ingress_problems(record.inputs, local):
            checks.add("FC-K8S-003", record.urn, f"Ingress {namespace}/{name}: {problem}")


def _namespaced(record: RecordLike) -> tuple[str, str]:
    metadata = _map(record.inputs.get("metadata"))
    namespace = metadata.get("namespace") or "default"
    name = metadata.get("name") or record.name
    return str(namespace), str(name)


def _versions(checks: PlanChecks, records: list[RecordLike], on: date | None) -> None:
    for record in records:
        if record.type != EKS_CLUSTER:
            continue
        version = record.inputs.get("version")
        policy = upgrade_policy_of(record.inputs)
        if not is_known(version) or policy is None:
            continue
        for note in support_notes(str(version) if version else None, policy, on):
            rule = "FC-EKS-007" if note.severity == "error" else "FC-EKS-008"
            checks.add(rule, record.urn, note.message)


def _profiles(checks: PlanChecks) -> None:
    for use in checks.coverage.profiles:
        if use.shadowed:
            checks.add(
                "FC-EKS-005",
                use.urn,
                f"profile {use.rule.name} matches {', '.join(use.shadowed)}, which another "
                "profile takes (EKS picks the first matching profile by name)",
            )
        elif not use.selected:
            checks.add(
                "FC-EKS-005",
                use.urn,
                f"profile {use.rule.name} selects no workload of this program",
            )


def check_plan(records: Iterable[RecordLike], on: date | None = None) -> PlanChecks:
    """Run every EKS-on-Fargate check over a plan's records (``on``: the day version
    support is judged on, default today)."""
    items = list(records)
    checks = PlanChecks(analyse(items))
    _placements(checks)
    _traffic(checks, items)
    _profiles(checks)
    _versions(checks, items, on)
    for urn, problem in checks.coverage.pod_identity.items():
        checks.add("FC-EKS-006", urn, problem)
    return checks
