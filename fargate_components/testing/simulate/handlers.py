"""Per-type handlers: a Pulumi resource's wire inputs (camelCase, mock values already
rewritten to moto's) become boto3 calls.

Each handler returns the resource's outputs as moto reports them, keyed by the Pulumi output
names (``id``, ``arn``, ``dnsName``...; dotted paths for nested outputs such as
``vpcConfig.clusterSecurityGroupId``). The engine pairs each with the mock value under the
same name, so dependants receive moto's ids and ARNs, as in a real deploy.

A handler raises :class:`~.engine.Unsupported` for a setting moto cannot emulate; any other
exception (botocore's ``ClientError``, parameter validation, moto refusing) is a failure.
"""

from __future__ import annotations

import functools
import json
import zlib
from collections.abc import Mapping
from typing import Any

from ...ecs.capacity import StrategyItem
from ...model.tokens import (
    DEFAULT_SECURITY_GROUP,
    ECS_CLUSTER,
    ECS_CLUSTER_CAPACITY_PROVIDERS,
    ECS_SERVICE,
    ECS_TASK_DEFINITION,
    EIP,
    EKS_CLUSTER,
    EVENT_RULE,
    EVENT_TARGET,
    FARGATE_PROFILE,
    FLOW_LOG,
    IAM_OIDC_PROVIDER,
    IAM_POLICY,
    IAM_ROLE,
    IAM_ROLE_POLICY,
    IAM_ROLE_POLICY_ATTACHMENT,
    INTERNET_GATEWAY,
    INTERNET_GATEWAY_ATTACHMENT,
    KMS_ALIAS,
    KMS_KEY,
    LISTENER,
    LISTENER_RULE,
    LOAD_BALANCER,
    LOG_GROUP,
    METRIC_ALARM,
    NAT_GATEWAY,
    ROUTE,
    ROUTE_TABLE,
    ROUTE_TABLE_ASSOCIATION,
    S3_BUCKET,
    S3_BUCKET_V2,
    SCALING_POLICY,
    SCALING_TARGET,
    SCHEDULE,
    SCHEDULE_GROUP,
    SCHEDULED_ACTION,
    SECRET,
    SECURITY_GROUP,
    SECURITY_GROUP_EGRESS_RULE,
    SECURITY_GROUP_INGRESS_RULE,
    SECURITY_GROUP_RULE,
    SQS_QUEUE,
    SQS_QUEUE_POLICY,
    SQS_REDRIVE_ALLOW_POLICY,
    SQS_REDRIVE_POLICY,
    SUBNET,
    TARGET_GROUP,
    TARGET_GROUP_ATTACHMENT,
    VPC,
    VPC_ENDPOINT,
)
from ..recorder import SECRET_MARK, UNKNOWN_MARK
from .engine import Ctx, Handler, Unsupported

Out = dict[str, Any]


# --- small helpers ----------------------------------------------------------------------
def _clean(data: Mapping[str, Any]) -> dict[str, Any]:
    """Drop ``None`` values (boto3 rejects them)."""
    return {k: v for k, v in data.items() if v is not None}


def _pascal(value: Any) -> Any:
    """camelCase keys (Pulumi's wire names) to PascalCase (most AWS query/JSON APIs)."""
    if isinstance(value, dict):
        return {k[:1].upper() + k[1:]: _pascal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_pascal(v) for v in value]
    return value


def _tags(
    inputs: Mapping[str, Any], key: str = "Key", value: str = "Value"
) -> list[dict[str, str]]:
    tags = inputs.get("tags") or {}
    return [{key: str(k), value: str(v)} for k, v in tags.items()]


def _tag_spec(inputs: Mapping[str, Any], resource_type: str) -> dict[str, Any]:
    tags = _tags(inputs)
    return {"TagSpecifications": [{"ResourceType": resource_type, "Tags": tags}]} if tags else {}


def _as_int(value: Any) -> int | None:
    return None if value is None or value == "" else int(value)


def _as_float(value: Any) -> float | None:
    return None if value is None or value == "" else float(value)


def aws_error(code: str, message: str, operation: str) -> Exception:
    """An error in AWS's shape, for the few checks AWS makes and moto does not (each use
    says which): reported exactly like moto's own errors."""
    from botocore.exceptions import ClientError

    return ClientError({"Error": {"Code": code, "Message": message}}, operation)


def _known(value: Any, field: str) -> Any:
    """A value the replay needs whole: refuse secrets and unknowns (the plan does not hold
    them), rather than sending AWS the placeholder."""
    if value in (SECRET_MARK, UNKNOWN_MARK):
        what = "a secret" if value == SECRET_MARK else "unknown until deploy"
        raise Unsupported(f"{field} is {what}: the plan does not hold its value")
    return value


def _json_doc(value: Any, field: str = "policy") -> str:
    value = _known(value, field)
    return value if isinstance(value, str) else json.dumps(value)


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


# --- IAM ---------------------------------------------------------------------------------
def iam_role(inputs: dict[str, Any], ctx: Ctx) -> Out:
    iam = ctx.client("iam")
    name = ctx.name()
    role = iam.create_role(
        RoleName=name,
        AssumeRolePolicyDocument=_json_doc(inputs["assumeRolePolicy"]),
        **_clean(
            {
                "Path": inputs.get("path"),
                "Description": inputs.get("description"),
                "MaxSessionDuration": _as_int(inputs.get("maxSessionDuration")),
                "PermissionsBoundary": inputs.get("permissionsBoundary"),
                "Tags": _tags(inputs) or None,
            }
        ),
    )["Role"]
    # AWS validates the trust policy on CreateRole; moto only on UpdateAssumeRolePolicy,
    # so send the same document again to get moto's MalformedPolicyDocument checks.
    iam.update_assume_role_policy(
        RoleName=name, PolicyDocument=_json_doc(inputs["assumeRolePolicy"])
    )
    for policy in inputs.get("inlinePolicies") or []:
        if policy.get("name") and policy.get("policy"):
            iam.put_role_policy(
                RoleName=name, PolicyName=policy["name"], PolicyDocument=policy["policy"]
            )
    for arn in inputs.get("managedPolicyArns") or []:
        _ensure_aws_managed_policy(ctx, arn)
        iam.attach_role_policy(RoleName=name, PolicyArn=arn)
    return {"id": name, "name": name, "arn": role["Arn"], "uniqueId": role["RoleId"]}


