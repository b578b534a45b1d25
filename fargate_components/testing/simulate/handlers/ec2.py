"""EC2 and VPC: networks, routes, endpoints, flow logs and security groups."""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping
from typing import Any

from ..context import Ctx, Handler, Out
from .common import (
    _as_int,
    _clean,
    _tag_spec,
    _tags,
    aws_error,
)


# --- EC2: network -----------------------------------------------------------------------
def vpc(inputs: dict[str, Any], ctx: Ctx) -> Out:
    ec2 = ctx.client("ec2")
    vpc_ = ec2.create_vpc(
        **_clean(
            {
                "CidrBlock": inputs.get("cidrBlock"),
                "InstanceTenancy": inputs.get("instanceTenancy"),
                "AmazonProvidedIpv6CidrBlock": inputs.get("assignGeneratedIpv6CidrBlock"),
            }
        ),
        **_tag_spec(inputs, "vpc"),
    )["Vpc"]
    vid = vpc_["VpcId"]
    for attr in ("enableDnsSupport", "enableDnsHostnames"):
        if attr in inputs:
            key = attr[0].upper() + attr[1:]
            ec2.modify_vpc_attribute(VpcId=vid, **{key: {"Value": bool(inputs[attr])}})
    vpc_filter = [{"Name": "vpc-id", "Values": [vid]}]
    sg = ec2.describe_security_groups(
        Filters=[*vpc_filter, {"Name": "group-name", "Values": ["default"]}]
    )["SecurityGroups"]
    main = ec2.describe_route_tables(
        Filters=[*vpc_filter, {"Name": "association.main", "Values": ["true"]}]
    )["RouteTables"]
    acl = ec2.describe_network_acls(Filters=[*vpc_filter, {"Name": "default", "Values": ["true"]}])
    out: Out = {"id": vid, "arn": ctx.arn("ec2", f"vpc/{vid}")}
    if sg:
        out["defaultSecurityGroupId"] = sg[0]["GroupId"]
    if main:
        out["defaultRouteTableId"] = out["mainRouteTableId"] = main[0]["RouteTableId"]
    if acl["NetworkAcls"]:
        out["defaultNetworkAclId"] = acl["NetworkAcls"][0]["NetworkAclId"]
    return out


def subnet(inputs: dict[str, Any], ctx: Ctx) -> Out:
    ec2 = ctx.client("ec2")
    sub = ec2.create_subnet(
        **_clean(
            {
                "VpcId": inputs.get("vpcId"),
                "CidrBlock": inputs.get("cidrBlock"),
                "Ipv6CidrBlock": inputs.get("ipv6CidrBlock"),
                "AvailabilityZone": inputs.get("availabilityZone"),
                "AvailabilityZoneId": inputs.get("availabilityZoneId"),
            }
        ),
        **_tag_spec(inputs, "subnet"),
    )["Subnet"]
    sid = sub["SubnetId"]
    if inputs.get("mapPublicIpOnLaunch"):
        ec2.modify_subnet_attribute(SubnetId=sid, MapPublicIpOnLaunch={"Value": True})
    return {"id": sid, "arn": sub.get("SubnetArn") or ctx.arn("ec2", f"subnet/{sid}")}


def internet_gateway(inputs: dict[str, Any], ctx: Ctx) -> Out:
    ec2 = ctx.client("ec2")
    igw = ec2.create_internet_gateway(**_tag_spec(inputs, "internet-gateway"))["InternetGateway"]
    gid = igw["InternetGatewayId"]
    if inputs.get("vpcId"):
        ec2.attach_internet_gateway(InternetGatewayId=gid, VpcId=inputs["vpcId"])
    return {"id": gid, "arn": ctx.arn("ec2", f"internet-gateway/{gid}")}


def internet_gateway_attachment(inputs: dict[str, Any], ctx: Ctx) -> Out:
    gid, vid = inputs["internetGatewayId"], inputs["vpcId"]
    ctx.client("ec2").attach_internet_gateway(InternetGatewayId=gid, VpcId=vid)
    return {"id": f"{gid}:{vid}"}


def eip(inputs: dict[str, Any], ctx: Ctx) -> Out:
    address = ctx.client("ec2").allocate_address(
        Domain="vpc" if inputs.get("domain", "vpc") == "vpc" or inputs.get("vpc") else "standard",
        **_tag_spec(inputs, "elastic-ip"),
    )
    return {
        "id": address["AllocationId"],
        "allocationId": address["AllocationId"],
        "publicIp": address["PublicIp"],
    }


