"""Cost that is complete or says what it lacks: for every example, every resource and every
workload is costed, listed in ``not_costed`` with a reason, or listed as ``free`` with a
reason, and none is "unclassified" (a type the estimate forgot).

Plans are read from the example snapshots (tests/test_snapshots.py keeps them equal to the
examples' current plans), so this costs no program run.
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from fargate_components.ecs.schedule_runs import schedule_runs_per_month
from fargate_components.eks.coverage import analyse
from fargate_components.eks.traffic import ingress_albs
from fargate_components.errors import ValidationError
from fargate_components.model import Plan
from fargate_components.model.tokens import ECS_SERVICE, K8S_INGRESS, SCHEDULE
from fargate_components.pricing import CostReport, estimate_cost
from fargate_components.pricing.free import UNCLASSIFIED

SNAPSHOTS = sorted((Path(__file__).parent / "snapshots").glob("example-*.json"))
IDS = [p.stem.removeprefix("example-") for p in SNAPSHOTS]


@cache
def _planned(path: Path) -> tuple[Plan, CostReport]:
    plan = Plan.from_json(json.loads(path.read_text()))
    return plan, estimate_cost(plan)


@pytest.mark.parametrize("path", SNAPSHOTS, ids=IDS)
def test_every_resource_is_costed_not_costed_or_free(path: Path) -> None:
    plan, report = _planned(path)
    places = Counter(
        [i.urn for i in report.items if i.urn in {r.urn for r in plan.resources}]
        + [n.urn for n in report.not_costed]
        + [f.urn for f in report.free]
    )
    custom = [r for r in plan.resources if r.custom]
    missing = [f"{r.type} {r.name}" for r in custom if r.urn not in places]
    assert missing == []
    assert all(n.reason for n in report.not_costed)
    assert all(f.reason for f in report.free)
    unclassified = [f"{n.type} {n.name}" for n in report.not_costed if n.reason == UNCLASSIFIED]
    assert unclassified == [], "give each type a price, a not_costed reason or a free reason"
    free = {f.urn for f in report.free}
    assert not free & ({i.urn for i in report.items} | {n.urn for n in report.not_costed})


@pytest.mark.parametrize("path", SNAPSHOTS, ids=IDS)
def test_every_workload_is_costed_or_not_costed(path: Path) -> None:
    """ECS services, schedules, EKS pods (add-ons and Helm controllers included) and the
    ALBs Ingresses imply each have their own item, or a not_costed entry."""
    plan, report = _planned(path)
    items = Counter(i.urn for i in report.items)
    skipped = {n.urn for n in report.not_costed}
    for record in plan.of_type(ECS_SERVICE) + plan.of_type(SCHEDULE):
        assert items[record.urn] or record.urn in skipped, record.name
    for placement in analyse(plan.resources).placements:
        assert items[placement.urn] or placement.urn in skipped, placement.workload.title
    ingresses = []
    for record in plan.of_type(K8S_INGRESS):
        meta = record.inputs.get("metadata") or {}
        key = f"{meta.get('namespace') or 'default'}/{meta.get('name') or record.name}"
        ingresses.append((key, record.inputs))
    albs = ingress_albs(ingresses)
    alb_items = [
        i for i in report.items if "made by the AWS Load Balancer Controller" in i.description
    ]
    assert len(alb_items) == len(albs)


def test_the_scheduled_job_example_prices_its_runs() -> None:
    path = next(p for p in SNAPSHOTS if p.stem == "example-ecs-scheduled-job")
    _plan, report = _planned(path)
    item = next(i for i in report.items if i.type == SCHEDULE)
    assert item.tasks is not None and item.tasks["runs_per_month"] == 30.42
    assert item.tasks["spot"] == 1 and "scheduled_task_run_minutes" in item.uses
    assert "scheduled_task_run_minutes" in report.assumptions
    # 30.42 runs x 10 min x 1 vCPU / 2 GB at the Spot price (70 % off on-demand compute)
    hourly = (Decimal("0.04048") + 2 * Decimal("0.004445")) * Decimal("0.3")
    assert item.monthly == (Decimal("30.42") * 10 / 60 * hourly).quantize(Decimal("0.01"))


@pytest.mark.parametrize(
    ("expression", "runs"),
    [
        ("rate(6 hours)", "121.67"),
        ("rate(1 day)", "30.42"),
        ("rate(30 minutes)", "1460.00"),
        ("cron(0 2 * * ? *)", "30.42"),
        ("cron(30 6 ? * MON-FRI *)", "21.75"),  # 261 weekdays in 2027 / 12
        ("cron(0 8 ? * 2 *)", "4.33"),  # 2 = Monday in EventBridge's day-of-week
        ("cron(0 0 L * ? *)", "1.0"),
        ("cron(0 9 ? * 6#3 *)", "1.0"),
        ("at(2026-12-24T08:00:00)", "1"),
    ],
)
def test_schedule_runs_per_month(expression: str, runs: str) -> None:
    assert schedule_runs_per_month("schedule", expression)[0] == Decimal(runs)


@pytest.mark.parametrize("expression", ["[unknown]", "cron(0 2 * * *)", "rate(0 hours)", 5])
def test_an_unreadable_schedule_is_an_error(expression: object) -> None:
    with pytest.raises(ValidationError, match="schedule"):
        schedule_runs_per_month("schedule", expression)


def test_every_resource_type_the_model_knows_is_classified() -> None:
    """Each AWS / Kubernetes resource token in model/tokens.py has a price, a not_costed
    reason, a free reason or is a workload, so "unclassified" is left for types the library
    has never heard of."""
    import fargate_components.model.tokens as tokens
    from fargate_components.eks.workloads import HELM_RELEASE_TYPES, WORKLOAD_TYPES
    from fargate_components.pricing.estimate import _HANDLERS
    from fargate_components.pricing.free import free_reason

    resource_types = [
        value
        for name, value in vars(tokens).items()
        if name.isupper()
        and isinstance(value, str)
        and value.startswith(("aws:", "kubernetes:"))
        and value.count(":") == 2
        and not value.endswith(":")
        and not name.startswith("GET_")
    ]
    unknown = [
        t
        for t in resource_types
        if t not in _HANDLERS
        and free_reason(t) is None
        and t not in WORKLOAD_TYPES
        and t not in HELM_RELEASE_TYPES
    ]
    assert unknown == []