def iam_policy(inputs: dict[str, Any], ctx: Ctx) -> Out:
    name = ctx.name()
    policy = ctx.client("iam").create_policy(
        PolicyName=name,
        PolicyDocument=_json_doc(inputs["policy"]),
        **_clean(
            {
                "Path": inputs.get("path"),
                "Description": inputs.get("description"),
                "Tags": _tags(inputs) or None,
            }
        ),
    )["Policy"]
    return {"id": name, "name": name, "arn": policy["Arn"]}


def iam_role_policy(inputs: dict[str, Any], ctx: Ctx) -> Out:
    name = ctx.name()
    role = inputs["role"]
    ctx.client("iam").put_role_policy(
        RoleName=role, PolicyName=name, PolicyDocument=_json_doc(inputs["policy"])
    )
    return {"id": f"{role}:{name}", "name": name}


_AWS_POLICY_PREFIX = "arn:aws:iam::aws:policy/"


@functools.cache
def _aws_managed_policies() -> dict[str, Any]:
    from moto.iam.aws_managed_policies import aws_managed_policies_data

    parsed: dict[str, Any] = json.loads(aws_managed_policies_data)
    return parsed


def _ensure_aws_managed_policy(ctx: Ctx, arn: str) -> None:
    """AWS-managed policies exist in every account; moto only has them when told to load
    all ~1,300 (slow). Register the one being attached, if AWS has it (moto's copy of the
    list): an unknown name still fails with AWS's own NoSuchEntity."""
    if not arn.startswith(_AWS_POLICY_PREFIX):
        return
    from moto.iam.models import AWSManagedPolicy, iam_backends

    backend = iam_backends[ctx.sim.account_id]["aws"]
    if arn in backend.managed_policies:
        return
    name = arn.rsplit("/", 1)[-1]
    data = _aws_managed_policies().get(name)
    if data is None:
        return
    policy = AWSManagedPolicy.from_data(name, ctx.sim.account_id, "aws", data)
    if policy.arn == arn:
        backend.managed_policies[arn] = policy


def iam_role_policy_attachment(inputs: dict[str, Any], ctx: Ctx) -> Out:
    role, arn = inputs["role"], inputs["policyArn"]
    _ensure_aws_managed_policy(ctx, arn)
    ctx.client("iam").attach_role_policy(RoleName=role, PolicyArn=arn)
    return {"id": f"{role}-{zlib.crc32(arn.encode()):08x}"}


def oidc_provider(inputs: dict[str, Any], ctx: Ctx) -> Out:
    arn = ctx.client("iam").create_open_id_connect_provider(
        Url=inputs["url"],
        ClientIDList=list(inputs.get("clientIdLists") or []),
        ThumbprintList=list(inputs.get("thumbprintLists") or []),
        **_clean({"Tags": _tags(inputs) or None}),
    )["OpenIDConnectProviderArn"]
    return {"id": arn, "arn": arn}


# --- CloudWatch Logs, KMS, S3, Secrets Manager ------------------------------------------
def log_group(inputs: dict[str, Any], ctx: Ctx) -> Out:
    logs = ctx.client("logs")
    name = ctx.name()
    logs.create_log_group(
        logGroupName=name,
        **_clean(
            {
                "kmsKeyId": inputs.get("kmsKeyId"),
                "logGroupClass": inputs.get("logGroupClass"),
                "tags": dict(inputs.get("tags") or {}) or None,
            }
        ),
    )
    if inputs.get("retentionInDays"):
        logs.put_retention_policy(logGroupName=name, retentionInDays=int(inputs["retentionInDays"]))
    return {"id": name, "name": name, "arn": ctx.arn("logs", f"log-group:{name}")}


def kms_key(inputs: dict[str, Any], ctx: Ctx) -> Out:
    kms = ctx.client("kms")
    meta = kms.create_key(
        **_clean(
            {
                "Description": inputs.get("description"),
                "KeyUsage": inputs.get("keyUsage"),
                "KeySpec": inputs.get("customerMasterKeySpec"),
                "Policy": inputs.get("policy"),
                "MultiRegion": inputs.get("multiRegion"),
                "Tags": _tags(inputs, "TagKey", "TagValue") or None,
            }
        )
    )["KeyMetadata"]
    if inputs.get("enableKeyRotation"):
        kms.enable_key_rotation(KeyId=meta["KeyId"])
    return {"id": meta["KeyId"], "keyId": meta["KeyId"], "arn": meta["Arn"]}


def kms_alias(inputs: dict[str, Any], ctx: Ctx) -> Out:
    name = ctx.name()
    ctx.client("kms").create_alias(AliasName=name, TargetKeyId=inputs["targetKeyId"])
    return {"id": name, "arn": ctx.arn("kms", name)}


def s3_bucket(inputs: dict[str, Any], ctx: Ctx) -> Out:
    name = ctx.name("bucket")
    config = (
        {}
        if ctx.region == "us-east-1"
        else {"CreateBucketConfiguration": {"LocationConstraint": ctx.region}}
    )
    ctx.client("s3").create_bucket(Bucket=name, **config)
    return {"id": name, "bucket": name, "arn": f"arn:aws:s3:::{name}"}


def secret(inputs: dict[str, Any], ctx: Ctx) -> Out:
    answer = ctx.client("secretsmanager").create_secret(
        Name=ctx.name(),
        **_clean(
            {
                "Description": inputs.get("description"),
                "KmsKeyId": inputs.get("kmsKeyId"),
                "Tags": _tags(inputs) or None,
            }
        ),
    )
    return {"id": answer["ARN"], "arn": answer["ARN"]}


