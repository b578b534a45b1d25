"""Cloud Map deletes AWS refuses while ECS still uses what they delete (for the plan diff).

- A Cloud Map service (``aws.servicediscovery.Service``) ECS services register their tasks in
  (``serviceRegistries``): "If the service still contains one or more registered instances,
  the request fails" (ResourceInUse; DeleteService, Cloud Map API reference,
  https://docs.aws.amazon.com/cloud-map/latest/api/API_DeleteService.html). ECS deregisters a
  task when it stops, so the delete fails while an ECS service that registers into it stays
  (kept in the stack, or dropped with ``retain_on_delete``); when the change moves the ECS
  service to a new registry first (a replacement, the new one created first), the old
  deployment's tasks stay registered until they stop, so it fails too unless the service
  update waits for its deployment (``waitForSteadyState``).
- A namespace ECS Service Connect services use: ECS creates a Cloud Map service per discovery
  name in it, and "If the namespace still contains one or more services, the request fails"
  (ResourceInUse; DeleteNamespace,
  https://docs.aws.amazon.com/cloud-map/latest/api/API_DeleteNamespace.html). A namespace
  the diff deletes or replaces while such ECS services stay fails to delete.

:func:`in_use` returns, per deleted or replaced Cloud Map resource, why AWS refuses its
delete (``diff_plans`` puts it in the change's ``replacement.conflict``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..model import ResourceRecord, distinctive_handles, strings
from ..model.tokens import DISCOVERY_SERVICE, ECS_SERVICE, HTTP_NAMESPACE, PRIVATE_DNS_NAMESPACE

__all__ = ["in_use"]

_NAMESPACES = (HTTP_NAMESPACE, PRIVATE_DNS_NAMESPACE)
_USE = {DISCOVERY_SERVICE: "serviceRegistries"} | dict.fromkeys(
    _NAMESPACES, "serviceConnectConfiguration"
)


def _refers(record: Mapping[str, Any], prop: str, target: Mapping[str, Any]) -> bool:
    """Whether ``record``'s input ``prop`` came from ``target`` (recorded dependency) or
    holds its ARN / distinctive id."""
    deps = (record.get("property_dependencies") or {}).get(prop) or []
    if target["urn"] in deps:
        return True
    handles = distinctive_handles(ResourceRecord.from_json(target))
    return bool(handles & set(strings((record.get("inputs") or {}).get(prop), documents=True)))


def _kept(
    service: Mapping[str, Any], head_by_urn: Mapping[str, Mapping[str, Any]], deleted: set[str]
) -> Mapping[str, Any] | None:
    """The ECS service as it is after the change when it stays in AWS: its head record, or
    its base record when the change drops it with ``retain_on_delete``; None when deleted."""
    if service["urn"] in deleted:
        retained = (service.get("options") or {}).get("retain_on_delete")
        return service if retained else None
    return head_by_urn.get(service["urn"])


def in_use(
    base: Iterable[Mapping[str, Any]],
    head: Iterable[Mapping[str, Any]],
    gone: Mapping[str, str],
    deleted: set[str],
) -> dict[str, str]:
    """Why AWS refuses to delete each Cloud Map resource of ``gone`` (base URN -> "delete"
    or "replace"), by URN; ``deleted`` are the base URNs the change deletes (head records
    are matched by URN: a renamed ECS service counts as deleted)."""
    base_by_urn = {r["urn"]: r for r in base}
    head_by_urn = {r["urn"]: r for r in head}
    services = [r for r in base_by_urn.values() if r.get("type") == ECS_SERVICE]
    out: dict[str, str] = {}
    for urn, action in gone.items():
        target = base_by_urn.get(urn)
        prop = _USE.get(str(target.get("type"))) if target else None
        if target is None or prop is None:
            continue
        users = []
        for service in services:
            after = _kept(service, head_by_urn, deleted)
            if after is None or not _refers(service, prop, target):
                continue
            waits = (after.get("inputs") or {}).get("waitForSteadyState") is True
            if action == "delete" or prop != "serviceRegistries" or not waits:
                users.append(str(service.get("name")))
        if users:
            out[urn] = _why(str(target.get("type")), users)
    return out


def _why(type_: str, users: list[str]) -> str:
    names = ", ".join(repr(u) for u in sorted(users))
    if type_ == DISCOVERY_SERVICE:
        return (
            f"AWS refuses to delete it while tasks of the ECS service(s) {names} are "
            "registered in it (ResourceInUse): delete or move those services first (a deploy "
            "of its own, or waitForSteadyState on the service update)"
        )
    return (
        f"AWS refuses to delete it while the Service Connect service(s) {names} use it (ECS "
        "created their Cloud Map services in it: ResourceInUse): move them to the new "
        "namespace in a deploy of its own first"
    )