def nat_gateway(inputs: dict[str, Any], ctx: Ctx) -> Out:
    nat = ctx.client("ec2").create_nat_gateway(
        **_clean(
            {
                "SubnetId": inputs.get("subnetId"),
                "AllocationId": inputs.get("allocationId"),
                "ConnectivityType": inputs.get("connectivityType"),
                "PrivateIpAddress": inputs.get("privateIp"),
            }
        ),
        **_tag_spec(inputs, "natgateway"),
    )["NatGateway"]
    out: Out = {"id": nat["NatGatewayId"]}
    addresses = nat.get("NatGatewayAddresses") or []
    if addresses and addresses[0].get("PublicIp"):
        out["publicIp"] = addresses[0]["PublicIp"]
    return out


_ROUTE_TARGETS = {
    "gatewayId": "GatewayId",
    "natGatewayId": "NatGatewayId",
    "egressOnlyGatewayId": "EgressOnlyInternetGatewayId",
    "networkInterfaceId": "NetworkInterfaceId",
    "transitGatewayId": "TransitGatewayId",
    "vpcEndpointId": "VpcEndpointId",
    "vpcPeeringConnectionId": "VpcPeeringConnectionId",
    "localGatewayId": "LocalGatewayId",
    "carrierGatewayId": "CarrierGatewayId",
    "coreNetworkArn": "CoreNetworkArn",
}


def _create_route(ctx: Ctx, table: str, spec: Mapping[str, Any]) -> str:
    """One route (a ``Route`` resource, or an inline route of a ``RouteTable``); its id."""
    args = {"RouteTableId": table}
    dest = spec.get("destinationCidrBlock") or spec.get("cidrBlock")
    if dest:
        args["DestinationCidrBlock"] = dest
    dest6 = spec.get("destinationIpv6CidrBlock") or spec.get("ipv6CidrBlock")
    if dest6:
        args["DestinationIpv6CidrBlock"] = dest6
    prefix_list = spec.get("destinationPrefixListId")
    if prefix_list:
        args["DestinationPrefixListId"] = prefix_list
    for key, api in _ROUTE_TARGETS.items():
        if spec.get(key):
            args[api] = spec[key]
    ec2 = ctx.client("ec2")
    # AWS rejects a route whose target does not exist; moto's CreateRoute does not check,
    # so look the target up first (moto's own NotFound errors, or AWS's code for a NAT
    # gateway, whose lookup moto answers with an empty list).
    if str(args.get("GatewayId", "")).startswith("igw-"):
        ec2.describe_internet_gateways(InternetGatewayIds=[args["GatewayId"]])
    if args.get("NatGatewayId"):
        nat = args["NatGatewayId"]
        if not ec2.describe_nat_gateways(NatGatewayIds=[nat])["NatGateways"]:
            raise aws_error(
                "InvalidNatGatewayID.NotFound",
                f"The natGateway ID '{nat}' does not exist",
                "CreateRoute",
            )
    if args.get("VpcEndpointId"):
        ec2.describe_vpc_endpoints(VpcEndpointIds=[args["VpcEndpointId"]])
    ec2.create_route(**args)
    where = dest or dest6 or prefix_list or ""
    return f"r-{table}{zlib.crc32(where.encode())}"


def route_table(inputs: dict[str, Any], ctx: Ctx) -> Out:
    table = ctx.client("ec2").create_route_table(
        VpcId=inputs["vpcId"], **_tag_spec(inputs, "route-table")
    )["RouteTable"]
    tid = table["RouteTableId"]
    for route in inputs.get("routes") or []:
        _create_route(ctx, tid, route)
    return {"id": tid, "arn": ctx.arn("ec2", f"route-table/{tid}")}


def route(inputs: dict[str, Any], ctx: Ctx) -> Out:
    return {"id": _create_route(ctx, inputs["routeTableId"], inputs)}


def route_table_association(inputs: dict[str, Any], ctx: Ctx) -> Out:
    assoc = ctx.client("ec2").associate_route_table(
        RouteTableId=inputs["routeTableId"],
        **_clean({"SubnetId": inputs.get("subnetId"), "GatewayId": inputs.get("gatewayId")}),
    )
    return {"id": assoc["AssociationId"]}


