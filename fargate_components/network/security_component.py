"""Security-group rules, one resource per rule (``aws.vpc.SecurityGroup*Rule``), built the
same way by every component."""

from __future__ import annotations

from collections.abc import Mapping

import pulumi
import pulumi_aws as aws

from .._component import child_opts

__all__ = ["allow_all_egress", "allow_tcp_ingress"]


def allow_tcp_ingress(
    parent: pulumi.Resource,
    name: str,
    *,
    security_group_id: pulumi.Input[str],
    port: int,
    description: str,
    cidr: str | None = None,
    source_security_group_id: pulumi.Input[str] | None = None,
    tags: Mapping[str, str] | None = None,
) -> aws.vpc.SecurityGroupIngressRule:
    """Allow TCP ``port`` in from exactly one source: a CIDR or a security group."""
    if (cidr is None) == (source_security_group_id is None):
        raise TypeError("allow_tcp_ingress needs exactly one of cidr, source_security_group_id")
    return aws.vpc.SecurityGroupIngressRule(
        name,
        security_group_id=security_group_id,
        ip_protocol="tcp",
        from_port=port,
        to_port=port,
        cidr_ipv4=cidr,
        referenced_security_group_id=source_security_group_id,
        description=description,
        tags=dict(tags) if tags else None,
        opts=child_opts(parent),
    )


def allow_all_egress(
    parent: pulumi.Resource,
    name: str,
    *,
    security_group_id: pulumi.Input[str],
    description: str = "All outbound (image pulls, AWS APIs, dependencies)",
    tags: Mapping[str, str] | None = None,
) -> aws.vpc.SecurityGroupEgressRule:
    """Allow every protocol out to anywhere (what a task needs to pull images and call APIs)."""
    return aws.vpc.SecurityGroupEgressRule(
        name,
        security_group_id=security_group_id,
        ip_protocol="-1",
        cidr_ipv4="0.0.0.0/0",
        description=description,
        tags=dict(tags) if tags else None,
        opts=child_opts(parent),
    )
