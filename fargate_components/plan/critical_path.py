"""The deployment critical path of a plan: the longest chain of creates, by typical times.

``pulumi up`` creates resources in parallel as soon as what they depend on exists, so the
wall time of a first deploy is bounded below by the longest chain of dependencies (parent
and ``depends_on`` edges, property dependencies included), each weighted by how long AWS
typically takes to create that resource. Components take no time of their own.

Example::

    # fragment: `plan` is yours (a Plan from run_in_mocks)
    from fargate_components.plan.critical_path import critical_path, render_critical_path

    path = critical_path(plan.resources)
    print(render_critical_path(path))

The times in :data:`CREATE_SECONDS` are typical figures, not guarantees; each says where it
comes from. Anything not listed takes :data:`DEFAULT_SECONDS`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..model.tokens import (
    ACM_CERTIFICATE_VALIDATION,
    ECS_SERVICE,
    EKS_ADDON,
    EKS_CLUSTER,
    FARGATE_PROFILE,
    HELM_RELEASE,
    IAM_OIDC_PROVIDER,
    IAM_ROLE,
    IAM_ROLE_POLICY,
    IAM_ROLE_POLICY_ATTACHMENT,
    LOAD_BALANCER,
    NAT_GATEWAY,
    ROUTE53_RECORD,
    SQS_QUEUE,
    VPC_ENDPOINT,
)
from ..timefmt import duration

__all__ = [
    "CREATE_SECONDS",
    "DEFAULT_SECONDS",
    "CriticalPath",
    "Step",
    "create_seconds",
    "critical_path",
    "render_critical_path",
]

#: Typical creation time in seconds per type token. Sources or (assumption) per entry.
CREATE_SECONDS: Mapping[str, float] = {
    # EKS control plane: AWS documents "several minutes"; observed 9-12 min
    # (https://docs.aws.amazon.com/eks/latest/userguide/create-cluster.html). (assumption: 600)
    EKS_CLUSTER: 600,
    # A Fargate profile goes CREATING -> ACTIVE in a few minutes, and profiles of one cluster
    # are created one at a time (https://docs.aws.amazon.com/eks/latest/userguide/fargate-profile.html).
    # (assumption: 180)
    FARGATE_PROFILE: 180,
    # Managed add-ons (CoreDNS on Fargate waits for pods to schedule). (assumption: 120)
    EKS_ADDON: 120,
    # NAT gateway: pending -> available typically 1-2 min. (assumption: 120)
    NAT_GATEWAY: 120,
    # ALB/NLB: provisioning -> active typically 2-3 min. (assumption: 180)
    LOAD_BALANCER: 180,
    # ECS service: the provider waits for the service to be ACTIVE; with a load balancer,
    # tasks start (30-60 s on Fargate) and must pass health checks before steady state.
    # (assumption: 240; 60 without waiting for steady state is also common)
    ECS_SERVICE: 240,
    # Interface VPC endpoints: pending -> available. (assumption: 90)
    VPC_ENDPOINT: 90,
    # IAM is eventually consistent; the provider retries role use for a few seconds.
    # (assumption: 10)
    IAM_ROLE: 10,
    IAM_ROLE_POLICY: 10,
    IAM_ROLE_POLICY_ATTACHMENT: 10,
    IAM_OIDC_PROVIDER: 10,
    # KMS keys and SQS queues: a few seconds; SQS queue attributes propagate within ~60 s,
    # which the provider waits for (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html).
    # (assumption: 30)
    SQS_QUEUE: 30,
    # ACM DNS validation: the provider waits until ACM issues the certificate (its default
    # timeout is 45 min, hashicorp/terraform-provider-aws#9338); usually minutes once the
    # CNAME resolves. (assumption: 300)
    ACM_CERTIFICATE_VALIDATION: 300,
    # A Route 53 change is PENDING until INSYNC (usually within 60 s), which the provider
    # waits for. (assumption: 60)
    ROUTE53_RECORD: 60,
    # Helm releases on EKS (e.g. the AWS Load Balancer Controller) wait for pods on Fargate.
    # (assumption: 120)
    HELM_RELEASE: 120,
}
#: Anything else: subnets, route tables, security groups and rules, log groups, target
#: groups, listeners, task definitions, scaling policies... (assumption: 5 s)
DEFAULT_SECONDS = 5.0


class _Record(Protocol):
    urn: str
    type: str
    name: str
    parent: str | None
    custom: bool
    depends_on: list[str]


@dataclass(frozen=True)
class Step:
    """One resource on the critical path: its own create time and when it would finish."""

    urn: str
    type: str
    name: str
    seconds: float
    finish: float


@dataclass(frozen=True)
class CriticalPath:
    """The longest chain; ``total`` is its length in seconds (0 for an empty plan)."""

    steps: list[Step] = field(default_factory=list)
    total: float = 0.0
    resources: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "total_seconds": self.total,
            "resources": self.resources,
            "steps": [
                {"urn": s.urn, "type": s.type, "name": s.name, "seconds": s.seconds}
                for s in self.steps
            ],
        }


def create_seconds(
    type_: str, custom: bool = True, times: Mapping[str, float] | None = None
) -> float:
    """The typical create time of one resource (components and the stack: 0)."""
    if not custom:
        return 0.0
    table = CREATE_SECONDS if times is None else times
    return float(table.get(type_, DEFAULT_SECONDS))


def critical_path(
    records: Iterable[_Record], times: Mapping[str, float] | None = None
) -> CriticalPath:
    """The longest chain of creates through parent and ``depends_on`` edges.

    Edges to URNs not in ``records`` are ignored. Ties go to the chain met first in URN
    order, so the answer is deterministic. Raises ``ValueError`` on a cycle (which the
    Pulumi engine would reject too).
    """
    by_urn = {r.urn: r for r in records}
    waits = {
        urn: sorted({d for d in [r.parent, *r.depends_on] if d in by_urn and d != urn})
        for urn, r in by_urn.items()
    }
    finish: dict[str, float] = {}
    via: dict[str, str | None] = {}
    state: dict[str, int] = {}  # 1 visiting, 2 done
    for start in sorted(by_urn):
        if state.get(start) == 2:
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        while stack:
            urn, i = stack.pop()
            if i == 0:
                if state.get(urn) == 1:
                    raise ValueError(f"dependency cycle through {urn}")
                state[urn] = 1
            deps = waits[urn]
            if i < len(deps):
                stack.append((urn, i + 1))
                dep = deps[i]
                if state.get(dep) == 1:
                    raise ValueError(f"dependency cycle through {dep}")
                if state.get(dep) != 2:
                    stack.append((dep, 0))
                continue
            best: str | None = None
            for dep in deps:
                if best is None or finish[dep] > finish[best]:
                    best = dep
            r = by_urn[urn]
            own = create_seconds(r.type, r.custom, times)
            finish[urn] = own + (finish[best] if best is not None else 0.0)
            via[urn] = best
            state[urn] = 2
    if not finish:
        return CriticalPath()
    end = max(sorted(finish), key=lambda u: finish[u])
    chain: list[str] = []
    at: str | None = end
    while at is not None:
        chain.append(at)
        at = via[at]
    steps = [
        Step(
            u,
            by_urn[u].type,
            by_urn[u].name,
            create_seconds(by_urn[u].type, by_urn[u].custom, times),
            finish[u],
        )
        for u in reversed(chain)
        if by_urn[u].custom
    ]
    return CriticalPath(steps, finish[end], len(by_urn))


def render_critical_path(path: CriticalPath) -> str:
    """The chain as text: one line per create, with its time and when it would finish."""
    lines = [f"critical path: {duration(path.total)} over {len(path.steps)} creates"]
    for s in path.steps:
        lines.append(f"  {duration(s.finish):>7}  +{duration(s.seconds):>6}  {s.type}  {s.name}")
    return "\n".join(lines)