def metric_alarm(inputs: dict[str, Any], ctx: Ctx) -> Out:
    name = ctx.name()
    dims = inputs.get("dimensions") or {}
    metrics = [_pascal(m) for m in inputs.get("metricQueries") or []]
    ctx.client("cloudwatch").put_metric_alarm(
        AlarmName=name,
        ComparisonOperator=inputs["comparisonOperator"],
        EvaluationPeriods=int(inputs["evaluationPeriods"]),
        **_clean(
            {
                "AlarmDescription": inputs.get("alarmDescription"),
                "ActionsEnabled": inputs.get("actionsEnabled"),
                "AlarmActions": inputs.get("alarmActions"),
                "OKActions": inputs.get("okActions"),
                "InsufficientDataActions": inputs.get("insufficientDataActions"),
                "MetricName": inputs.get("metricName"),
                "Namespace": inputs.get("namespace"),
                "Statistic": inputs.get("statistic"),
                "ExtendedStatistic": inputs.get("extendedStatistic"),
                "Period": _as_int(inputs.get("period")),
                "Unit": inputs.get("unit"),
                "Threshold": _as_float(inputs.get("threshold")),
                "DatapointsToAlarm": _as_int(inputs.get("datapointsToAlarm")),
                "TreatMissingData": inputs.get("treatMissingData"),
                "Dimensions": [{"Name": k, "Value": str(v)} for k, v in dims.items()] or None,
                "Metrics": metrics or None,
                "Tags": _tags(inputs) or None,
            }
        ),
    )
    return {"id": name, "arn": ctx.arn("cloudwatch", f"alarm:{name}")}


# --- ECS ---------------------------------------------------------------------------------
def _strategy(items: Any) -> list[dict[str, Any]]:
    """A capacity provider strategy as ECS's API takes it, read through the one strategy
    model (``ecs.capacity.StrategyItem.from_wire``: absent base/weight are 0, as in ECS)."""
    return [StrategyItem.from_wire(s).to_wire() for s in items or []]


def ecs_cluster(inputs: dict[str, Any], ctx: Ctx) -> Out:
    name = ctx.name()
    cluster = ctx.client("ecs").create_cluster(
        clusterName=name,
        **_clean(
            {
                "settings": [
                    {"name": s["name"], "value": s["value"]} for s in inputs.get("settings") or []
                ]
                or None,
                "tags": _tags(inputs, "key", "value") or None,
            }
        ),
    )["cluster"]
    return {"id": cluster["clusterArn"], "arn": cluster["clusterArn"], "name": name}


def ecs_cluster_capacity_providers(inputs: dict[str, Any], ctx: Ctx) -> Out:
    cluster = inputs["clusterName"]
    ctx.client("ecs").put_cluster_capacity_providers(
        cluster=cluster,
        capacityProviders=list(inputs.get("capacityProviders") or []),
        defaultCapacityProviderStrategy=_strategy(inputs.get("defaultCapacityProviderStrategies")),
    )
    ctx.sim.notes.setdefault("ecs-capacity-providers", {})[cluster] = ctx.record.urn
    return {"id": cluster}


def _volume(v: Mapping[str, Any]) -> dict[str, Any]:
    volume: dict[str, Any] = {"name": v["name"]}
    if v.get("hostPath"):
        volume["host"] = {"sourcePath": v["hostPath"]}
    if v.get("efsVolumeConfiguration"):
        efs = dict(v["efsVolumeConfiguration"])
        if "transitEncryptionPort" in efs:
            efs["transitEncryptionPort"] = int(efs["transitEncryptionPort"])
        volume["efsVolumeConfiguration"] = efs
    if v.get("configureAtLaunch") is not None:
        volume["configuredAtLaunch"] = v["configureAtLaunch"]
    return volume


def ecs_task_definition(inputs: dict[str, Any], ctx: Ctx) -> Out:
    definitions = _known(inputs["containerDefinitions"], "containerDefinitions")
    if isinstance(definitions, str):
        definitions = json.loads(definitions)
    platform = inputs.get("runtimePlatform")
    storage = inputs.get("ephemeralStorage")
    answer = ctx.client("ecs").register_task_definition(
        family=inputs["family"],
        containerDefinitions=definitions,
        **_clean(
            {
                "taskRoleArn": inputs.get("taskRoleArn"),
                "executionRoleArn": inputs.get("executionRoleArn"),
                "networkMode": inputs.get("networkMode"),
                "cpu": None if inputs.get("cpu") is None else str(inputs["cpu"]),
                "memory": None if inputs.get("memory") is None else str(inputs["memory"]),
                "requiresCompatibilities": inputs.get("requiresCompatibilities"),
                "runtimePlatform": dict(platform) if platform else None,
                "ephemeralStorage": {"sizeInGiB": int(storage["sizeInGib"])} if storage else None,
                "volumes": [_volume(v) for v in inputs.get("volumes") or []] or None,
                "pidMode": inputs.get("pidMode"),
                "ipcMode": inputs.get("ipcMode"),
                "tags": _tags(inputs, "key", "value") or None,
            }
        ),
    )["taskDefinition"]
    arn = answer["taskDefinitionArn"]
    return {
        "id": inputs["family"],
        "arn": arn,
        "arnWithoutRevision": arn.rsplit(":", 1)[0],
        "revision": answer["revision"],
    }


def _awsvpc(network: Mapping[str, Any], *, upper: bool = False) -> dict[str, Any]:
    assign = network.get("assignPublicIp")
    config = _clean(
        {
            "subnets": list(network.get("subnets") or []),
            "securityGroups": list(network.get("securityGroups") or []) or None,
            "assignPublicIp": None if assign is None else ("ENABLED" if assign else "DISABLED"),
        }
    )
    return _pascal(config) if upper else config


def _check_service_strategy(
    ecs: Any, cluster: str, strategy: list[dict[str, Any]], launch_type: str | None
) -> None:
    """Two checks AWS makes on CreateService that moto does not: a capacity provider
    strategy excludes a launch type, and every provider in it must already be associated
    with the cluster (PutClusterCapacityProviders, i.e. ``ClusterCapacityProviders``).
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-capacity-providers.html
    """
    if not strategy:
        return
    if launch_type:
        raise aws_error(
            "InvalidParameterException",
            "Specifying both a launch type and capacity provider strategy is not supported. "
            "Remove one and try again.",
            "CreateService",
        )
    found = ecs.describe_clusters(clusters=[cluster])["clusters"]
    if not found:
        return  # CreateService reports the missing cluster itself
    associated = set(found[0].get("capacityProviders") or [])
    missing = [s["capacityProvider"] for s in strategy if s["capacityProvider"] not in associated]
    if missing:
        raise aws_error(
            "InvalidParameterException",
            "The specified capacity provider strategy cannot contain a capacity provider that "
            f"is not associated with the cluster ({', '.join(missing)}). Associate the capacity "
            "provider with the cluster or specify a valid capacity provider and try again.",
            "CreateService",
        )


