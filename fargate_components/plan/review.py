"""The review sections a plan carries besides its resources: cost, findings, simulation.

Built once per plan and rendered by every format (json, tree, markdown), so the formats
can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..eks.coverage import Coverage, analyse
from ..errors import ValidationError
from ..model import Plan
from ..policy import Finding, evaluate, render_findings_markdown, render_findings_text
from ..pricing import (
    Advice,
    CostReport,
    advise,
    estimate_cost,
    load_prices,
    render_advice_markdown,
    render_advice_text,
    render_cost_markdown,
    render_cost_text,
)
from .critical_path import CriticalPath, critical_path, render_critical_path
from .deployments import ServiceDeployment, render_deployments_markdown, service_deployments
from .routes import (
    ListenerRoutes,
    build_routes,
    render_routes_markdown,
    render_routes_text,
    routes_json,
)

__all__ = ["Review", "build_review"]


@dataclass
class Review:
    """Cost (or why there is none), policy findings and, when asked for, the simulation."""

    region: str
    findings: list[Finding]
    cost: CostReport | None
    cost_unavailable: str | None = None
    advice: Advice | None = None
    """The cost advisor's savings (``pricing.advise``), with the cost when there is one."""
    simulation: Any = None
    critical_path: CriticalPath = field(default_factory=CriticalPath)
    routes: list[ListenerRoutes] = field(default_factory=list)
    coverage: Coverage = field(default_factory=lambda: Coverage((), ()))
    """Every Kubernetes workload with the Fargate profile EKS picks and the size it bills."""
    deployments: list[ServiceDeployment] = field(default_factory=list)
    """Each ECS service's deployment strategy and the surge a deploy implies."""
    scan: Any = None
    """With ``--scan checkov``: the :class:`~fargate_components.policy.checkov_scan.CheckovScan`."""

    def tree_info(self) -> dict[str, str]:
        """URN -> the tree's Info column: each workload's profile and billed Fargate size,
        and what each Fargate profile runs."""
        info = {use.urn: use.summary() for use in self.coverage.profiles}
        info.update({p.urn: p.summary() for p in self.coverage.placements})
        info.update({d.urn: d.summary() for d in self.deployments})
        return info

    def json_sections(self) -> dict[str, Any]:
        """The plan JSON keys ``cost``, ``findings`` and (with --simulate) ``simulation``."""
        if self.cost is not None:
            cost: dict[str, Any] = self.cost.to_json()
            if self.advice is not None:
                cost["advice"] = self.advice.to_json()
        else:
            cost = {
                "currency": "USD",
                "region": self.region,
                "hours_per_month": 730,
                "total_monthly": None,
                "items": [],
                "assumptions": {},
                "unavailable": self.cost_unavailable,
            }
        sections: dict[str, Any] = {
            "cost": cost,
            "findings": [f.to_json() for f in self.findings],
            "critical_path": self.critical_path.to_json(),
            "routes": routes_json(self.routes),
            "deployments": [d.to_json() for d in self.deployments],
        }
        if self.coverage.placements:
            sections["eks_workloads"] = [p.to_json() for p in self.coverage.placements]
        if self.simulation is not None:
            sections["simulation"] = self.simulation.to_json()
        if self.scan is not None:
            sections["scan"] = self.scan.to_json()
        return sections

    def text_sections(self) -> list[str]:
        cost = (
            render_cost_text(self.cost) + _advice(render_advice_text, self.advice)
            if self.cost is not None
            else f"Cost estimate: unavailable ({self.cost_unavailable})\n"
        )
        findings = render_findings_text(self.findings)
        if self.scan is not None:
            findings = f"{findings}\n  {self.scan.summary()}"
        sections = [cost, findings, self._critical_path_text() + "\n"]
        if self.routes:
            sections.insert(0, render_routes_text(self.routes) + "\n")
        if self.simulation is not None:
            from .program import render_simulation_text

            sections.append(render_simulation_text(self.simulation))
        return sections

    def _critical_path_text(self) -> str:
        return (
            "Deployment "
            + render_critical_path(self.critical_path)
            + "\n  (typical AWS create times; assumptions in fargate_components.plan.critical_path)"
        )

    def markdown_sections(self) -> list[str]:
        """Cost table, findings and (with --simulate) the simulation, as GitHub Markdown."""
        cost = (
            render_cost_markdown(self.cost) + _advice(render_advice_markdown, self.advice)
            if self.cost is not None
            else f"### Cost estimate: unavailable\n\n{self.cost_unavailable}\n"
        )
        sections = [
            *(["### Routes\n\n" + render_routes_markdown(self.routes)] if self.routes else []),
            cost,
            "### Policy findings\n\n"
            + render_findings_markdown(self.findings)
            + (f"\n\n{self.scan.summary()}" if self.scan is not None else ""),
            *(
                ["### Deployments\n\n" + render_deployments_markdown(self.deployments)]
                if self.deployments
                else []
            ),
            f"### Deployment critical path\n\n```text\n{self._critical_path_text()}\n```",
        ]
        if self.simulation is not None:
            from .program import render_simulation_text

            text = render_simulation_text(self.simulation).rstrip("\n")
            sections.append(f"### Simulated deploy\n\n```text\n{text}\n```")
        return sections


def _advice(render: Any, advice: Advice | None) -> str:
    return "\n" + render(advice) if advice is not None else ""


def build_review(
    plan: Plan,
    *,
    waivers: str | None = None,
    prices_path: str | None = None,
    simulate: bool = False,
    fixtures: Any = None,
    scan: str | None = None,
    checkov_python: str | None = None,
) -> Review:
    """Evaluate the policy rules and estimate the cost of ``plan``; with ``simulate``,
    replay it into moto too (``fixtures``: declared pre-existing objects, created first). A region without a price file gives no cost (with the
    reason) instead of failing the plan; pass ``prices_path`` to price it. With
    ``scan="checkov"``, Checkov's checks run too (``checkov_python``: the interpreter that has
    it) and their findings join ours."""
    scanned = None
    if scan == "checkov":
        from ..policy.checkov_scan import scan_checkov  # Checkov runs only when asked

        scanned = scan_checkov(plan, python=checkov_python)
    extra = scanned.findings if scanned is not None else ()
    review = Review(plan.region, evaluate(plan, waivers=waivers, extra=extra), None)
    review.scan = scanned
    review.critical_path = critical_path(plan.resources)
    review.routes = build_routes(plan)
    review.coverage = analyse(plan.resources)
    try:
        prices = load_prices(plan.region, prices_path) if prices_path else None
        review.cost = estimate_cost(plan, prices=prices)
        review.advice = advise(plan, review.cost, prices)
    except ValidationError as err:
        if prices_path:
            raise
        review.cost_unavailable = str(err)
    review.deployments = service_deployments(plan, review.cost)
    if simulate:
        from .program import simulate as replay  # moto loads only when asked

        review.simulation = replay(plan, fixtures=fixtures)
    return review
