"""Policy rules over the resource graph: Checkov/Trivy-style checks on AWS wire shapes.

Example::

    # fragment: `program` and waivers.yaml are yours
    from fargate_components.policy import evaluate, should_fail, render_findings_text
    from fargate_components.testing import run_in_mocks

    findings = evaluate(run_in_mocks(program), waivers="waivers.yaml")
    print(render_findings_text(findings))
    if should_fail(findings, "error"):
        raise SystemExit(1)

The same rules back the CrossGuard policy pack in the repository's ``policy/`` folder
(see :mod:`fargate_components.policy.crossguard`).
"""

from ..model import Graph
from . import (
    capacity_rules,  # noqa: F401  (registers FC-ECS-013)
    certificate_rules,  # noqa: F401  (registers FC-NET-102)
    discovery_rules,  # noqa: F401  (registers FC-NET-105)
    exposure_rules,  # noqa: F401  (registers FC-NET-101)
    key_rules,  # noqa: F401  (registers FC-KMS-001)
    queue_rules,  # noqa: F401  (registers FC-WRK-001)
    spot_rules,  # noqa: F401  (registers FC-ECS-010, FC-ECS-011)
    storage_rules,  # noqa: F401  (registers FC-ECS-020, FC-ECS-021)
    subnet_rules,  # noqa: F401  (registers FC-NET-104)
    traffic_rules,  # noqa: F401  (registers FC-NET-106)
    waf_rules,  # noqa: F401  (registers FC-WAF-001)
)
from .eks_fargate_rules import eks_checks_of  # registers FC-K8S-*, FC-EKS-005..008
from .engine import (
    FAIL_ON,
    apply_waivers,
    assert_no_findings,
    evaluate,
    render_findings_markdown,
    render_findings_text,
    render_rules_markdown,
    should_fail,
)
from .image_rules import unpinned_reason  # registers FC-ECS-012, FC-K8S-008
from .model import SEVERITIES, Finding, Rule, Unverified, unseen
from .route_rules import route_problems_of  # registers FC-ROUTE-* after the rules above
from .rules import RESOURCELESS_ACTIONS, RULES, public_subnet_reason
from .service_connect_rules import service_connect_conflicts  # registers FC-SC-001
from .waivers import WAIVER_TAG, FileWaiver, Waivers, load_waivers, parse_waiver_tag

__all__ = [
    "FAIL_ON",
    "RESOURCELESS_ACTIONS",
    "RULES",
    "SEVERITIES",
    "WAIVER_TAG",
    "FileWaiver",
    "Finding",
    "Graph",
    "Rule",
    "Unverified",
    "Waivers",
    "apply_waivers",
    "assert_no_findings",
    "eks_checks_of",
    "evaluate",
    "load_waivers",
    "parse_waiver_tag",
    "public_subnet_reason",
    "render_findings_markdown",
    "render_findings_text",
    "render_rules_markdown",
    "route_problems_of",
    "service_connect_conflicts",
    "should_fail",
    "unpinned_reason",
    "unseen",
]