def _check_association_is_awaited(ctx: Ctx, cluster: str, strategy: list[dict[str, Any]]) -> None:
    """The replay is sequential, a real deploy is not: Pulumi creates a service and the
    ``ClusterCapacityProviders`` of its cluster concurrently unless the service depends on
    it, and CreateService then fails (see ``_check_service_strategy``) whenever it wins."""
    if not strategy:
        return
    associated_by = ctx.sim.notes.get("ecs-capacity-providers", {})
    name = cluster.rsplit("/", 1)[-1]
    urn = associated_by.get(name) or associated_by.get(cluster)
    if urn and urn not in ctx.upstream():
        raise aws_error(
            "InvalidParameterException",
            "The specified capacity provider strategy cannot contain a capacity provider that "
            f"is not associated with the cluster (a real deploy creates this service "
            f"concurrently with {urn}, which associates them: make the service depend on it)",
            "CreateService",
        )


def ecs_service(inputs: dict[str, Any], ctx: Ctx) -> Out:
    name = ctx.name()
    deployment = _clean(
        {
            "maximumPercent": _as_int(inputs.get("deploymentMaximumPercent")),
            "minimumHealthyPercent": _as_int(inputs.get("deploymentMinimumHealthyPercent")),
            "deploymentCircuitBreaker": (
                {
                    "enable": bool(inputs["deploymentCircuitBreaker"].get("enable")),
                    "rollback": bool(inputs["deploymentCircuitBreaker"].get("rollback")),
                }
                if inputs.get("deploymentCircuitBreaker")
                else None
            ),
        }
    )
    network = inputs.get("networkConfiguration")
    controller = inputs.get("deploymentController")
    cluster = inputs.get("cluster", "default")
    strategy = _strategy(inputs.get("capacityProviderStrategies"))
    ecs = ctx.client("ecs")
    _check_service_strategy(ecs, cluster, strategy, inputs.get("launchType"))
    _check_association_is_awaited(ctx, cluster, strategy)
    # moto's CreateService ignores these settings (its UpdateService keeps them): send them
    # in both, so the SDK validates them and an operator's DescribeServices shows them.
    later = _clean(
        {
            "capacityProviderStrategy": strategy or None,
            "deploymentConfiguration": deployment or None,
            "healthCheckGracePeriodSeconds": _as_int(inputs.get("healthCheckGracePeriodSeconds")),
            "enableExecuteCommand": inputs.get("enableExecuteCommand"),
        }
    )
    service = ecs.create_service(
        cluster=cluster,
        serviceName=name,
        **later,
        **_clean(
            {
                "taskDefinition": inputs.get("taskDefinition"),
                "desiredCount": _as_int(inputs.get("desiredCount")),
                "launchType": inputs.get("launchType"),
                "platformVersion": inputs.get("platformVersion"),
                "networkConfiguration": {"awsvpcConfiguration": _awsvpc(network)}
                if network
                else None,
                "loadBalancers": [
                    _clean(
                        {
                            "targetGroupArn": lb.get("targetGroupArn"),
                            "loadBalancerName": lb.get("elbName"),
                            "containerName": lb.get("containerName"),
                            "containerPort": _as_int(lb.get("containerPort")),
                        }
                    )
                    for lb in inputs.get("loadBalancers") or []
                ]
                or None,
                "serviceRegistries": [
                    _clean(
                        {
                            "registryArn": r.get("registryArn"),
                            "port": _as_int(r.get("port")),
                            "containerName": r.get("containerName"),
                            "containerPort": _as_int(r.get("containerPort")),
                        }
                    )
                    for r in (
                        [inputs["serviceRegistries"]]
                        if isinstance(inputs.get("serviceRegistries"), dict)
                        else inputs.get("serviceRegistries") or []
                    )
                ]
                or None,
                "schedulingStrategy": inputs.get("schedulingStrategy"),
                "deploymentController": {"type": controller["type"]} if controller else None,
                "enableECSManagedTags": inputs.get("enableEcsManagedTags"),
                "propagateTags": inputs.get("propagateTags"),
                "availabilityZoneRebalancing": inputs.get("availabilityZoneRebalancing"),
                "tags": _tags(inputs, "key", "value") or None,
            }
        ),
    )["service"]
    if later:
        ecs.update_service(cluster=cluster, service=name, **later)
    return {"id": service["serviceArn"], "arn": service["serviceArn"], "name": name}


# --- ELBv2 -------------------------------------------------------------------------------
def _elb_attributes(attributes: Mapping[str, Any]) -> list[dict[str, str]]:
    """ELBv2 ``Attributes`` pairs: values as strings (booleans lower case), unset ones left out."""
    return [
        {"Key": k, "Value": str(v).lower() if isinstance(v, bool) else str(v)}
        for k, v in attributes.items()
        if v is not None
    ]


def load_balancer(inputs: dict[str, Any], ctx: Ctx) -> Out:
    elb = ctx.client("elbv2")
    name = ctx.name()
    lb = elb.create_load_balancer(
        Name=name,
        Type=inputs.get("loadBalancerType", "application"),
        Scheme="internal" if inputs.get("internal") else "internet-facing",
        **_clean(
            {
                "Subnets": inputs.get("subnets"),
                "SubnetMappings": [_pascal(m) for m in inputs.get("subnetMappings") or []] or None,
                "SecurityGroups": inputs.get("securityGroups"),
                "IpAddressType": inputs.get("ipAddressType"),
                "Tags": _tags(inputs) or None,
            }
        ),
    )["LoadBalancers"][0]
    attributes = {
        "idle_timeout.timeout_seconds": inputs.get("idleTimeout"),
        "deletion_protection.enabled": inputs.get("enableDeletionProtection"),
        "routing.http.drop_invalid_header_fields.enabled": inputs.get("dropInvalidHeaderFields"),
        "routing.http2.enabled": inputs.get("enableHttp2"),
    }
    logs = inputs.get("accessLogs") or {}
    if logs.get("enabled"):
        attributes["access_logs.s3.enabled"] = True
        attributes["access_logs.s3.bucket"] = logs.get("bucket")
        attributes["access_logs.s3.prefix"] = logs.get("prefix")
    pairs = _elb_attributes(attributes)
    arn = lb["LoadBalancerArn"]
    if pairs:
        elb.modify_load_balancer_attributes(LoadBalancerArn=arn, Attributes=pairs)
    return {
        "id": arn,
        "arn": arn,
        "arnSuffix": arn.split(":loadbalancer/", 1)[-1],
        "dnsName": lb["DNSName"],
        "zoneId": lb.get("CanonicalHostedZoneId"),
        "name": name,
    }


