"""Wiring of NAT instances for :class:`~.network_component.Network`
(``nat_gateways="instance_per_az"`` / ``"single_instance"``): the decisions are in
:mod:`.nat_instance`.

Per network: one security group (every protocol from the private subnets' CIDRs only;
egress anywhere; no SSH rule), an IAM role with ``AmazonSSMManagedInstanceCore`` (Session
Manager instead of SSH) and its instance profile. Per NAT zone: an Elastic IP (the same
``<name>-nat-eip-<az>`` as a managed NAT gateway's, so switching keeps the address), the
instance in the zone's public subnet (source/destination check off, IMDSv2 only, encrypted
gp3 root volume, automatic recovery, the image never replaced by a newer AMI on its own)
and the EIP's association.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pulumi
import pulumi_aws as aws

from .._component import child_opts
from ..iam import assume_role_policy, to_json
from .nat_instance import AL2023_ARM64_PARAMETER, ROOT_VOLUME_GB, nat_user_data

__all__ = ["build_nat_instances"]

SSM_CORE = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"

Tagger = Callable[..., dict[str, str]]


def _image(parent: pulumi.Resource, ami: str | None) -> pulumi.Input[str]:
    if ami is not None:
        return ami
    return aws.ssm.get_parameter_output(
        name=AL2023_ARM64_PARAMETER, opts=pulumi.InvokeOutputOptions(parent=parent)
    ).value


def _security_group(
    parent: pulumi.Resource,
    name: str,
    vpc_id: pulumi.Input[str],
    private_cidrs: Sequence[str],
    tagged: Tagger,
) -> aws.ec2.SecurityGroup:
    group = aws.ec2.SecurityGroup(
        f"{name}-nat-sg",
        vpc_id=vpc_id,
        description=f"NAT instances of {name}: from the private subnets only, no SSH",
        tags=tagged("nat-sg"),
        opts=child_opts(parent),
    )
    for i, cidr in enumerate(private_cidrs):
        aws.vpc.SecurityGroupIngressRule(
            f"{name}-nat-sg-from-private-{i}",
            security_group_id=group.id,
            ip_protocol="-1",
            cidr_ipv4=cidr,
            description=f"all traffic from private subnet {cidr}",
            tags=tagged("nat-sg"),
            opts=child_opts(parent),
        )
    aws.vpc.SecurityGroupEgressRule(
        f"{name}-nat-sg-egress",
        security_group_id=group.id,
        ip_protocol="-1",
        cidr_ipv4="0.0.0.0/0",
        description="to the internet (the NAT's job)",
        tags=tagged("nat-sg"),
        opts=child_opts(parent),
    )
    return group


def _instance_profile(
    parent: pulumi.Resource, name: str, tagged: Tagger
) -> aws.iam.InstanceProfile:
    role = aws.iam.Role(
        f"{name}-nat-role",
        assume_role_policy=to_json(assume_role_policy("ec2.amazonaws.com")),
        description=f"NAT instances of {name}: SSM Session Manager only",
        tags=tagged("nat-role"),
        opts=child_opts(parent),
    )
    aws.iam.RolePolicyAttachment(
        f"{name}-nat-ssm", role=role.name, policy_arn=SSM_CORE, opts=child_opts(parent)
    )
    return aws.iam.InstanceProfile(
        f"{name}-nat-profile", role=role.name, tags=tagged("nat-profile"), opts=child_opts(parent)
    )


def build_nat_instances(
    parent: pulumi.Resource,
    name: str,
    *,
    vpc_id: pulumi.Input[str],
    vpc_cidr: str,
    private_cidrs: Sequence[str],
    zones: Sequence[str],
    suffixes: Mapping[str, str],
    public_by_zone: Mapping[str, aws.ec2.Subnet],
    instance_type: str,
    ami: str | None,
    tagged: Tagger,
    depends_on: Sequence[pulumi.Resource],
) -> dict[str, aws.ec2.Instance]:
    """The NAT instance of each zone in ``zones`` (and what they share); returns them by zone."""
    group = _security_group(parent, name, vpc_id, private_cidrs, tagged)
    profile = _instance_profile(parent, name, tagged)
    image = _image(parent, ami)
    instances: dict[str, aws.ec2.Instance] = {}
    for zone in zones:
        suffix = suffixes[zone]
        eip = aws.ec2.Eip(
            f"{name}-nat-eip-{suffix}",
            domain="vpc",
            tags=tagged(f"nat-eip-{suffix}"),
            opts=child_opts(parent),
        )
        instance = aws.ec2.Instance(
            f"{name}-nat-instance-{suffix}",
            ami=image,
            instance_type=instance_type,
            subnet_id=public_by_zone[zone].id,
            vpc_security_group_ids=[group.id],
            iam_instance_profile=profile.name,
            source_dest_check=False,
            associate_public_ip_address=False,
            user_data=nat_user_data(vpc_cidr),
            user_data_replace_on_change=True,
            metadata_options=aws.ec2.InstanceMetadataOptionsArgs(
                http_tokens="required", http_endpoint="enabled"
            ),
            root_block_device=aws.ec2.InstanceRootBlockDeviceArgs(
                encrypted=True, volume_type="gp3", volume_size=ROOT_VOLUME_GB
            ),
            maintenance_options=aws.ec2.InstanceMaintenanceOptionsArgs(auto_recovery="default"),
            credit_specification=aws.ec2.InstanceCreditSpecificationArgs(cpu_credits="standard"),
            tags=tagged(f"nat-instance-{suffix}"),
            # A newer AMI must not replace a running NAT (egress would drop): patch in place.
            opts=child_opts(parent, ignore_changes=["ami"], depends_on=list(depends_on)),
        )
        aws.ec2.EipAssociation(
            f"{name}-nat-eip-assoc-{suffix}",
            allocation_id=eip.allocation_id,
            instance_id=instance.id,
            opts=child_opts(parent),
        )
        instances[zone] = instance
    return instances
