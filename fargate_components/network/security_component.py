"""Security-group rules, one resource per rule (``aws.vpc.SecurityGroup*Rule``), built the
same way by every component."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import pulumi
import pulumi_aws as aws

from .._component import child_opts, merge_tags

__all__ = [
    "allow_all_egress",
    "allow_tcp_ingress",
    "allow_tcp_ingress_between",
    "allow_tcp_ingress_from",
    "egress_only_security_group",
]


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


def allow_tcp_ingress_from(
    parent: pulumi.Resource,
    *,
    security_group_id: pulumi.Input[str],
    port: int,
    cidrs: Iterable[str],
    security_group_ids: Iterable[pulumi.Input[str]],
    cidr_rule_name: Callable[[int, str], str],
    group_rule_name: Callable[[int], str],
    cidr_description: Callable[[str], str],
    group_description: str,
    tags: Mapping[str, str] | None = None,
) -> list[aws.vpc.SecurityGroupIngressRule]:
    """Allow TCP ``port`` in from each CIDR, then from each security group: one rule per
    source, named ``cidr_rule_name(index, cidr)`` / ``group_rule_name(index)``."""
    rules = [
        allow_tcp_ingress(
            parent,
            cidr_rule_name(i, cidr),
            security_group_id=security_group_id,
            port=port,
            cidr=cidr,
            description=cidr_description(cidr),
            tags=tags,
        )
        for i, cidr in enumerate(cidrs)
    ]
    rules += [
        allow_tcp_ingress(
            parent,
            group_rule_name(i),
            security_group_id=security_group_id,
            port=port,
            source_security_group_id=group,
            description=group_description,
            tags=tags,
        )
        for i, group in enumerate(security_group_ids)
    ]
    return rules


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


def allow_tcp_ingress_between(
    parent: pulumi.Resource,
    name: str,
    *,
    target_group_ids: Sequence[pulumi.Input[str]],
    source_group_ids: Sequence[pulumi.Input[str]],
    port: int,
    description: str,
) -> list[aws.vpc.SecurityGroupIngressRule]:
    """Admit TCP ``port`` into every group of ``target_group_ids`` from every group of
    ``source_group_ids`` (e.g. NFS into each mounted file system's group from the tasks'
    groups): rules ``<name>-<i>``, with ``-<j>`` appended when there is more than one source."""
    return [
        allow_tcp_ingress(
            parent,
            f"{name}-{i}" + (f"-{j}" if len(source_group_ids) > 1 else ""),
            security_group_id=target,
            port=port,
            description=description,
            source_security_group_id=source,
        )
        for i, target in enumerate(target_group_ids)
        for j, source in enumerate(source_group_ids)
    ]


def egress_only_security_group(
    parent: pulumi.Resource,
    name: str,
    *,
    vpc_id: pulumi.Input[str],
    description: str,
    tags: Mapping[str, str] | None = None,
) -> aws.ec2.SecurityGroup:
    """A tasks' security group named ``name`` (tag ``Name`` too) that admits nothing and
    allows all egress (rule ``<name>-egress``); callers add the ingress they need."""
    group = aws.ec2.SecurityGroup(
        name,
        vpc_id=vpc_id,
        description=description,
        tags=merge_tags(tags, {"Name": name}),
        opts=child_opts(parent),
    )
    allow_all_egress(parent, f"{name}-egress", security_group_id=group.id)
    return group