def target_group(inputs: dict[str, Any], ctx: Ctx) -> Out:
    elb = ctx.client("elbv2")
    name = ctx.name()
    hc = inputs.get("healthCheck") or {}
    target_type = inputs.get("targetType", "instance")
    args = _clean(
        {
            "Name": name,
            "Protocol": inputs.get("protocol"),
            "ProtocolVersion": inputs.get("protocolVersion"),
            "Port": _as_int(inputs.get("port")),
            "VpcId": inputs.get("vpcId"),
            "TargetType": target_type,
            "IpAddressType": inputs.get("ipAddressType"),
            "HealthCheckEnabled": hc.get("enabled"),
            "HealthCheckProtocol": hc.get("protocol"),
            "HealthCheckPort": None if hc.get("port") is None else str(hc["port"]),
            "HealthCheckPath": hc.get("path"),
            "HealthCheckIntervalSeconds": _as_int(hc.get("interval")),
            "HealthCheckTimeoutSeconds": _as_int(hc.get("timeout")),
            "HealthyThresholdCount": _as_int(hc.get("healthyThreshold")),
            "UnhealthyThresholdCount": _as_int(hc.get("unhealthyThreshold")),
            "Matcher": {"HttpCode": hc["matcher"]} if hc.get("matcher") else None,
            "Tags": _tags(inputs) or None,
        }
    )
    group = elb.create_target_group(**args)["TargetGroups"][0]
    arn = group["TargetGroupArn"]
    attributes: dict[str, Any] = {
        "deregistration_delay.timeout_seconds": inputs.get("deregistrationDelay"),
        "slow_start.duration_seconds": inputs.get("slowStart"),
        "load_balancing.algorithm.type": inputs.get("loadBalancingAlgorithmType"),
    }
    stickiness = inputs.get("stickiness") or {}
    if stickiness.get("enabled"):
        attributes["stickiness.enabled"] = True
        attributes["stickiness.type"] = stickiness.get("type")
        attributes["stickiness.lb_cookie.duration_seconds"] = stickiness.get("cookieDuration")
    pairs = _elb_attributes(attributes)
    if pairs:
        elb.modify_target_group_attributes(TargetGroupArn=arn, Attributes=pairs)
    return {
        "id": arn,
        "arn": arn,
        "arnSuffix": arn.split(":", 5)[-1],
        "name": name,
    }


def _action(action: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"Type": action["type"]}
    if action.get("order") is not None:
        out["Order"] = int(action["order"])
    if action.get("targetGroupArn"):
        out["TargetGroupArn"] = action["targetGroupArn"]
    forward = action.get("forward")
    if forward:
        config: dict[str, Any] = {
            "TargetGroups": [
                _clean({"TargetGroupArn": g["arn"], "Weight": _as_int(g.get("weight"))})
                for g in forward.get("targetGroups") or []
            ]
        }
        sticky = forward.get("stickiness")
        if sticky:
            config["TargetGroupStickinessConfig"] = _clean(
                {
                    "Enabled": bool(sticky.get("enabled")),
                    "DurationSeconds": _as_int(sticky.get("duration")),
                }
            )
        out["ForwardConfig"] = config
    if action.get("redirect"):
        redirect = dict(action["redirect"])
        if "port" in redirect:
            redirect["port"] = str(redirect["port"])
        out["RedirectConfig"] = _pascal(redirect)
    if action.get("fixedResponse"):
        out["FixedResponseConfig"] = _pascal(action["fixedResponse"])
    for key in ("authenticateCognito", "authenticateOidc"):
        if action.get(key):
            raise Unsupported(f"{key} listener actions")
    return out


def listener(inputs: dict[str, Any], ctx: Ctx) -> Out:
    certificate = inputs.get("certificateArn")
    answer = ctx.client("elbv2").create_listener(
        LoadBalancerArn=inputs["loadBalancerArn"],
        DefaultActions=[_action(a) for a in inputs.get("defaultActions") or []],
        **_clean(
            {
                "Protocol": inputs.get("protocol"),
                "Port": _as_int(inputs.get("port")),
                "SslPolicy": inputs.get("sslPolicy"),
                "Certificates": [{"CertificateArn": certificate}] if certificate else None,
                "AlpnPolicy": [inputs["alpnPolicy"]] if inputs.get("alpnPolicy") else None,
                "Tags": _tags(inputs) or None,
            }
        ),
    )
    arn = answer["Listeners"][0]["ListenerArn"]
    return {"id": arn, "arn": arn}


_CONDITIONS = {
    "hostHeader": ("host-header", "HostHeaderConfig"),
    "pathPattern": ("path-pattern", "PathPatternConfig"),
    "httpRequestMethod": ("http-request-method", "HttpRequestMethodConfig"),
    "sourceIp": ("source-ip", "SourceIpConfig"),
}


def _condition(condition: Mapping[str, Any]) -> dict[str, Any]:
    for key, (field, config) in _CONDITIONS.items():
        if condition.get(key):
            return {"Field": field, config: {"Values": list(condition[key]["values"])}}
    if condition.get("httpHeader"):
        header = condition["httpHeader"]
        return {
            "Field": "http-header",
            "HttpHeaderConfig": {
                "HttpHeaderName": header["httpHeaderName"],
                "Values": list(header["values"]),
            },
        }
    if condition.get("queryStrings"):
        return {
            "Field": "query-string",
            "QueryStringConfig": {"Values": [_pascal(q) for q in condition["queryStrings"]]},
        }
    raise ValueError(f"listener rule condition with no known field: {sorted(condition)}")


def listener_rule(inputs: dict[str, Any], ctx: Ctx) -> Out:
    answer = ctx.client("elbv2").create_rule(
        ListenerArn=inputs["listenerArn"],
        Priority=int(inputs["priority"]) if inputs.get("priority") is not None else 1,
        Conditions=[_condition(c) for c in inputs.get("conditions") or []],
        Actions=[_action(a) for a in inputs.get("actions") or []],
        **_clean({"Tags": _tags(inputs) or None}),
    )
    arn = answer["Rules"][0]["RuleArn"]
    return {"id": arn, "arn": arn}