def vpc_endpoint(inputs: dict[str, Any], ctx: Ctx) -> Out:
    endpoint = ctx.client("ec2").create_vpc_endpoint(
        **_clean(
            {
                "VpcId": inputs.get("vpcId"),
                "ServiceName": inputs.get("serviceName"),
                "VpcEndpointType": inputs.get("vpcEndpointType", "Gateway"),
                "SubnetIds": inputs.get("subnetIds"),
                "SecurityGroupIds": inputs.get("securityGroupIds"),
                "RouteTableIds": inputs.get("routeTableIds"),
                "PrivateDnsEnabled": inputs.get("privateDnsEnabled"),
                "PolicyDocument": inputs.get("policy"),
            }
        ),
        **_tag_spec(inputs, "vpc-endpoint"),
    )["VpcEndpoint"]
    eid = endpoint["VpcEndpointId"]
    return {"id": eid, "arn": ctx.arn("ec2", f"vpc-endpoint/{eid}")}


def flow_log(inputs: dict[str, Any], ctx: Ctx) -> Out:
    for key, kind in (
        ("vpcId", "VPC"),
        ("subnetId", "Subnet"),
        ("eniId", "NetworkInterface"),
        ("transitGatewayId", "TransitGateway"),
    ):
        if inputs.get(key):
            resource, resource_type = inputs[key], kind
            break
    else:
        raise ValueError("a flow log needs vpcId, subnetId, eniId or transitGatewayId")
    dest_type = inputs.get("logDestinationType", "cloud-watch-logs")
    answer = ctx.client("ec2").create_flow_logs(
        **_clean(
            {
                "ResourceIds": [resource],
                "ResourceType": resource_type,
                "TrafficType": inputs.get("trafficType", "ALL"),
                "LogDestinationType": dest_type,
                "LogDestination": inputs.get("logDestination"),
                "DeliverLogsPermissionArn": inputs.get("iamRoleArn"),
                "MaxAggregationInterval": _as_int(inputs.get("maxAggregationInterval")),
                "LogFormat": inputs.get("logFormat"),
            }
        ),
        **_tag_spec(inputs, "vpc-flow-log"),
    )
    if answer.get("Unsuccessful"):
        error = answer["Unsuccessful"][0]["Error"]
        raise ValueError(f"{error.get('Code')}: {error.get('Message')}")
    fid = answer["FlowLogIds"][0]
    return {"id": fid, "arn": ctx.arn("ec2", f"vpc-flow-log/{fid}")}


# --- EC2: security groups ---------------------------------------------------------------
def _permission_from_inline(rule: Mapping[str, Any], own_group: str | None) -> dict[str, Any]:
    """An inline ``ingress``/``egress`` block (or a legacy ``SecurityGroupRule``)."""
    protocol = str(rule.get("protocol", "-1"))
    perm: dict[str, Any] = {"IpProtocol": protocol}
    if protocol not in ("-1", "all"):
        perm["FromPort"] = int(rule.get("fromPort", 0))
        perm["ToPort"] = int(rule.get("toPort", 0))
    desc = {"Description": rule["description"]} if rule.get("description") else {}
    if rule.get("cidrBlocks"):
        perm["IpRanges"] = [{"CidrIp": c, **desc} for c in rule["cidrBlocks"]]
    if rule.get("ipv6CidrBlocks"):
        perm["Ipv6Ranges"] = [{"CidrIpv6": c, **desc} for c in rule["ipv6CidrBlocks"]]
    if rule.get("prefixListIds"):
        perm["PrefixListIds"] = [{"PrefixListId": p, **desc} for p in rule["prefixListIds"]]
    groups = list(rule.get("securityGroups") or [])
    if rule.get("sourceSecurityGroupId"):
        groups.append(rule["sourceSecurityGroupId"])
    if rule.get("self") and own_group:
        groups.append(own_group)
    if groups:
        perm["UserIdGroupPairs"] = [{"GroupId": g, **desc} for g in groups]
    return perm


def _replace_group_rules(ec2: Any, group: Mapping[str, Any], inputs: Mapping[str, Any]) -> None:
    """Revoke the rules ``group`` (as DescribeSecurityGroups reports it) holds and authorize
    the inline ``ingress``/``egress`` blocks of ``inputs`` instead."""
    gid = group["GroupId"]
    if group.get("IpPermissions"):
        ec2.revoke_security_group_ingress(GroupId=gid, IpPermissions=group["IpPermissions"])
    if group.get("IpPermissionsEgress"):
        ec2.revoke_security_group_egress(GroupId=gid, IpPermissions=group["IpPermissionsEgress"])
    ingress = [_permission_from_inline(r, gid) for r in inputs.get("ingress") or []]
    egress = [_permission_from_inline(r, gid) for r in inputs.get("egress") or []]
    if ingress:
        ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=ingress)
    if egress:
        ec2.authorize_security_group_egress(GroupId=gid, IpPermissions=egress)


