"""What a deploy of each ECS service costs a reviewer: its deployment strategy and the surge
it implies, read from the plan's wire shapes (and the cost estimate's price per task). Pure.

- ``ROLLING`` (ECS's default) starts up to ``deploymentMaximumPercent`` of the desired count
  (our default 200 %) before stopping old tasks: a short surge.
- ``BLUE_GREEN``, ``LINEAR`` and ``CANARY`` start a whole second revision (the green tasks)
  and keep both running until the bake time ends: 2x the tasks (and 2x their private IPs in
  the subnets) for the deployment plus ``bakeTimeInMinutes``, during which the old (blue)
  revision keeps running so traffic can roll back (ECS guide, "Amazon ECS blue/green
  deployments",
  https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-blue-green.html;
  the same page's model as issue 12 describes it, not re-read word for word this session).

The extra cost is the service's average task price (its cost item / its task count) times
the surge tasks, per hour the surge lasts.

A service with a task-attached EBS volume (``volumeConfiguration.managedEbsVolume``) says so:
ECS creates one volume per task and deletes it when the task stops (a service-managed volume
has no termination policy, ecs/ebs_volumes.py), so every deploy starts its tasks on new
volumes.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..model import Plan, is_known
from ..model.tokens import ECS_SERVICE

__all__ = ["ServiceDeployment", "render_deployments_markdown", "service_deployments"]

TRAFFIC_SHIFTING = ("BLUE_GREEN", "LINEAR", "CANARY")


@dataclass(frozen=True)
class ServiceDeployment:
    """One service's deployment strategy and the surge a deploy implies."""

    urn: str
    name: str
    strategy: str
    desired: int
    surge_tasks: int
    bake_minutes: int | None
    surge_hourly: Decimal | None
    """Extra USD per hour while the surge lasts (None: no price for the service)."""
    task_volume: dict[str, Any] | None = None
    """The EBS volume ECS creates for each task (``name``, ``volume_type``, ``size_gib``,
    ``delete_on_termination``: always true for a service), or None."""

    def summary(self) -> str:
        """The tree's Info text, e.g. ``BLUE_GREEN: +2 tasks (2x) for the deploy + 15 min
        bake, +2 private IPs, +$0.02/h``."""
        if self.strategy in TRAFFIC_SHIFTING:
            bake = f" + {self.bake_minutes} min bake" if self.bake_minutes else ""
            how = f"+{self.surge_tasks} tasks (2x) for the deploy{bake}"
        else:
            how = f"up to +{self.surge_tasks} tasks while old ones drain"
        text = f"{self.strategy}: {how}, +{self.surge_tasks} private IPs"
        if self.surge_hourly is not None:
            text += f", +${self.surge_hourly:.2f}/h"
        volume = self.task_volume
        if volume is not None:
            size = f"{volume['size_gib']} GiB " if volume["size_gib"] is not None else ""
            text += (
                f"; each task: a {size}{volume['volume_type']} EBS volume, deleted when the "
                "task stops"
            )
        return text

    def to_json(self) -> dict[str, Any]:
        return {
            "urn": self.urn,
            "name": self.name,
            "strategy": self.strategy,
            "desired_count": self.desired,
            "surge_tasks": self.surge_tasks,
            "bake_time_minutes": self.bake_minutes,
            "surge_hourly": float(self.surge_hourly) if self.surge_hourly is not None else None,
            "task_volume": self.task_volume,
        }


def _int(value: Any, default: int) -> int:
    if value is None or not is_known(value):
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def service_deployments(plan: Plan, cost: Any = None) -> list[ServiceDeployment]:
    """Every ECS service of ``plan`` with a known desired count, in plan order; ``cost`` (a
    ``CostReport``) gives each one's average task price."""
    prices: dict[str, tuple[Decimal, int]] = {}
    if cost is not None:
        hours = Decimal(str(cost.hours_per_month))
        for item in cost.items:
            count = (item.tasks or {}).get("count")
            if item.type == ECS_SERVICE and isinstance(count, int) and count > 0:
                prices[item.urn] = (item.monthly / hours / count, count)
    out = []
    for record in plan.of_type(ECS_SERVICE):
        desired = record.inputs.get("desiredCount")
        if not isinstance(desired, int) or not is_known(desired):
            continue
        config = record.inputs.get("deploymentConfiguration") or {}
        config = config if isinstance(config, dict) else {}
        strategy = config.get("strategy")
        strategy = strategy if isinstance(strategy, str) and is_known(strategy) else "ROLLING"
        if strategy in TRAFFIC_SHIFTING:
            surge = desired
        else:
            maximum = _int(record.inputs.get("deploymentMaximumPercent"), 200)
            surge = max(0, desired * maximum // 100 - desired)
        bake = config.get("bakeTimeInMinutes")
        per_task = prices.get(record.urn)
        out.append(
            ServiceDeployment(
                urn=record.urn,
                name=record.name,
                strategy=strategy,
                desired=desired,
                surge_tasks=surge,
                bake_minutes=_int(bake, 0) if bake is not None else None,
                surge_hourly=per_task[0] * surge if per_task else None,
                task_volume=_task_volume(record.inputs.get("volumeConfiguration")),
            )
        )
    return out


def _task_volume(config: Any) -> dict[str, Any] | None:
    """The service's task-attached EBS volume, as the plan JSON shows it."""
    if not isinstance(config, dict) or not isinstance(config.get("managedEbsVolume"), dict):
        return None
    managed = config["managedEbsVolume"]
    size = managed.get("sizeInGb")
    return {
        "name": config.get("name"),
        "volume_type": managed.get("volumeType") or "gp3",
        "size_gib": size if isinstance(size, int) else None,
        "delete_on_termination": True,
    }


def render_deployments_markdown(items: list[ServiceDeployment]) -> str:
    """A table: service, strategy, desired, surge tasks and IPs, bake time, extra cost."""
    lines = [
        "| Service | Strategy | Tasks | Surge during a deploy | Bake | Extra while surging |",
        "|---|---|---|---|---|---|",
    ]
    for d in items:
        factor = " (2x)" if d.strategy in TRAFFIC_SHIFTING else ""
        cost = f"${d.surge_hourly:.2f}/h" if d.surge_hourly is not None else "not costed"
        bake = f"{d.bake_minutes} min" if d.bake_minutes else "-"
        lines.append(
            f"| {d.name} | {d.strategy} | {d.desired} | +{d.surge_tasks} tasks{factor}, "
            f"+{d.surge_tasks} private IPs | {bake} | {cost} |"
        )
    return "\n".join(lines)