def target_group_attachment(inputs: dict[str, Any], ctx: Ctx) -> Out:
    target = _clean(
        {
            "Id": inputs["targetId"],
            "Port": _as_int(inputs.get("port")),
            "AvailabilityZone": inputs.get("availabilityZone"),
        }
    )
    ctx.client("elbv2").register_targets(TargetGroupArn=inputs["targetGroupArn"], Targets=[target])
    return {"id": f"{inputs['targetGroupArn']}-{inputs['targetId']}"}


# --- Application Auto Scaling ------------------------------------------------------------
def scaling_target(inputs: dict[str, Any], ctx: Ctx) -> Out:
    answer = ctx.client("application-autoscaling").register_scalable_target(
        ServiceNamespace=inputs["serviceNamespace"],
        ResourceId=inputs["resourceId"],
        ScalableDimension=inputs["scalableDimension"],
        **_clean(
            {
                "MinCapacity": _as_int(inputs.get("minCapacity")),
                "MaxCapacity": _as_int(inputs.get("maxCapacity")),
                "RoleARN": inputs.get("roleArn"),
                "SuspendedState": _pascal(inputs["suspendedState"])
                if inputs.get("suspendedState")
                else None,
            }
        ),
    )
    out: Out = {"id": inputs["resourceId"]}
    if answer.get("ScalableTargetARN"):
        out["arn"] = answer["ScalableTargetARN"]
    return out


def _step_config(config: Mapping[str, Any]) -> dict[str, Any]:
    steps = [
        _clean(
            {
                "MetricIntervalLowerBound": _as_float(s.get("metricIntervalLowerBound")),
                "MetricIntervalUpperBound": _as_float(s.get("metricIntervalUpperBound")),
                "ScalingAdjustment": int(s["scalingAdjustment"]),
            }
        )
        for s in config.get("stepAdjustments") or []
    ]
    return _clean(
        {
            "AdjustmentType": config.get("adjustmentType"),
            "Cooldown": _as_int(config.get("cooldown")),
            "MetricAggregationType": config.get("metricAggregationType"),
            "MinAdjustmentMagnitude": _as_int(config.get("minAdjustmentMagnitude")),
            "StepAdjustments": steps or None,
        }
    )


def _tracking_config(config: Mapping[str, Any]) -> dict[str, Any]:
    out = _pascal(dict(config))
    custom = out.get("CustomizedMetricSpecification")
    if custom and isinstance(custom.get("Dimensions"), list):
        custom["Dimensions"] = [_pascal(d) for d in custom["Dimensions"]]
    return out


def scaling_policy(inputs: dict[str, Any], ctx: Ctx) -> Out:
    name = ctx.name()
    args = {
        "PolicyName": name,
        "ServiceNamespace": inputs["serviceNamespace"],
        "ResourceId": inputs["resourceId"],
        "ScalableDimension": inputs["scalableDimension"],
        "PolicyType": inputs.get("policyType", "StepScaling"),
    }
    if inputs.get("targetTrackingScalingPolicyConfiguration"):
        args["TargetTrackingScalingPolicyConfiguration"] = _tracking_config(
            inputs["targetTrackingScalingPolicyConfiguration"]
        )
    if inputs.get("stepScalingPolicyConfiguration"):
        args["StepScalingPolicyConfiguration"] = _step_config(
            inputs["stepScalingPolicyConfiguration"]
        )
    answer = ctx.client("application-autoscaling").put_scaling_policy(**args)
    return {"id": name, "name": name, "arn": answer["PolicyARN"]}


def scheduled_action(inputs: dict[str, Any], ctx: Ctx) -> Out:
    client = ctx.client("application-autoscaling")
    name = ctx.name()
    action = inputs.get("scalableTargetAction") or {}
    client.put_scheduled_action(
        ServiceNamespace=inputs["serviceNamespace"],
        ScheduledActionName=name,
        ResourceId=inputs["resourceId"],
        ScalableDimension=inputs["scalableDimension"],
        Schedule=inputs["schedule"],
        **_clean(
            {
                "Timezone": inputs.get("timezone"),
                "StartTime": inputs.get("startTime"),
                "EndTime": inputs.get("endTime"),
                "ScalableTargetAction": _clean(
                    {
                        "MinCapacity": _as_int(action.get("minCapacity")),
                        "MaxCapacity": _as_int(action.get("maxCapacity")),
                    }
                ),
            }
        ),
    )
    found = client.describe_scheduled_actions(
        ServiceNamespace=inputs["serviceNamespace"], ScheduledActionNames=[name]
    )["ScheduledActions"]
    out: Out = {"id": name}
    if found and found[0].get("ScheduledActionARN"):
        out["arn"] = found[0]["ScheduledActionARN"]
    return out


# --- EKS ---------------------------------------------------------------------------------
def eks_cluster(inputs: dict[str, Any], ctx: Ctx) -> Out:
    name = ctx.name()
    vpc_config = inputs.get("vpcConfig") or {}
    network = inputs.get("kubernetesNetworkConfig") or {}
    encryption = inputs.get("encryptionConfig")
    log_types = inputs.get("enabledClusterLogTypes")
    access = inputs.get("accessConfig")
    cluster = ctx.client("eks").create_cluster(
        name=name,
        roleArn=inputs["roleArn"],
        resourcesVpcConfig=_clean(
            {
                "subnetIds": list(vpc_config.get("subnetIds") or []),
                "securityGroupIds": vpc_config.get("securityGroupIds"),
                "endpointPublicAccess": vpc_config.get("endpointPublicAccess"),
                "endpointPrivateAccess": vpc_config.get("endpointPrivateAccess"),
                "publicAccessCidrs": vpc_config.get("publicAccessCidrs"),
            }
        ),
        **_clean(
            {
                "version": inputs.get("version"),
                "kubernetesNetworkConfig": _clean(
                    {
                        "serviceIpv4Cidr": network.get("serviceIpv4Cidr"),
                        "ipFamily": network.get("ipFamily"),
                    }
                )
                or None,
                "logging": {"clusterLogging": [{"types": list(log_types), "enabled": True}]}
                if log_types
                else None,
                "encryptionConfig": [
                    {
                        "resources": list(encryption.get("resources") or []),
                        "provider": {"keyArn": encryption["provider"]["keyArn"]},
                    }
                ]
                if encryption
                else None,
                "accessConfig": _clean(dict(access)) if access else None,
                "tags": dict(inputs.get("tags") or {}) or None,
            }
        ),
    )["cluster"]
    out: Out = {
        "id": name,
        "name": name,
        "arn": cluster["arn"],
        "endpoint": cluster.get("endpoint"),
        "certificateAuthority.data": (cluster.get("certificateAuthority") or {}).get("data"),
        "identities.0.oidcs.0.issuer": (
            ((cluster.get("identity") or {}).get("oidc") or {}).get("issuer")
        ),
    }
    # EKS creates a cluster security group in the cluster's VPC; moto does not, so the
    # simulator creates one (with EKS's naming) so that rules referring to it replay.
    subnets = vpc_config.get("subnetIds") or []
    if subnets:
        ec2 = ctx.client("ec2")
        vpc_id = ec2.describe_subnets(SubnetIds=[subnets[0]])["Subnets"][0]["VpcId"]
        group = ec2.create_security_group(
            GroupName=f"eks-cluster-sg-{name}",
            Description="EKS created security group applied to ENI that is attached to EKS "
            "Control Plane master nodes, as well as any managed workloads.",
            VpcId=vpc_id,
        )
        out["vpcConfig.vpcId"] = vpc_id
        out["vpcConfig.clusterSecurityGroupId"] = group["GroupId"]
    return out