def security_group(inputs: dict[str, Any], ctx: Ctx) -> Out:
    ec2 = ctx.client("ec2")
    if inputs.get("vpcId"):  # AWS checks the VPC exists; moto's CreateSecurityGroup does not
        ec2.describe_vpcs(VpcIds=[inputs["vpcId"]])
    group = ec2.create_security_group(
        GroupName=ctx.name(),
        Description=inputs.get("description") or "Managed by Pulumi",
        **_clean({"VpcId": inputs.get("vpcId")}),
        **_tag_spec(inputs, "security-group"),
    )
    gid = group["GroupId"]
    # Like the Terraform provider, Pulumi removes AWS's default allow-all egress rule (a new
    # group has no ingress rules) and keeps only the rules the program declares.
    _replace_group_rules(
        ec2, ec2.describe_security_groups(GroupIds=[gid])["SecurityGroups"][0], inputs
    )
    return {"id": gid, "arn": ctx.arn("ec2", f"security-group/{gid}"), "name": ctx.name()}


def default_security_group(inputs: dict[str, Any], ctx: Ctx) -> Out:
    """Adopt the VPC's default group and replace its rules with the declared ones
    (none declared = no rules: the usual way to lock the default group down)."""
    ec2 = ctx.client("ec2")
    group = ec2.describe_security_groups(
        Filters=[
            {"Name": "vpc-id", "Values": [inputs["vpcId"]]},
            {"Name": "group-name", "Values": ["default"]},
        ]
    )["SecurityGroups"][0]
    gid = group["GroupId"]
    _replace_group_rules(ec2, group, inputs)
    if inputs.get("tags"):  # the provider tags the group it adopts (CreateTags)
        ec2.create_tags(Resources=[gid], Tags=_tags(inputs))
    return {"id": gid, "arn": ctx.arn("ec2", f"security-group/{gid}"), "name": "default"}


def _vpc_rule(direction: str) -> Handler:
    """``aws.vpc.SecurityGroupIngressRule`` / ``SecurityGroupEgressRule``: one rule each."""

    def handler(inputs: dict[str, Any], ctx: Ctx) -> Out:
        protocol = str(inputs.get("ipProtocol", "-1"))
        perm: dict[str, Any] = {"IpProtocol": protocol}
        if protocol not in ("-1", "all"):
            perm["FromPort"] = int(inputs.get("fromPort", 0))
            perm["ToPort"] = int(inputs.get("toPort", 0))
        desc = {"Description": inputs["description"]} if inputs.get("description") else {}
        if inputs.get("cidrIpv4"):
            perm["IpRanges"] = [{"CidrIp": inputs["cidrIpv4"], **desc}]
        if inputs.get("cidrIpv6"):
            perm["Ipv6Ranges"] = [{"CidrIpv6": inputs["cidrIpv6"], **desc}]
        if inputs.get("prefixListId"):
            perm["PrefixListIds"] = [{"PrefixListId": inputs["prefixListId"], **desc}]
        if inputs.get("referencedSecurityGroupId"):
            perm["UserIdGroupPairs"] = [{"GroupId": inputs["referencedSecurityGroupId"], **desc}]
        ec2 = ctx.client("ec2")
        call = (
            ec2.authorize_security_group_ingress
            if direction == "ingress"
            else ec2.authorize_security_group_egress
        )
        answer = call(
            GroupId=inputs["securityGroupId"],
            IpPermissions=[perm],
            **_tag_spec(inputs, "security-group-rule"),
        )
        rules = answer.get("SecurityGroupRules") or [{}]
        rid = rules[0].get("SecurityGroupRuleId") or f"sgr-{ctx.record.name}"
        return {
            "id": rid,
            "securityGroupRuleId": rid,
            "arn": ctx.arn("ec2", f"security-group-rule/{rid}"),
        }

    return handler


def security_group_rule(inputs: dict[str, Any], ctx: Ctx) -> Out:
    """The legacy ``aws.ec2.SecurityGroupRule`` (``type`` = ingress | egress)."""
    gid = inputs["securityGroupId"]
    perm = _permission_from_inline(inputs, gid)
    ec2 = ctx.client("ec2")
    if inputs.get("type") == "egress":
        ec2.authorize_security_group_egress(GroupId=gid, IpPermissions=[perm])
    else:
        ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=[perm])
    return {"id": f"sgrule-{zlib.crc32(json.dumps(perm, sort_keys=True).encode())}"}
