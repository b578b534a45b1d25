"""Deletes of the types ``changes.py`` does not cover: the call the provider's delete makes,
with the old inputs (rewritten to moto's values) and ``ctx.outputs`` the old outputs. A
deleter may return a note (e.g. "no AWS call") that the step shows.

Checks AWS makes and moto skips, made here in AWS's shape:

- DeleteCertificate: "You cannot delete an ACM certificate that is being used by another
  AWS service" (ResourceInUseException; DeleteCertificate, ACM API reference,
  https://docs.aws.amazon.com/acm/latest/APIReference/API_DeleteCertificate.html): a
  listener of a load balancer in the account still serving it.
- DeleteNamespace: "If the namespace still contains one or more services, the request
  fails" (ResourceInUse; DeleteNamespace, Cloud Map API reference,
  https://docs.aws.amazon.com/cloud-map/latest/api/API_DeleteNamespace.html).
- DeleteService (Cloud Map): "If the service still contains one or more registered
  instances, the request fails" (ResourceInUse: "you can't delete a service that contains
  any instances"; DeleteService, Cloud Map API reference,
  https://docs.aws.amazon.com/cloud-map/latest/api/API_DeleteService.html). ECS registers
  every running task of a service whose ``serviceRegistries`` name the Cloud Map service,
  and deregisters it when the task stops; moto keeps no instances, so the handler counts the
  ACTIVE ECS services still registering into it (moto's state: e.g. one the change drops
  from the stack with ``retain_on_delete``). Not simulated: the tasks of a deployment still
  rolling (an update that moved the service to another registry without
  ``waitForSteadyState``) stay registered until they stop, which moto can't show.
"""

from __future__ import annotations

from typing import Any

from ....model.tokens import (
    ACM_CERTIFICATE,
    ACM_CERTIFICATE_VALIDATION,
    DEFAULT_SECURITY_GROUP,
    DISCOVERY_SERVICE,
    EC2_INSTANCE,
    ECS_CLUSTER_CAPACITY_PROVIDERS,
    EFS_ACCESS_POINT,
    EFS_BACKUP_POLICY,
    EFS_FILE_SYSTEM,
    EFS_FILE_SYSTEM_POLICY,
    EFS_MOUNT_TARGET,
    EIP,
    EIP_ASSOCIATION,
    FLOW_LOG,
    HTTP_NAMESPACE,
    IAM_INSTANCE_PROFILE,
    IAM_OIDC_PROVIDER,
    INTERNET_GATEWAY,
    INTERNET_GATEWAY_ATTACHMENT,
    KMS_ALIAS,
    NAT_GATEWAY,
    PRIVATE_DNS_NAMESPACE,
    ROUTE,
    ROUTE53_RECORD,
    ROUTE_TABLE,
    ROUTE_TABLE_ASSOCIATION,
    S3_BUCKET,
    S3_BUCKET_POLICY,
    S3_BUCKET_V2,
    S3_ENCRYPTION,
    S3_LIFECYCLE,
    S3_OWNERSHIP_CONTROLS,
    S3_PUBLIC_ACCESS_BLOCK,
    S3_VERSIONING,
    SCHEDULE,
    SCHEDULE_GROUP,
    SCHEDULED_ACTION,
    SECRET,
    SECURITY_GROUP_EGRESS_RULE,
    SECURITY_GROUP_INGRESS_RULE,
    SECURITY_GROUP_RULE,
    SUBNET,
    TARGET_GROUP_ATTACHMENT,
    VPC,
    VPC_ENDPOINT,
)
from ..context import Ctx
from .common import _as_int, aws_error, refuse_while_a_load_balancer_holds
from .ec2 import _permission_from_inline

__all__ = ["DELETE_CALLS"]

NO_AWS_CALL = "no AWS call: the resource only exists in the stack's state"


