"""Wiring for Service Connect and Cloud Map service discovery: the children a cluster or a
service creates for them. The decisions (defaults, checks, wire shapes) live in
``service_connect.py``; these helpers only create resources from them, parented to the
component that calls them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws

from .._component import child_log_group, child_opts, merge_tags, run_scoped, stack_region
from ..network.security_component import allow_tcp_ingress
from .service_connect import (
    CalleeLike,
    NamespaceClaims,
    ResolvedServer,
    ServiceConnect,
    ServiceDiscovery,
    namespace_is_existing,
    service_connect_configuration,
)

__all__ = [
    "NAMESPACE",
    "SERVICE_CONNECT_LOGS",
    "SERVICE_REGISTRY",
    "BuiltServiceConnect",
    "allow_callers",
    "build_namespace",
    "build_service_connect",
    "build_service_registry",
    "namespace_claims",
]

NAMESPACE = "namespace"
SERVICE_CONNECT_LOGS = "sc-logs"
SERVICE_REGISTRY = "registry"


def namespace_claims() -> NamespaceClaims | None:
    """The discovery names and client aliases the services of this Pulumi run claimed, per
    namespace (None outside a run: nothing to compare with)."""
    claims: NamespaceClaims | None = run_scoped("service-connect-claims", NamespaceClaims)
    return claims


def build_namespace(
    parent: pulumi.Resource, name: str, namespace: Any, tags: Mapping[str, str] | None
) -> tuple[aws.servicediscovery.HttpNamespace | None, pulumi.Input[str]]:
    """The cluster's Service Connect namespace: a new Cloud Map HTTP namespace named
    ``namespace`` (child ``<name>-namespace``), or the existing one whose ARN is given.
    Returns the resource (None when existing) and the namespace ARN."""
    if namespace_is_existing(namespace):
        return None, namespace
    created = aws.servicediscovery.HttpNamespace(
        f"{name}-{NAMESPACE}",
        name=namespace,
        description=f"Service Connect namespace of the {name} cluster",
        tags=merge_tags(tags, {"Name": f"{name}-{NAMESPACE}"}),
        opts=child_opts(parent),
    )
    return created, created.arn


@dataclass
class BuiltServiceConnect:
    """What :func:`build_service_connect` created."""

    log_group: aws.cloudwatch.LogGroup
    configuration: dict[str, Any]
    """The ECS service's ``service_connect_configuration`` (Pulumi input names)."""


def build_service_connect(
    parent: pulumi.Resource,
    name: str,
    settings: ServiceConnect,
    servers: Sequence[ResolvedServer],
    *,
    namespace: pulumi.Input[str],
    tags: Mapping[str, str] | None,
) -> BuiltServiceConnect:
    """The Service Connect proxy's log group (``<name>-sc-logs``, retained
    ``settings.log_retention_days``) and the service's configuration."""
    log_group = child_log_group(
        parent,
        f"{name}-{SERVICE_CONNECT_LOGS}",
        retention_in_days=settings.log_retention_days,
        kms_key_id=None,
        tags=tags,
    )
    region = stack_region(parent)
    overrides = {
        s.port_name: s.ingress_port
        for s, given in zip(servers, settings.servers, strict=True)
        if given.ingress_port_override is not None
    }
    return BuiltServiceConnect(
        log_group=log_group,
        configuration=service_connect_configuration(
            servers,
            namespace=namespace,
            ingress_overrides=overrides,
            log_group_name=log_group.name,
            region=region,
        ),
    )


def allow_callers(
    parent: pulumi.Resource,
    name: str,
    caller_security_group_id: pulumi.Input[str],
    callees: Sequence[CalleeLike],
    tags: Mapping[str, str] | None,
) -> list[aws.vpc.SecurityGroupIngressRule]:
    """One ingress rule per callee and Service Connect port: the callee's security group
    admits the caller's on the port its proxy listens on (``<name>-calls-<callee>-<port>``,
    parented to the caller, so removing the relationship removes the rule)."""
    rules = []
    for callee in callees:
        for port in sorted({s.ingress_port for s in callee.service_connect_servers}):
            rules.append(
                allow_tcp_ingress(
                    parent,
                    f"{name}-calls-{callee.component_name}-{port}",
                    security_group_id=callee.security_group_id,
                    port=port,
                    source_security_group_id=caller_security_group_id,
                    description=f"Service Connect {port} from {name}",
                    tags=merge_tags(tags, {"Name": f"{name}-calls-{callee.component_name}"}),
                )
            )
    return rules


def build_service_registry(
    parent: pulumi.Resource,
    name: str,
    discovery: ServiceDiscovery,
    *,
    container_name: str,
    container_port: int | None,
    tags: Mapping[str, str] | None,
) -> tuple[aws.servicediscovery.Service, dict[str, Any]]:
    """A Cloud Map service in the private DNS namespace (``<name>-registry``; A or SRV
    records, ECS-reported health) and the ECS service's ``service_registries`` entry."""
    registry = aws.servicediscovery.Service(
        f"{name}-{SERVICE_REGISTRY}",
        name=discovery.name or name,
        dns_config=aws.servicediscovery.ServiceDnsConfigArgs(
            namespace_id=discovery.namespace_id,
            dns_records=[
                aws.servicediscovery.ServiceDnsConfigDnsRecordArgs(
                    ttl=discovery.ttl, type=discovery.record_type
                )
            ],
            routing_policy="MULTIVALUE",
        ),
        # ECS reports each task's health to Cloud Map (a custom health check).
        health_check_custom_config=aws.servicediscovery.ServiceHealthCheckCustomConfigArgs(),
        tags=merge_tags(tags, {"Name": f"{name}-{SERVICE_REGISTRY}"}),
        opts=child_opts(parent),
    )
    entry: dict[str, Any] = {"registry_arn": registry.arn}
    if discovery.record_type == "SRV":
        entry.update(container_name=container_name, container_port=container_port)
    return registry, entry