def eks_fargate_profile(inputs: dict[str, Any], ctx: Ctx) -> Out:
    name = ctx.name("fargateProfileName")
    cluster = inputs["clusterName"]
    profile = ctx.client("eks").create_fargate_profile(
        fargateProfileName=name,
        clusterName=cluster,
        podExecutionRoleArn=inputs["podExecutionRoleArn"],
        **_clean(
            {
                "subnets": inputs.get("subnetIds"),
                "selectors": [
                    _clean({"namespace": s.get("namespace"), "labels": s.get("labels")})
                    for s in inputs.get("selectors") or []
                ],
                "tags": dict(inputs.get("tags") or {}) or None,
            }
        ),
    )["fargateProfile"]
    return {
        "id": f"{cluster}:{name}",
        "fargateProfileName": name,
        "arn": profile["fargateProfileArn"],
    }


# --- SQS, EventBridge, EventBridge Scheduler ---------------------------------------------
#: Pulumi's queue inputs and the SQS attribute each one sets (SQS names differ for several).
_QUEUE_ATTRIBUTES = {
    "delaySeconds": "DelaySeconds",
    "maxMessageSize": "MaximumMessageSize",
    "messageRetentionSeconds": "MessageRetentionPeriod",
    "receiveWaitTimeSeconds": "ReceiveMessageWaitTimeSeconds",
    "visibilityTimeoutSeconds": "VisibilityTimeout",
    "redrivePolicy": "RedrivePolicy",
    "redriveAllowPolicy": "RedriveAllowPolicy",
    "policy": "Policy",
    "fifoQueue": "FifoQueue",
    "contentBasedDeduplication": "ContentBasedDeduplication",
    "kmsMasterKeyId": "KmsMasterKeyId",
    "kmsDataKeyReusePeriodSeconds": "KmsDataKeyReusePeriodSeconds",
    "sqsManagedSseEnabled": "SqsManagedSseEnabled",
    "deduplicationScope": "DeduplicationScope",
    "fifoThroughputLimit": "FifoThroughputLimit",
}


