"""The update calls of each type (see ``updates.py``): which inputs change in place, through
which AWS API. What the Terraform provider that pulumi-aws bridges sends for an in-place
change (``Update`` of ``internal/service/<svc>/<resource>.go``); inputs that force a
replacement are not listed (``plan/replacement.py`` says which), so their change, if the
diff reports one as an update, is said "not simulated"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ....model.tokens import (
    ACM_CERTIFICATE,
    ACM_CERTIFICATE_VALIDATION,
    DEFAULT_SECURITY_GROUP,
    DISCOVERY_SERVICE,
    EC2_INSTANCE,
    ECS_CLUSTER,
    ECS_TASK_DEFINITION,
    EFS_ACCESS_POINT,
    EFS_FILE_SYSTEM,
    EFS_MOUNT_TARGET,
    EIP,
    EIP_ASSOCIATION,
    FARGATE_PROFILE,
    FLOW_LOG,
    HTTP_NAMESPACE,
    IAM_INSTANCE_PROFILE,
    IAM_OIDC_PROVIDER,
    IAM_POLICY,
    IAM_ROLE,
    INTERNET_GATEWAY,
    INTERNET_GATEWAY_ATTACHMENT,
    KMS_ALIAS,
    KMS_KEY,
    LISTENER,
    LISTENER_RULE,
    LOAD_BALANCER,
    LOG_GROUP,
    NAT_GATEWAY,
    PRIVATE_DNS_NAMESPACE,
    ROUTE,
    ROUTE53_RECORD,
    ROUTE_TABLE,
    ROUTE_TABLE_ASSOCIATION,
    S3_BUCKET,
    S3_BUCKET_V2,
    SCHEDULE,
    SCHEDULE_GROUP,
    SECRET,
    SECURITY_GROUP,
    SECURITY_GROUP_EGRESS_RULE,
    SECURITY_GROUP_INGRESS_RULE,
    SECURITY_GROUP_RULE,
    SUBNET,
    TARGET_GROUP,
    TARGET_GROUP_ATTACHMENT,
    VPC,
    VPC_ENDPOINT,
)
from ..context import Ctx
from .common import _as_int, _clean, _json_doc
from .ec2 import _ROUTE_TARGETS, _create_route, _replace_group_rules
from .elb import (
    LISTENER_SETTINGS,
    LOAD_BALANCER_ATTRIBUTES,
    TARGET_GROUP_ATTRIBUTES,
    _action,
    _certificates,
    _condition,
    health_check,
    listener_settings,
    load_balancer_attributes,
    target_group_attributes,
)
from .updates import NO_CALL, InPlace, calls


def _old(ctx: Ctx) -> Mapping[str, Any]:
    """The resource's inputs in the deploy before, as sent to moto (compare with ``inputs``)."""
    return ctx.old_inputs


def _added_removed(current: list[str], wanted: list[str]) -> tuple[list[str], list[str]]:
    return [w for w in wanted if w not in current], [c for c in current if c not in wanted]


# --- EC2 ---------------------------------------------------------------------------------
def _vpc_dns(inputs: dict[str, Any], ctx: Ctx) -> None:
    for attr in ("enableDnsSupport", "enableDnsHostnames"):  # one attribute per call (AWS)
        if attr in inputs:
            key = attr[0].upper() + attr[1:]
            ctx.client("ec2").modify_vpc_attribute(
                VpcId=ctx.outputs["id"], **{key: {"Value": bool(inputs[attr])}}
            )


