"""The Fargate tasks an EventBridge Scheduler schedule starts (``ScheduledTask``), priced from
its schedule: runs a month (:func:`fargate_components.ecs.schedule_runs.schedule_runs_per_month`)
x ``scheduled_task_run_minutes`` x ``taskCount`` x the task definition's size, split between
FARGATE and FARGATE_SPOT by the schedule's capacity provider strategy as ECS places a
``RunTask`` of ``taskCount`` tasks (the same placement and prices as an ECS service's tasks).

EventBridge Scheduler's own invocations are billed per million after a monthly free tier
(https://aws.amazon.com/eventbridge/pricing/, not in the stored docs): not priced, and the
formula says so. A schedule whose target is not ECS is listed in ``not_costed``.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from ..ecs.schedule_runs import schedule_runs_per_month
from ..errors import ValidationError
from ..model import ResourceRecord
from .model import FARGATE, FARGATE_SPOT, expected_split
from .report import money, num

__all__ = ["price_schedule"]


def _as_task_run(record: ResourceRecord) -> ResourceRecord | None:
    """The schedule seen as what it runs: a record whose inputs have an ECS service's
    ``taskDefinition`` / ``capacityProviderStrategies`` / ``launchType`` / ``cluster`` keys,
    so the estimator reads it as it reads a service. ``None`` when the target is not ECS."""
    target = record.inputs.get("target")
    ecs = target.get("ecsParameters") if isinstance(target, dict) else None
    if not isinstance(ecs, dict):
        return None
    inputs = {
        "taskDefinition": ecs.get("taskDefinitionArn"),
        "capacityProviderStrategies": ecs.get("capacityProviderStrategies"),
        "launchType": ecs.get("launchType"),
        "cluster": target.get("arn") if isinstance(target, dict) else None,
    }
    deps = record.property_dependencies.get("target", [])
    return replace(
        record,
        inputs={k: v for k, v in inputs.items() if v is not None},
        property_dependencies={"taskDefinition": deps, "cluster": deps},
    )


def price_schedule(est: Any, record: ResourceRecord) -> None:
    run = _as_task_run(record)
    if run is None:
        est.skip(record, "its target is not an ECS task; only ECS targets are priced")
        return
    state = record.inputs.get("state")
    if state == "DISABLED":
        est.mark_free(record, "a disabled schedule starts no tasks")
        return
    try:
        runs, runs_why = schedule_runs_per_month(
            "scheduleExpression", record.inputs.get("scheduleExpression"), est.hours
        )
    except ValidationError as error:
        est.skip(record, f"runs a month not known: {error}")
        return
    task = est.service_task(run)
    if task is None:
        return
    target = record.inputs.get("target") or {}
    count = (target.get("ecsParameters") or {}).get("taskCount")
    tasks = count if isinstance(count, int) and not isinstance(count, bool) else 1
    minutes = est.assume("scheduled_task_run_minutes")
    on_demand, spot, per_task = est.task_prices(
        task.size, task.operating_system, task.architecture, task.ephemeral
    )
    split = expected_split(tasks, task.strategy)
    source = task.strategy_source.replace("the service's", "the schedule's")
    task_hours = runs * minutes / 60
    hourly = (
        (split.get(FARGATE, 0) * on_demand.total + split.get(FARGATE_SPOT, 0) * spot.total)
        * task_hours
        / est.hours
    )
    uses = [*on_demand.uses, "scheduled_task_run_minutes"]
    lines = [
        runs_why,
        f"{num(minutes)} min a run (scheduled_task_run_minutes): "
        f"{num(round(Decimal(str(task_hours)), 2))} h a month",
        f"{tasks} tasks a run, placed {split.get(FARGATE, 0)} FARGATE + "
        f"{split.get(FARGATE_SPOT, 0)} FARGATE_SPOT by {source}",
        f"on-demand: {per_task}",
    ]
    if split.get(FARGATE_SPOT, 0):
        discount = est.assume("fargate_spot_discount")
        uses.append("fargate_spot_discount")
        lines.append(
            f"spot: compute x (1 - {num(discount)} fargate_spot_discount) = "
            f"{money(spot.total, 8)}/task-hour"
        )
    lines.append("Scheduler invocations (per million, after a free tier) not included")
    est.add(
        record,
        f"Scheduled task {record.name}: {num(runs)} runs a month x {tasks} x {task.size} "
        "Fargate tasks",
        hourly,
        "; ".join(lines),
        uses,
        tasks={
            "count": tasks,
            "source": "taskCount a run",
            "min": tasks,
            "max": tasks,
            "on_demand": split.get(FARGATE, 0),
            "spot": split.get(FARGATE_SPOT, 0),
            "vcpu": float(task.size.vcpu),
            "memory_gb": float(task.size.memory_gib),
            "runs_per_month": float(runs),
            "run_minutes": float(minutes),
        },
    )