def _attribute(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else json.dumps(value)


def sqs_queue(inputs: dict[str, Any], ctx: Ctx) -> Out:
    name = ctx.name()
    if inputs.get("fifoQueue") and not name.endswith(".fifo"):
        name += ".fifo"
    attributes = {
        attribute: _attribute(inputs[key])
        for key, attribute in _QUEUE_ATTRIBUTES.items()
        if inputs.get(key) is not None and inputs.get(key) != ""
    }
    sqs = ctx.client("sqs")
    url = sqs.create_queue(
        QueueName=name,
        **_clean(
            {"Attributes": attributes or None, "tags": dict(inputs.get("tags") or {}) or None}
        ),
    )["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    return {"id": url, "url": url, "arn": arn, "name": name}


def _queue_attribute(key: str, attribute: str) -> Handler:
    def handler(inputs: dict[str, Any], ctx: Ctx) -> Out:
        url = inputs["queueUrl"]
        ctx.client("sqs").set_queue_attributes(
            QueueUrl=url, Attributes={attribute: _attribute(inputs[key])}
        )
        return {"id": url}

    return handler


def event_rule(inputs: dict[str, Any], ctx: Ctx) -> Out:
    name = ctx.name()
    state = inputs.get("state")
    if state is None and inputs.get("isEnabled") is not None:
        state = "ENABLED" if inputs["isEnabled"] else "DISABLED"
    answer = ctx.client("events").put_rule(
        Name=name,
        **_clean(
            {
                "ScheduleExpression": inputs.get("scheduleExpression"),
                "EventPattern": inputs.get("eventPattern"),
                "Description": inputs.get("description"),
                "RoleArn": inputs.get("roleArn"),
                "State": state,
                "EventBusName": inputs.get("eventBusName"),
                "Tags": _tags(inputs) or None,
            }
        ),
    )
    bus = inputs.get("eventBusName")
    rid = f"{bus}/{name}" if bus and bus != "default" else name
    return {"id": rid, "name": name, "arn": answer["RuleArn"]}


def _ecs_parameters(ecs: Mapping[str, Any], *, map_tags: bool) -> dict[str, Any]:
    network = ecs.get("networkConfiguration")
    tags = ecs.get("tags") or {}
    return _clean(
        {
            "TaskDefinitionArn": ecs["taskDefinitionArn"],
            "TaskCount": _as_int(ecs.get("taskCount")),
            "LaunchType": ecs.get("launchType"),
            "PlatformVersion": ecs.get("platformVersion"),
            "Group": ecs.get("group"),
            "NetworkConfiguration": {"awsvpcConfiguration": _awsvpc(network, upper=True)}
            if network
            else None,
            # The strategy items keep ECS's camelCase keys in both APIs' EcsParameters.
            "CapacityProviderStrategy": _strategy(ecs.get("capacityProviderStrategies")) or None,
            "EnableECSManagedTags": ecs.get("enableEcsManagedTags"),
            "EnableExecuteCommand": ecs.get("enableExecuteCommand"),
            "PropagateTags": ecs.get("propagateTags"),
            "Tags": ([{"Key": k, "Value": v} for k, v in tags.items()] if map_tags else None)
            or None,
        }
    )


def event_target(inputs: dict[str, Any], ctx: Ctx) -> Out:
    rule = inputs["rule"]
    target_id = inputs.get("targetId") or ctx.record.outputs.get("targetId") or ctx.record.name
    target: dict[str, Any] = _clean(
        {
            "Id": target_id,
            "Arn": inputs["arn"],
            "RoleArn": inputs.get("roleArn"),
            "Input": inputs.get("input"),
            "InputPath": inputs.get("inputPath"),
        }
    )
    if inputs.get("ecsTarget"):
        target["EcsParameters"] = _ecs_parameters(inputs["ecsTarget"], map_tags=True)
    if inputs.get("deadLetterConfig"):
        target["DeadLetterConfig"] = _pascal(inputs["deadLetterConfig"])
    if inputs.get("retryPolicy"):
        target["RetryPolicy"] = _pascal(inputs["retryPolicy"])
    if inputs.get("sqsTarget"):
        target["SqsParameters"] = _pascal(inputs["sqsTarget"])
    answer = ctx.client("events").put_targets(
        Rule=rule, Targets=[target], **_clean({"EventBusName": inputs.get("eventBusName")})
    )
    if answer.get("FailedEntryCount"):
        entry = answer["FailedEntries"][0]
        raise ValueError(f"{entry.get('ErrorCode')}: {entry.get('ErrorMessage')}")
    return {"id": f"{rule}-{target_id}"}


def schedule_group(inputs: dict[str, Any], ctx: Ctx) -> Out:
    name = ctx.name()
    arn = ctx.client("scheduler").create_schedule_group(
        Name=name, **_clean({"Tags": _tags(inputs) or None})
    )["ScheduleGroupArn"]
    return {"id": name, "name": name, "arn": arn}


def schedule(inputs: dict[str, Any], ctx: Ctx) -> Out:
    name = ctx.name()
    target_in = inputs["target"]
    target = _clean(
        {
            "Arn": target_in["arn"],
            "RoleArn": target_in["roleArn"],
            "Input": target_in.get("input"),
            "RetryPolicy": _pascal(target_in["retryPolicy"])
            if target_in.get("retryPolicy")
            else None,
            "DeadLetterConfig": _pascal(target_in["deadLetterConfig"])
            if target_in.get("deadLetterConfig")
            else None,
            "EcsParameters": _ecs_parameters(target_in["ecsParameters"], map_tags=False)
            if target_in.get("ecsParameters")
            else None,
        }
    )
    window = inputs.get("flexibleTimeWindow") or {"mode": "OFF"}
    group = inputs.get("groupName") or "default"
    arn = ctx.client("scheduler").create_schedule(
        Name=name,
        GroupName=group,
        ScheduleExpression=inputs["scheduleExpression"],
        FlexibleTimeWindow=_pascal(dict(window)),
        Target=target,
        **_clean(
            {
                "ScheduleExpressionTimezone": inputs.get("scheduleExpressionTimezone"),
                "Description": inputs.get("description"),
                "State": inputs.get("state"),
                "StartDate": inputs.get("startDate"),
                "EndDate": inputs.get("endDate"),
                "KmsKeyArn": inputs.get("kmsKeyArn"),
            }
        ),
    )["ScheduleArn"]
    return {"id": f"{group}/{name}", "name": name, "arn": arn}


HANDLERS: dict[str, Handler] = {
    # EC2 network
    VPC: vpc,
    SUBNET: subnet,
    INTERNET_GATEWAY: internet_gateway,
    INTERNET_GATEWAY_ATTACHMENT: internet_gateway_attachment,
    EIP: eip,
    NAT_GATEWAY: nat_gateway,
    ROUTE_TABLE: route_table,
    ROUTE: route,
    ROUTE_TABLE_ASSOCIATION: route_table_association,
    VPC_ENDPOINT: vpc_endpoint,
    FLOW_LOG: flow_log,
    # security groups
    SECURITY_GROUP: security_group,
    DEFAULT_SECURITY_GROUP: default_security_group,
    SECURITY_GROUP_RULE: security_group_rule,
    SECURITY_GROUP_INGRESS_RULE: _vpc_rule("ingress"),
    SECURITY_GROUP_EGRESS_RULE: _vpc_rule("egress"),
    # IAM
    IAM_ROLE: iam_role,
    IAM_POLICY: iam_policy,
    IAM_ROLE_POLICY: iam_role_policy,
    IAM_ROLE_POLICY_ATTACHMENT: iam_role_policy_attachment,
    IAM_OIDC_PROVIDER: oidc_provider,
    # logs, keys, storage, secrets, alarms
    LOG_GROUP: log_group,
    METRIC_ALARM: metric_alarm,
    KMS_KEY: kms_key,
    KMS_ALIAS: kms_alias,
    S3_BUCKET: s3_bucket,
    S3_BUCKET_V2: s3_bucket,
    SECRET: secret,
    # ECS
    ECS_CLUSTER: ecs_cluster,
    ECS_CLUSTER_CAPACITY_PROVIDERS: ecs_cluster_capacity_providers,
    ECS_TASK_DEFINITION: ecs_task_definition,
    ECS_SERVICE: ecs_service,
    # ELBv2
    LOAD_BALANCER: load_balancer,
    TARGET_GROUP: target_group,
    LISTENER: listener,
    LISTENER_RULE: listener_rule,
    TARGET_GROUP_ATTACHMENT: target_group_attachment,
    # Application Auto Scaling
    SCALING_TARGET: scaling_target,
    SCALING_POLICY: scaling_policy,
    SCHEDULED_ACTION: scheduled_action,
    # EKS
    EKS_CLUSTER: eks_cluster,
    FARGATE_PROFILE: eks_fargate_profile,
    # SQS, EventBridge, Scheduler
    SQS_QUEUE: sqs_queue,
    SQS_QUEUE_POLICY: _queue_attribute("policy", "Policy"),
    SQS_REDRIVE_POLICY: _queue_attribute("redrivePolicy", "RedrivePolicy"),
    SQS_REDRIVE_ALLOW_POLICY: _queue_attribute("redriveAllowPolicy", "RedriveAllowPolicy"),
    EVENT_RULE: event_rule,
    EVENT_TARGET: event_target,
    SCHEDULE_GROUP: schedule_group,
    SCHEDULE: schedule,
}
