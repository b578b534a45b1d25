"""AWS Cloud Map (service discovery): HTTP and private DNS namespaces, services.

moto emulates all three (``CreateHttpNamespace``, ``CreatePrivateDnsNamespace``,
``CreateService``); namespace creation is asynchronous in AWS (an operation id), so the
handler reads the namespace id from the finished operation as the provider does. moto's
CreateService checks neither that the namespace exists nor that the name is free in it;
AWS refuses both (``NamespaceNotFound``, ``ServiceAlreadyExists``: the errors of
CreateService in the Cloud Map API reference,
https://docs.aws.amazon.com/cloud-map/latest/api/API_CreateService.html), so
:func:`create_cloud_map_service` checks them first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..context import Ctx, Out
from .common import _as_int, _clean, _pascal, _tags, aws_error

__all__ = [
    "create_cloud_map_service",
    "discovery_service",
    "http_namespace",
    "private_dns_namespace",
]


def create_cloud_map_service(ctx: Ctx, name: str, namespace_id: str, **params: Any) -> Any:
    """CreateService with AWS's two checks moto skips (module docstring)."""
    sd = ctx.client("servicediscovery")
    if namespace_id not in {ns["Id"] for ns in sd.list_namespaces()["Namespaces"]}:
        raise aws_error("NamespaceNotFound", f"namespace {namespace_id} not found", "CreateService")
    for summary in sd.list_services()["Services"]:  # summaries carry no namespace id
        if summary["Name"] != name:
            continue
        if sd.get_service(Id=summary["Id"])["Service"].get("NamespaceId") == namespace_id:
            raise aws_error(
                "ServiceAlreadyExists",
                f"a service named {name} already exists in namespace {namespace_id}",
                "CreateService",
            )
    return sd.create_service(Name=name, NamespaceId=namespace_id, **params)["Service"]


def _namespace_out(ctx: Ctx, operation_id: str) -> Out:
    sd = ctx.client("servicediscovery")
    targets = sd.get_operation(OperationId=operation_id)["Operation"]["Targets"]
    namespace = sd.get_namespace(Id=targets["NAMESPACE"])["Namespace"]
    out: Out = {"id": namespace["Id"], "arn": namespace["Arn"], "name": namespace["Name"]}
    zone = namespace.get("Properties", {}).get("DnsProperties", {}).get("HostedZoneId")
    if zone:
        out["hostedZone"] = zone
    http = namespace.get("Properties", {}).get("HttpProperties", {}).get("HttpName")
    if http:
        out["httpName"] = http
    return out


def http_namespace(inputs: dict[str, Any], ctx: Ctx) -> Out:
    answer = ctx.client("servicediscovery").create_http_namespace(
        Name=ctx.name(),
        **_clean({"Description": inputs.get("description"), "Tags": _tags(inputs) or None}),
    )
    return _namespace_out(ctx, answer["OperationId"])


def private_dns_namespace(inputs: dict[str, Any], ctx: Ctx) -> Out:
    answer = ctx.client("servicediscovery").create_private_dns_namespace(
        Name=ctx.name(),
        Vpc=inputs["vpc"],
        **_clean({"Description": inputs.get("description"), "Tags": _tags(inputs) or None}),
    )
    return _namespace_out(ctx, answer["OperationId"])


def _dns_config(config: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not config:
        return None
    return _clean(
        {
            "NamespaceId": config.get("namespaceId"),
            "RoutingPolicy": config.get("routingPolicy"),
            "DnsRecords": [
                {"Type": r["type"], "TTL": _as_int(r.get("ttl"))}
                for r in config.get("dnsRecords") or []
            ],
        }
    )


def discovery_service(inputs: dict[str, Any], ctx: Ctx) -> Out:
    """A Cloud Map service; its namespace is ``namespaceId`` or ``dnsConfig.namespaceId``."""
    dns = _dns_config(inputs.get("dnsConfig"))
    custom = inputs.get("healthCheckCustomConfig")
    namespace = inputs.get("namespaceId") or (dns or {}).get("NamespaceId")
    service = create_cloud_map_service(
        ctx,
        ctx.name(),
        str(namespace),
        **_clean(
            {
                "Description": inputs.get("description"),
                "DnsConfig": dns,
                "HealthCheckConfig": _pascal(inputs.get("healthCheckConfig")) or None,
                "HealthCheckCustomConfig": _pascal(custom) if custom is not None else None,
                "Type": inputs.get("type"),
                "Tags": _tags(inputs) or None,
            }
        ),
    )
    return {"id": service["Id"], "arn": service["Arn"], "name": service["Name"]}