# --- EC2 ---------------------------------------------------------------------------------
def _vpc(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("ec2").delete_vpc(VpcId=ctx.outputs["id"])


def _subnet(inputs: dict[str, Any], ctx: Ctx) -> None:
    refuse_while_a_load_balancer_holds(ctx, ctx.outputs["id"], "DeleteSubnet")
    ctx.client("ec2").delete_subnet(SubnetId=ctx.outputs["id"])


def _gateway(inputs: dict[str, Any], ctx: Ctx) -> None:
    ec2, gid = ctx.client("ec2"), ctx.outputs["id"]
    if inputs.get("vpcId"):
        ec2.detach_internet_gateway(InternetGatewayId=gid, VpcId=inputs["vpcId"])
    ec2.delete_internet_gateway(InternetGatewayId=gid)


def _gateway_attachment(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("ec2").detach_internet_gateway(
        InternetGatewayId=inputs["internetGatewayId"], VpcId=inputs["vpcId"]
    )


def _eip(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("ec2").release_address(AllocationId=ctx.outputs["id"])


def _nat(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("ec2").delete_nat_gateway(NatGatewayId=ctx.outputs["id"])


def _route_table(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("ec2").delete_route_table(RouteTableId=ctx.outputs["id"])


def _route(inputs: dict[str, Any], ctx: Ctx) -> None:
    destination = {
        api: inputs[key]
        for key, api in (
            ("destinationCidrBlock", "DestinationCidrBlock"),
            ("destinationIpv6CidrBlock", "DestinationIpv6CidrBlock"),
            ("destinationPrefixListId", "DestinationPrefixListId"),
        )
        if inputs.get(key)
    }
    ctx.client("ec2").delete_route(RouteTableId=inputs["routeTableId"], **destination)


def _association(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("ec2").disassociate_route_table(AssociationId=ctx.outputs["id"])


def _endpoint(inputs: dict[str, Any], ctx: Ctx) -> None:
    answer = ctx.client("ec2").delete_vpc_endpoints(VpcEndpointIds=[ctx.outputs["id"]])
    if answer.get("Unsuccessful"):
        error = answer["Unsuccessful"][0]["Error"]
        raise aws_error(error["Code"], error["Message"], "DeleteVpcEndpoints")


def _flow_log(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("ec2").delete_flow_logs(FlowLogIds=[ctx.outputs["id"]])


def _default_group(inputs: dict[str, Any], ctx: Ctx) -> str:
    return (
        "no AWS call: a VPC's default security group is never deleted; it leaves the stack "
        "with its rules as they are"
    )


def _legacy_rule(inputs: dict[str, Any], ctx: Ctx) -> None:
    gid = inputs["securityGroupId"]
    ec2 = ctx.client("ec2")
    call = (
        ec2.revoke_security_group_egress
        if inputs.get("type") == "egress"
        else ec2.revoke_security_group_ingress
    )
    call(GroupId=gid, IpPermissions=[_permission_from_inline(inputs, gid)])


def _vpc_rule(direction: str) -> Any:
    def delete(inputs: dict[str, Any], ctx: Ctx) -> None:
        ec2 = ctx.client("ec2")
        call = getattr(ec2, f"revoke_security_group_{direction}")
        call(GroupId=inputs["securityGroupId"], SecurityGroupRuleIds=[ctx.outputs["id"]])

    return delete


def _instance(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("ec2").terminate_instances(InstanceIds=[ctx.outputs["id"]])


def _eip_association(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("ec2").disassociate_address(AssociationId=ctx.outputs["id"])


# --- IAM, KMS, S3, Secrets Manager ---------------------------------------------------------
def _instance_profile(inputs: dict[str, Any], ctx: Ctx) -> None:
    iam, name = ctx.client("iam"), ctx.outputs["name"]
    for role in iam.get_instance_profile(InstanceProfileName=name)["InstanceProfile"]["Roles"]:
        iam.remove_role_from_instance_profile(InstanceProfileName=name, RoleName=role["RoleName"])
    iam.delete_instance_profile(InstanceProfileName=name)


def _oidc(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("iam").delete_open_id_connect_provider(OpenIDConnectProviderArn=ctx.outputs["arn"])


def _alias(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("kms").delete_alias(AliasName=ctx.outputs["id"])


def _bucket(inputs: dict[str, Any], ctx: Ctx) -> None:
    """DeleteBucket; S3 refuses a bucket that holds objects (BucketNotEmpty) unless the
    provider empties it first (``forceDestroy``)."""
    s3, bucket = ctx.client("s3"), ctx.outputs["bucket"]
    if inputs.get("forceDestroy"):
        for item in s3.list_objects_v2(Bucket=bucket).get("Contents") or []:
            s3.delete_object(Bucket=bucket, Key=item["Key"])
    s3.delete_bucket(Bucket=bucket)


def _bucket_config(method: str) -> Any:
    def delete(inputs: dict[str, Any], ctx: Ctx) -> None:
        getattr(ctx.client("s3"), method)(Bucket=str(inputs["bucket"]))

    return delete


def _versioning(inputs: dict[str, Any], ctx: Ctx) -> str:
    """Versioning can't be removed from a bucket once enabled, only suspended (the
    provider's delete suspends it: "PutBucketVersioning", S3 API reference)."""
    ctx.client("s3").put_bucket_versioning(
        Bucket=str(inputs["bucket"]), VersioningConfiguration={"Status": "Suspended"}
    )
    return "versioning suspended (S3 cannot turn it off once enabled)"


def _secret(inputs: dict[str, Any], ctx: Ctx) -> None:
    window = _as_int(inputs.get("recoveryWindowInDays"))
    extra: dict[str, Any] = (
        {"ForceDeleteWithoutRecovery": True}
        if window == 0
        else {"RecoveryWindowInDays": window or 30}
    )
    ctx.client("secretsmanager").delete_secret(SecretId=ctx.outputs["arn"], **extra)


# --- ECS, ELBv2, Application Auto Scaling, EFS ---------------------------------------------
def _capacity_providers(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("ecs").put_cluster_capacity_providers(
        cluster=inputs["clusterName"], capacityProviders=[], defaultCapacityProviderStrategy=[]
    )


def _attachment(inputs: dict[str, Any], ctx: Ctx) -> None:
    target = {"Id": inputs["targetId"]}
    if inputs.get("port") is not None:
        target["Port"] = int(inputs["port"])
    ctx.client("elbv2").deregister_targets(
        TargetGroupArn=inputs["targetGroupArn"], Targets=[target]
    )


def _scheduled_action(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("application-autoscaling").delete_scheduled_action(
        ServiceNamespace=inputs["serviceNamespace"],
        ScheduledActionName=ctx.outputs["id"],
        ResourceId=inputs["resourceId"],
        ScalableDimension=inputs["scalableDimension"],
    )


def _file_system(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("efs").delete_file_system(FileSystemId=ctx.outputs["id"])


def _mount_target(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("efs").delete_mount_target(MountTargetId=ctx.outputs["id"])


def _access_point(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("efs").delete_access_point(AccessPointId=ctx.outputs["id"])


def _file_system_policy(inputs: dict[str, Any], ctx: Ctx) -> str:
    """Emulated: moto 5 has no DeleteFileSystemPolicy. AWS's check (the file system exists:
    FileSystemNotFound) is moto's DescribeFileSystems; the policy is dropped from moto's
    file system so DescribeFileSystemPolicy answers PolicyNotFound, as after AWS's call."""
    from moto.efs.models import efs_backends

    fs_id = inputs["fileSystemId"]
    ctx.client("efs").describe_file_systems(FileSystemId=fs_id)
    efs_backends[ctx.sim.account_id][ctx.region].file_systems_by_id[fs_id].file_system_policy = None
    return "emulated DeleteFileSystemPolicy (moto 5 lacks it)"


def _backup_policy(inputs: dict[str, Any], ctx: Ctx) -> str:
    ctx.client("efs").describe_file_systems(FileSystemId=inputs["fileSystemId"])
    return "emulated: the provider's delete sets the backup policy to DISABLED (moto 5 lacks it)"


# --- Cloud Map, ACM, Route 53, EventBridge Scheduler ----------------------------------------
def _namespace(inputs: dict[str, Any], ctx: Ctx) -> None:
    sd, nid = ctx.client("servicediscovery"), ctx.outputs["id"]
    services = sd.list_services(Filters=[{"Name": "NAMESPACE_ID", "Values": [nid]}])["Services"]
    if services:
        names = ", ".join(s["Name"] for s in services)
        raise aws_error(
            "ResourceInUse", f"namespace {nid} still contains services ({names})", "DeleteNamespace"
        )
    sd.delete_namespace(Id=nid)


def _ecs_registrants(ctx: Ctx, arn: str) -> list[str]:
    """The ACTIVE ECS services (moto's state) whose ``serviceRegistries`` name ``arn``."""
    ecs, found = ctx.client("ecs"), []
    for cluster in ecs.list_clusters()["clusterArns"]:
        arns = ecs.list_services(cluster=cluster)["serviceArns"]
        for start in range(0, len(arns), 10):  # DescribeServices takes up to 10
            described = ecs.describe_services(cluster=cluster, services=arns[start : start + 10])
            for service in described["services"]:
                registries = service.get("serviceRegistries") or []
                if service.get("status") == "ACTIVE" and any(
                    r.get("registryArn") == arn for r in registries
                ):
                    found.append(str(service["serviceName"]))
    return found


def _cloud_map_service(inputs: dict[str, Any], ctx: Ctx) -> None:
    arn = str(ctx.outputs.get("arn", ""))
    users = sorted(set(_ecs_registrants(ctx, arn)))
    if users:
        raise aws_error(
            "ResourceInUse",
            f"service {ctx.outputs['id']} still has registered instances: the tasks of the "
            f"ECS service(s) {', '.join(users)} (delete those first, or move them to another "
            "registry in an earlier deploy)",
            "DeleteService",
        )
    ctx.client("servicediscovery").delete_service(Id=ctx.outputs["id"])


def _certificate(inputs: dict[str, Any], ctx: Ctx) -> None:
    arn, elb = ctx.outputs["arn"], ctx.client("elbv2")
    for lb in elb.describe_load_balancers()["LoadBalancers"]:
        for listener in elb.describe_listeners(LoadBalancerArn=lb["LoadBalancerArn"])["Listeners"]:
            if any(c.get("CertificateArn") == arn for c in listener.get("Certificates") or []):
                raise aws_error(
                    "ResourceInUseException",
                    f"Certificate {arn} is in use by {listener['ListenerArn']}",
                    "DeleteCertificate",
                )
    ctx.client("acm").delete_certificate(CertificateArn=arn)


def _validation(inputs: dict[str, Any], ctx: Ctx) -> str:
    return "no AWS call: a certificate validation is the provider's wait, not an AWS object"


def _record(inputs: dict[str, Any], ctx: Ctx) -> None:
    route53 = ctx.client("route53")
    zone, name = inputs["zoneId"], str(inputs["name"]).rstrip(".")
    sets = route53.list_resource_record_sets(
        HostedZoneId=zone, StartRecordName=name, StartRecordType=inputs["type"], MaxItems="1"
    )["ResourceRecordSets"]
    found = [s for s in sets if s["Name"].rstrip(".") == name and s["Type"] == inputs["type"]]
    if not found:
        raise aws_error(
            "InvalidChangeBatch",
            f"Tried to delete resource record set [name='{name}', type='{inputs['type']}'] "
            "but it was not found",
            "ChangeResourceRecordSets",
        )
    route53.change_resource_record_sets(
        HostedZoneId=zone,
        ChangeBatch={"Changes": [{"Action": "DELETE", "ResourceRecordSet": found[0]}]},
    )


def _schedule_group(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("scheduler").delete_schedule_group(Name=ctx.outputs["name"])


def _schedule(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("scheduler").delete_schedule(
        Name=ctx.outputs["name"], GroupName=inputs.get("groupName") or "default"
    )


#: Deleters by the token's constant name (mapped to tokens in ``handlers/__init__.py``).
DELETE_CALLS: dict[str, Any] = {
    VPC: _vpc,
    SUBNET: _subnet,
    INTERNET_GATEWAY: _gateway,
    INTERNET_GATEWAY_ATTACHMENT: _gateway_attachment,
    EIP: _eip,
    NAT_GATEWAY: _nat,
    ROUTE_TABLE: _route_table,
    ROUTE: _route,
    ROUTE_TABLE_ASSOCIATION: _association,
    VPC_ENDPOINT: _endpoint,
    FLOW_LOG: _flow_log,
    DEFAULT_SECURITY_GROUP: _default_group,
    SECURITY_GROUP_RULE: _legacy_rule,
    SECURITY_GROUP_INGRESS_RULE: _vpc_rule("ingress"),
    SECURITY_GROUP_EGRESS_RULE: _vpc_rule("egress"),
    EC2_INSTANCE: _instance,
    EIP_ASSOCIATION: _eip_association,
    IAM_INSTANCE_PROFILE: _instance_profile,
    IAM_OIDC_PROVIDER: _oidc,
    KMS_ALIAS: _alias,
    S3_BUCKET: _bucket,
    S3_BUCKET_V2: _bucket,
    S3_BUCKET_POLICY: _bucket_config("delete_bucket_policy"),
    S3_PUBLIC_ACCESS_BLOCK: _bucket_config("delete_public_access_block"),
    S3_OWNERSHIP_CONTROLS: _bucket_config("delete_bucket_ownership_controls"),
    S3_ENCRYPTION: _bucket_config("delete_bucket_encryption"),
    S3_VERSIONING: _versioning,
    S3_LIFECYCLE: _bucket_config("delete_bucket_lifecycle"),
    SECRET: _secret,
    ECS_CLUSTER_CAPACITY_PROVIDERS: _capacity_providers,
    TARGET_GROUP_ATTACHMENT: _attachment,
    SCHEDULED_ACTION: _scheduled_action,
    EFS_FILE_SYSTEM: _file_system,
    EFS_MOUNT_TARGET: _mount_target,
    EFS_ACCESS_POINT: _access_point,
    EFS_FILE_SYSTEM_POLICY: _file_system_policy,
    EFS_BACKUP_POLICY: _backup_policy,
    HTTP_NAMESPACE: _namespace,
    PRIVATE_DNS_NAMESPACE: _namespace,
    DISCOVERY_SERVICE: _cloud_map_service,
    ACM_CERTIFICATE: _certificate,
    ACM_CERTIFICATE_VALIDATION: _validation,
    ROUTE53_RECORD: _record,
    SCHEDULE_GROUP: _schedule_group,
    SCHEDULE: _schedule,
}