def _subnet_public_ip(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("ec2").modify_subnet_attribute(
        SubnetId=ctx.outputs["id"],
        MapPublicIpOnLaunch={"Value": bool(inputs.get("mapPublicIpOnLaunch"))},
    )


def _gateway_vpc(inputs: dict[str, Any], ctx: Ctx) -> None:
    ec2, gid = ctx.client("ec2"), ctx.outputs["id"]
    gateway = ec2.describe_internet_gateways(InternetGatewayIds=[gid])["InternetGateways"][0]
    for attachment in gateway.get("Attachments") or []:
        ec2.detach_internet_gateway(InternetGatewayId=gid, VpcId=attachment["VpcId"])
    if inputs.get("vpcId"):
        ec2.attach_internet_gateway(InternetGatewayId=gid, VpcId=inputs["vpcId"])


def _inline_routes(inputs: dict[str, Any], ctx: Ctx) -> None:
    ec2, table = ctx.client("ec2"), ctx.outputs["id"]
    for route in _old(ctx).get("routes") or []:
        destination = route.get("cidrBlock") or route.get("destinationCidrBlock")
        if destination:
            ec2.delete_route(RouteTableId=table, DestinationCidrBlock=destination)
    for route in inputs.get("routes") or []:
        _create_route(ctx, table, route)


def _route_target(inputs: dict[str, Any], ctx: Ctx) -> None:
    args = {api: inputs[key] for key, api in _ROUTE_TARGETS.items() if inputs.get(key)}
    ctx.client("ec2").replace_route(
        RouteTableId=inputs["routeTableId"],
        DestinationCidrBlock=inputs.get("destinationCidrBlock"),
        **args,
    )


def _association_table(inputs: dict[str, Any], ctx: Ctx) -> dict[str, Any]:
    answer = ctx.client("ec2").replace_route_table_association(
        AssociationId=ctx.outputs["id"], RouteTableId=inputs["routeTableId"]
    )
    return {"id": answer["NewAssociationId"]}


def _endpoint(inputs: dict[str, Any], ctx: Ctx) -> None:
    ec2, eid = ctx.client("ec2"), ctx.outputs["id"]
    current = ec2.describe_vpc_endpoints(VpcEndpointIds=[eid])["VpcEndpoints"][0]
    args: dict[str, Any] = {}
    for key, have, add, remove in (
        ("subnetIds", current.get("SubnetIds"), "AddSubnetIds", "RemoveSubnetIds"),
        ("securityGroupIds", [g["GroupId"] for g in current.get("Groups") or []],
         "AddSecurityGroupIds", "RemoveSecurityGroupIds"),
        ("routeTableIds", current.get("RouteTableIds"), "AddRouteTableIds", "RemoveRouteTableIds"),
    ):  # fmt: skip
        added, removed = _added_removed(list(have or []), list(inputs.get(key) or []))
        args.update({add: added} if added else {})
        args.update({remove: removed} if removed else {})
    if inputs.get("policy"):
        args["PolicyDocument"] = _json_doc(inputs["policy"])
    if inputs.get("privateDnsEnabled") is not None:
        args["PrivateDnsEnabled"] = bool(inputs["privateDnsEnabled"])
    ec2.modify_vpc_endpoint(VpcEndpointId=eid, **args)


def _group_rules(inputs: dict[str, Any], ctx: Ctx) -> None:
    ec2 = ctx.client("ec2")
    group = ec2.describe_security_groups(GroupIds=[ctx.outputs["id"]])["SecurityGroups"][0]
    _replace_group_rules(ec2, group, inputs)


#: A VPC security group rule's inputs and their ModifySecurityGroupRules names.
_RULE_FIELDS = {
    "ipProtocol": "IpProtocol",
    "fromPort": "FromPort",
    "toPort": "ToPort",
    "cidrIpv4": "CidrIpv4",
    "cidrIpv6": "CidrIpv6",
    "prefixListId": "PrefixListId",
    "referencedSecurityGroupId": "ReferencedGroupId",
    "description": "Description",
}


def _vpc_rule(inputs: dict[str, Any], ctx: Ctx) -> None:
    rule = {api: inputs[key] for key, api in _RULE_FIELDS.items() if inputs.get(key) is not None}
    for port in ("FromPort", "ToPort"):
        if port in rule:
            rule[port] = int(rule[port])
    ctx.client("ec2").modify_security_group_rules(
        GroupId=inputs["securityGroupId"],
        SecurityGroupRules=[{"SecurityGroupRuleId": ctx.outputs["id"], "SecurityGroupRule": rule}],
    )


def _instance(inputs: dict[str, Any], ctx: Ctx) -> None:
    """Type and user data change on a stopped instance (the provider stops and starts it)."""
    ec2, iid = ctx.client("ec2"), ctx.outputs["id"]
    old = _old(ctx)
    if inputs.get("sourceDestCheck") != old.get("sourceDestCheck"):
        check = inputs.get("sourceDestCheck", True) is not False
        ec2.modify_instance_attribute(InstanceId=iid, SourceDestCheck={"Value": check})
    if inputs.get("vpcSecurityGroupIds") != old.get("vpcSecurityGroupIds"):
        ec2.modify_instance_attribute(InstanceId=iid, Groups=list(inputs["vpcSecurityGroupIds"]))
    stopped = ("instanceType", "userData")
    if any(inputs.get(k) != old.get(k) for k in stopped):
        ec2.stop_instances(InstanceIds=[iid])
        if inputs.get("instanceType") != old.get("instanceType"):
            ec2.modify_instance_attribute(
                InstanceId=iid, InstanceType={"Value": inputs["instanceType"]}
            )
        if inputs.get("userData") != old.get("userData"):
            ec2.modify_instance_attribute(
                InstanceId=iid, UserData={"Value": str(inputs.get("userData") or "").encode()}
            )
        ec2.start_instances(InstanceIds=[iid])


def _profile_role(inputs: dict[str, Any], ctx: Ctx) -> None:
    iam, name = ctx.client("iam"), ctx.outputs["name"]
    profile = iam.get_instance_profile(InstanceProfileName=name)["InstanceProfile"]
    for role in profile.get("Roles") or []:
        iam.remove_role_from_instance_profile(InstanceProfileName=name, RoleName=role["RoleName"])
    if inputs.get("role"):
        iam.add_role_to_instance_profile(InstanceProfileName=name, RoleName=inputs["role"])


# --- IAM ---------------------------------------------------------------------------------
def _trust(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("iam").update_assume_role_policy(
        RoleName=ctx.outputs["name"], PolicyDocument=_json_doc(inputs["assumeRolePolicy"])
    )


def _role_settings(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("iam").update_role(
        RoleName=ctx.outputs["name"],
        **_clean(
            {
                "Description": inputs.get("description") or "",
                "MaxSessionDuration": _as_int(inputs.get("maxSessionDuration")),
            }
        ),
    )


def _boundary(inputs: dict[str, Any], ctx: Ctx) -> None:
    iam, name = ctx.client("iam"), ctx.outputs["name"]
    if inputs.get("permissionsBoundary"):
        iam.put_role_permissions_boundary(
            RoleName=name, PermissionsBoundary=inputs["permissionsBoundary"]
        )
    else:
        iam.delete_role_permissions_boundary(RoleName=name)


def _inline(inputs: dict[str, Any], ctx: Ctx) -> None:
    iam, name = ctx.client("iam"), ctx.outputs["name"]
    wanted = {p["name"]: p["policy"] for p in inputs.get("inlinePolicies") or [] if p.get("name")}
    for policy in iam.list_role_policies(RoleName=name)["PolicyNames"]:
        if policy not in wanted:
            iam.delete_role_policy(RoleName=name, PolicyName=policy)
    for policy, document in wanted.items():
        iam.put_role_policy(RoleName=name, PolicyName=policy, PolicyDocument=_json_doc(document))


def _managed(inputs: dict[str, Any], ctx: Ctx) -> None:
    from .iam import _ensure_aws_managed_policy

    iam, name = ctx.client("iam"), ctx.outputs["name"]
    attached = [
        p["PolicyArn"] for p in iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"]
    ]
    added, removed = _added_removed(attached, list(inputs.get("managedPolicyArns") or []))
    for arn in removed:
        iam.detach_role_policy(RoleName=name, PolicyArn=arn)
    for arn in added:
        _ensure_aws_managed_policy(ctx, arn)
        iam.attach_role_policy(RoleName=name, PolicyArn=arn)


#: IAM keeps at most five versions of a managed policy ("IAM object quotas", IAM user
#: guide: "Versions of a managed policy that can be stored: 5"); the provider deletes the
#: oldest non-default version before it creates a sixth.
POLICY_VERSIONS = 5


def _policy_document(inputs: dict[str, Any], ctx: Ctx) -> None:
    iam, arn = ctx.client("iam"), ctx.outputs["arn"]
    versions = iam.list_policy_versions(PolicyArn=arn)["Versions"]
    if len(versions) >= POLICY_VERSIONS:
        oldest = min(
            (v for v in versions if not v["IsDefaultVersion"]), key=lambda v: v["CreateDate"]
        )
        iam.delete_policy_version(PolicyArn=arn, VersionId=oldest["VersionId"])
    iam.create_policy_version(
        PolicyArn=arn, PolicyDocument=_json_doc(inputs["policy"]), SetAsDefault=True
    )


def _thumbprints(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("iam").update_open_id_connect_provider_thumbprint(
        OpenIDConnectProviderArn=ctx.outputs["arn"],
        ThumbprintList=list(inputs.get("thumbprintLists") or []),
    )


# --- CloudWatch Logs, KMS, Secrets Manager ------------------------------------------------
def _retention(inputs: dict[str, Any], ctx: Ctx) -> None:
    logs, name = ctx.client("logs"), ctx.outputs["name"]
    if inputs.get("retentionInDays"):
        logs.put_retention_policy(logGroupName=name, retentionInDays=int(inputs["retentionInDays"]))
    else:
        logs.delete_retention_policy(logGroupName=name)


def _key_description(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("kms").update_key_description(
        KeyId=ctx.outputs["id"], Description=inputs.get("description") or ""
    )


def _key_policy(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("kms").put_key_policy(
        KeyId=ctx.outputs["id"], PolicyName="default", Policy=_json_doc(inputs["policy"])
    )


def _key_rotation(inputs: dict[str, Any], ctx: Ctx) -> None:
    kms = ctx.client("kms")
    call = kms.enable_key_rotation if inputs.get("enableKeyRotation") else kms.disable_key_rotation
    call(KeyId=ctx.outputs["id"])


def _key_enabled(inputs: dict[str, Any], ctx: Ctx) -> None:
    kms = ctx.client("kms")
    call = kms.disable_key if inputs.get("isEnabled") is False else kms.enable_key
    call(KeyId=ctx.outputs["id"])


def _alias_target(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("kms").update_alias(AliasName=ctx.outputs["id"], TargetKeyId=inputs["targetKeyId"])


def _secret(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("secretsmanager").update_secret(
        SecretId=ctx.outputs["arn"],
        **_clean({"Description": inputs.get("description"), "KmsKeyId": inputs.get("kmsKeyId")}),
    )


# --- ECS ---------------------------------------------------------------------------------
def _ecs_cluster(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("ecs").update_cluster(
        cluster=ctx.outputs["name"],
        **_clean(
            {
                "settings": [
                    {"name": s["name"], "value": s["value"]} for s in inputs.get("settings") or []
                ]
                or None,
                "configuration": inputs.get("configuration") or None,
                "serviceConnectDefaults": inputs.get("serviceConnectDefaults") or None,
            }
        ),
    )


# --- ELBv2 -------------------------------------------------------------------------------
def _lb_subnets(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("elbv2").set_subnets(
        LoadBalancerArn=ctx.outputs["arn"], Subnets=list(inputs.get("subnets") or [])
    )


def _lb_groups(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("elbv2").set_security_groups(
        LoadBalancerArn=ctx.outputs["arn"], SecurityGroups=list(inputs.get("securityGroups") or [])
    )


def _lb_address_type(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("elbv2").set_ip_address_type(
        LoadBalancerArn=ctx.outputs["arn"], IpAddressType=inputs.get("ipAddressType") or "ipv4"
    )


def _lb_attributes(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("elbv2").modify_load_balancer_attributes(
        LoadBalancerArn=ctx.outputs["arn"], Attributes=load_balancer_attributes(inputs)
    )


def _tg_health(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("elbv2").modify_target_group(
        TargetGroupArn=ctx.outputs["arn"], **health_check(inputs)
    )


def _tg_attributes(inputs: dict[str, Any], ctx: Ctx) -> None:
    pairs = target_group_attributes(inputs)
    if pairs:
        ctx.client("elbv2").modify_target_group_attributes(
            TargetGroupArn=ctx.outputs["arn"], Attributes=pairs
        )


def _listener(inputs: dict[str, Any], ctx: Ctx) -> None:
    from .dns import check_listener_certificates

    check_listener_certificates(ctx, _certificates(inputs), "ModifyListener")
    ctx.client("elbv2").modify_listener(ListenerArn=ctx.outputs["arn"], **listener_settings(inputs))


def _rule_priority(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("elbv2").set_rule_priorities(
        RulePriorities=[{"RuleArn": ctx.outputs["arn"], "Priority": int(inputs["priority"])}]
    )


def _rule_body(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("elbv2").modify_rule(
        RuleArn=ctx.outputs["arn"],
        Conditions=[_condition(c) for c in inputs.get("conditions") or []],
        Actions=[_action(a) for a in inputs.get("actions") or []],
    )


# --- EFS, Cloud Map, EventBridge Scheduler, Route 53 ----------------------------------------
def _lifecycle(inputs: dict[str, Any], ctx: Ctx) -> None:
    from .efs import LIFECYCLE_KEYS

    policies = [
        {LIFECYCLE_KEYS[k]: v for k, v in p.items() if k in LIFECYCLE_KEYS and v}
        for p in inputs.get("lifecyclePolicies") or []
    ]
    ctx.client("efs").put_lifecycle_configuration(
        FileSystemId=ctx.outputs["id"], LifecyclePolicies=[p for p in policies if p]
    )


def _mount_groups(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("efs").modify_mount_target_security_groups(
        MountTargetId=ctx.outputs["id"], SecurityGroups=list(inputs.get("securityGroups") or [])
    )


def _namespace_description(kind: str) -> Any:
    def setter(inputs: dict[str, Any], ctx: Ctx) -> None:
        call = getattr(ctx.client("servicediscovery"), f"update_{kind}_namespace")
        call(Id=ctx.outputs["id"], Namespace={"Description": inputs.get("description") or ""})

    return setter


def _cloud_map_service(inputs: dict[str, Any], ctx: Ctx) -> None:
    from .common import _pascal

    dns = inputs.get("dnsConfig") or {}
    records = [
        {"Type": r["type"], "TTL": int(r.get("ttl") or 60)} for r in dns.get("dnsRecords") or []
    ]
    ctx.client("servicediscovery").update_service(
        Id=ctx.outputs["id"],
        Service=_clean(
            {
                "Description": inputs.get("description"),
                "DnsConfig": {"DnsRecords": records} if records else None,
                "HealthCheckConfig": _pascal(inputs.get("healthCheckConfig")) or None,
            }
        ),
    )


def _schedule(inputs: dict[str, Any], ctx: Ctx) -> None:
    from .messaging import schedule_args

    name = ctx.outputs.get("name") or ctx.name()
    ctx.client("scheduler").update_schedule(
        **schedule_args(inputs, name, inputs.get("groupName") or "default")
    )


def _record(inputs: dict[str, Any], ctx: Ctx) -> None:
    from .dns import route53_record

    route53_record({**inputs, "allowOverwrite": True}, ctx)  # UPSERT, as the provider


#: The ECS service inputs UpdateService changes (``changes.ecs_service_update``).
SERVICE_UPDATES = (
    "taskDefinition", "desiredCount", "capacityProviderStrategies", "deploymentConfiguration",
    "deploymentMaximumPercent", "deploymentMinimumHealthyPercent", "deploymentCircuitBreaker",
    "alarms", "networkConfiguration", "platformVersion", "healthCheckGracePeriodSeconds",
    "enableExecuteCommand", "serviceConnectConfiguration", "loadBalancers",
    "serviceRegistries", "propagateTags", "enableEcsManagedTags",
    "availabilityZoneRebalancing",
)  # fmt: skip
#: Inputs of an ECS service only the provider reads (how it waits, what it triggers).
SERVICE_PROVIDER_ONLY = ("waitForSteadyState", "forceNewDeployment", "triggers", "forceDelete")

_REPLACES = "every other input forces a replacement"


#: Each type's in-place update (the rest of the types: ``handlers/__init__.py``).
UPDATE_CALLS: dict[str, InPlace] = {
    VPC: InPlace(calls((("enableDnsSupport", "enableDnsHostnames"), _vpc_dns)), _REPLACES),
    SUBNET: InPlace(calls(("mapPublicIpOnLaunch", _subnet_public_ip)), _REPLACES),
    INTERNET_GATEWAY: InPlace(calls(("vpcId", _gateway_vpc))),
    INTERNET_GATEWAY_ATTACHMENT: InPlace((), "every input forces a replacement"),
    EIP: InPlace((), _REPLACES),
    NAT_GATEWAY: InPlace((), _REPLACES),
    ROUTE_TABLE: InPlace(calls(("routes", _inline_routes), ("propagatingVgws", NO_CALL))),
    ROUTE: InPlace(calls((tuple(_ROUTE_TARGETS), _route_target)), _REPLACES),
    ROUTE_TABLE_ASSOCIATION: InPlace(calls(("routeTableId", _association_table)), _REPLACES),
    VPC_ENDPOINT: InPlace(
        calls(
            (
                ("subnetIds", "securityGroupIds", "routeTableIds", "policy", "privateDnsEnabled"),
                _endpoint,
            ),
        ),
        _REPLACES,
    ),
    FLOW_LOG: InPlace((), _REPLACES),
    SECURITY_GROUP: InPlace(
        calls((("ingress", "egress"), _group_rules), ("revokeRulesOnDelete", NO_CALL)),
        _REPLACES,
    ),
    DEFAULT_SECURITY_GROUP: InPlace(calls((("ingress", "egress"), _group_rules))),
    SECURITY_GROUP_RULE: InPlace(
        (), "every input of a legacy SecurityGroupRule forces a replacement but description"
    ),
    SECURITY_GROUP_INGRESS_RULE: InPlace(calls((tuple(_RULE_FIELDS), _vpc_rule)), _REPLACES),
    SECURITY_GROUP_EGRESS_RULE: InPlace(calls((tuple(_RULE_FIELDS), _vpc_rule)), _REPLACES),
    EC2_INSTANCE: InPlace(
        calls(
            (("sourceDestCheck", "vpcSecurityGroupIds", "instanceType", "userData"), _instance),
            ("userDataReplaceOnChange", NO_CALL),
        ),
        "the simulator replays type, user data, security groups and the source/destination check",
    ),
    EIP_ASSOCIATION: InPlace((), "every input forces a replacement"),
    IAM_INSTANCE_PROFILE: InPlace(calls(("role", _profile_role)), _REPLACES),
    IAM_ROLE: InPlace(
        calls(
            ("assumeRolePolicy", _trust),
            (("description", "maxSessionDuration"), _role_settings),
            ("permissionsBoundary", _boundary),
            ("inlinePolicies", _inline),
            ("managedPolicyArns", _managed),
            ("forceDetachPolicies", NO_CALL),
        ),
        _REPLACES,
    ),
    IAM_POLICY: InPlace(calls(("policy", _policy_document)), _REPLACES),
    IAM_OIDC_PROVIDER: InPlace(
        calls(("thumbprintLists", _thumbprints)),
        "moto 5 has no AddClientIDToOpenIDConnectProvider / RemoveClientID...",
    ),
    LOG_GROUP: InPlace(
        calls(("retentionInDays", _retention), ("skipDestroy", NO_CALL)),
        "moto 5 has no AssociateKmsKey / DisassociateKmsKey for kmsKeyId",
    ),
    KMS_KEY: InPlace(
        calls(
            ("description", _key_description),
            ("policy", _key_policy),
            ("enableKeyRotation", _key_rotation),
            ("isEnabled", _key_enabled),
            (("deletionWindowInDays", "bypassPolicyLockoutSafetyCheck"), NO_CALL),
        ),
        _REPLACES,
    ),
    KMS_ALIAS: InPlace(calls(("targetKeyId", _alias_target)), _REPLACES),
    S3_BUCKET: InPlace(
        calls(("forceDestroy", NO_CALL)),
        "the library configures buckets through the separate S3 configuration resources",
    ),
    S3_BUCKET_V2: InPlace(
        calls(("forceDestroy", NO_CALL)),
        "the library configures buckets through the separate S3 configuration resources",
    ),
    SECRET: InPlace(
        calls(
            (("description", "kmsKeyId"), _secret),
            (("recoveryWindowInDays", "forceOverwriteReplicaSecret"), NO_CALL),
        ),
        _REPLACES,
    ),
    ECS_CLUSTER: InPlace(
        calls((("settings", "configuration", "serviceConnectDefaults"), _ecs_cluster)),
        _REPLACES,
    ),
    ECS_TASK_DEFINITION: InPlace(
        calls((("skipDestroy", "trackLatest"), NO_CALL)),
        "every other input forces a new revision (a replacement)",
    ),
    LOAD_BALANCER: InPlace(
        calls(
            ("subnets", _lb_subnets),
            ("securityGroups", _lb_groups),
            ("ipAddressType", _lb_address_type),
            (LOAD_BALANCER_ATTRIBUTES, _lb_attributes),  # cross-zone: NLB and GWLB only
        ),
        _REPLACES,
    ),
    TARGET_GROUP: InPlace(
        calls(("healthCheck", _tg_health), (TARGET_GROUP_ATTRIBUTES, _tg_attributes)),
        _REPLACES,
    ),
    LISTENER: InPlace(calls((LISTENER_SETTINGS, _listener)), _REPLACES),
    LISTENER_RULE: InPlace(
        calls(("priority", _rule_priority), (("conditions", "actions"), _rule_body)),
        _REPLACES,
    ),
    TARGET_GROUP_ATTACHMENT: InPlace((), "every input forces a replacement"),
    EFS_FILE_SYSTEM: InPlace(
        calls(("lifecyclePolicies", _lifecycle)),
        "moto 5 has no UpdateFileSystem (throughput mode); the rest forces a replacement",
    ),
    EFS_MOUNT_TARGET: InPlace(calls(("securityGroups", _mount_groups)), _REPLACES),
    EFS_ACCESS_POINT: InPlace((), _REPLACES),
    HTTP_NAMESPACE: InPlace(calls(("description", _namespace_description("http"))), _REPLACES),
    PRIVATE_DNS_NAMESPACE: InPlace(
        calls(("description", _namespace_description("private_dns"))), _REPLACES
    ),
    DISCOVERY_SERVICE: InPlace(
        calls(
            (("description", "dnsConfig", "healthCheckConfig"), _cloud_map_service),
            ("forceDestroy", NO_CALL),
        ),
        _REPLACES,
    ),
    SCHEDULE_GROUP: InPlace((), _REPLACES),
    SCHEDULE: InPlace(
        calls(
            (
                (
                    "scheduleExpression",
                    "scheduleExpressionTimezone",
                    "flexibleTimeWindow",
                    "target",
                    "description",
                    "state",
                    "startDate",
                    "endDate",
                    "kmsKeyArn",
                    "groupName",
                ),
                _schedule,
            ),
        ),
        _REPLACES,
    ),
    ROUTE53_RECORD: InPlace(
        calls((("records", "ttl", "aliases"), _record), ("allowOverwrite", NO_CALL)),
        _REPLACES,
    ),
    ACM_CERTIFICATE: InPlace((), _REPLACES),
    ACM_CERTIFICATE_VALIDATION: InPlace(
        calls(("timeouts", NO_CALL)), "every input forces a replacement"
    ),
    FARGATE_PROFILE: InPlace((), "every input but tags forces a replacement"),
}
