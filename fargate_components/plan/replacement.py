"""Which input changes force a replacement: the provider's ForceNew rules per type, and the
comparison of two inputs down to the leaf path that changed (pure, no Pulumi)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..model import UNKNOWN_MARK
from ..model.tokens import (
    ACM_CERTIFICATE,
    ACM_CERTIFICATE_VALIDATION,
    ALB_PREFIX,
    DEFAULT_SECURITY_GROUP,
    DISCOVERY_SERVICE,
    DOCKER_BUILD_IMAGE,
    EC2_INSTANCE,
    ECR_LIFECYCLE_POLICY,
    ECR_REPOSITORY,
    ECS_CLUSTER,
    ECS_CLUSTER_CAPACITY_PROVIDERS,
    ECS_SERVICE,
    ECS_TASK_DEFINITION,
    EFS_ACCESS_POINT,
    EFS_BACKUP_POLICY,
    EFS_FILE_SYSTEM,
    EFS_FILE_SYSTEM_POLICY,
    EFS_MOUNT_TARGET,
    EIP,
    EIP_ASSOCIATION,
    EKS_ACCESS_ENTRY,
    EKS_ACCESS_POLICY_ASSOCIATION,
    EKS_ADDON,
    EKS_CLUSTER,
    FARGATE_PROFILE,
    FLOW_LOG,
    HELM_PREFIX,
    HELM_RELEASE,
    HTTP_NAMESPACE,
    IAM_INSTANCE_PROFILE,
    IAM_OIDC_PROVIDER,
    IAM_POLICY,
    IAM_ROLE,
    IAM_ROLE_POLICY,
    IAM_ROLE_POLICY_ATTACHMENT,
    INTERNET_GATEWAY,
    KMS_ALIAS,
    KMS_KEY,
    KMS_KEY_POLICY,
    KUBERNETES_PREFIX,
    LB_PREFIX,
    LISTENER,
    LISTENER_RULE,
    LOAD_BALANCER,
    LOG_GROUP,
    METRIC_ALARM,
    NAT_GATEWAY,
    PRIVATE_DNS_NAMESPACE,
    ROUTE,
    ROUTE53_RECORD,
    ROUTE_TABLE,
    ROUTE_TABLE_ASSOCIATION,
    S3_BUCKET,
    S3_BUCKET_POLICY,
    S3_ENCRYPTION,
    S3_LIFECYCLE,
    S3_OWNERSHIP_CONTROLS,
    S3_PUBLIC_ACCESS_BLOCK,
    S3_VERSIONING,
    SCALING_POLICY,
    SCALING_TARGET,
    SCHEDULE,
    SCHEDULED_ACTION,
    SECURITY_GROUP,
    SECURITY_GROUP_EGRESS_RULE,
    SECURITY_GROUP_INGRESS_RULE,
    SQS_QUEUE,
    SQS_REDRIVE_ALLOW_POLICY,
    SUBNET,
    TARGET_GROUP,
    TARGET_GROUP_ATTACHMENT,
    VPC,
    VPC_ENDPOINT,
    WAF_LOGGING,
    WAF_WEB_ACL,
    WAF_WEB_ACL_ASSOCIATION,
)

__all__ = [
    "ALL",
    "KEYED",
    "NAME_INPUT",
    "REPLACE_KEYS",
    "REPLACE_WHEN",
    "UPDATABLE",
    "ReplacementOrder",
    "changed_paths",
    "forces",
    "ignored",
    "physical_identity",
    "rename_conflict",
    "replace_triggers",
    "replacement_order",
]

ALL = "*"

#: Input paths (wire names; ``a.b`` is a nested key) whose change forces a replacement, per
#: resource type: the ``ForceNew`` fields of the Terraform AWS provider that pulumi-aws
#: bridges (hashicorp/terraform-provider-aws, ``internal/service/<svc>/<resource>.go``).
#: ``"*"`` means every input except those in :data:`UPDATABLE`. Types not listed here are
#: reported as updates, with a note that the provider decides.
REPLACE_KEYS: dict[str, tuple[str, ...]] = {
    # eks/fargate_profile.go: every argument but tags is ForceNew (profiles are immutable)
    FARGATE_PROFILE: (ALL,),
    # eks/cluster.go: name, role_arn, bootstrap_self_managed_addons,
    # access_config.bootstrap_cluster_creator_admin_permissions,
    # kubernetes_network_config.{ip_family,service_ipv4_cidr}, outpost_config,
    # remote_network_config. vpc_config.subnet_ids is NOT ForceNew in current
    # providers (EKS updates subnets in place).
    EKS_CLUSTER: (
        "name",
        "roleArn",
        "bootstrapSelfManagedAddons",
        "accessConfig.bootstrapClusterCreatorAdminPermissions",
        "kubernetesNetworkConfig.ipFamily",
        "kubernetesNetworkConfig.serviceIpv4Cidr",
        "outpostConfig",
        "remoteNetworkConfig",
    ),
    # eks/addon.go
    EKS_ADDON: ("clusterName", "addonName"),
    # elbv2/target_group.go
    TARGET_GROUP: (
        "name",
        "namePrefix",
        "port",
        "protocol",
        "protocolVersion",
        "vpcId",
        "targetType",
        "ipAddressType",
    ),
    # elbv2/load_balancer.go (subnets and security groups update in place)
    LOAD_BALANCER: (
        "name",
        "namePrefix",
        "internal",
        "loadBalancerType",
        "customerOwnedIpv4Pool",
    ),
    # elbv2/listener.go
    LISTENER: ("loadBalancerArn",),
    LISTENER_RULE: ("listenerArn",),
    # ec2/vpc_subnet.go
    SUBNET: (
        "cidrBlock",
        "availabilityZone",
        "availabilityZoneId",
        "vpcId",
        "ipv4IpamPoolId",
        "ipv4NetmaskLength",
        "ipv6IpamPoolId",
        "ipv6Native",
        "ipv6NetmaskLength",
        "outpostArn",
    ),
    # ec2/vpc_.go
    VPC: ("cidrBlock", "ipv4IpamPoolId", "ipv4NetmaskLength"),
    # ec2/vpc_security_group.go
    SECURITY_GROUP: ("name", "namePrefix", "description", "vpcId"),
    # ec2/vpc_nat_gateway.go, vpc_eip.go, vpc_route.go, vpc_route_table_association.go
    NAT_GATEWAY: (
        "allocationId",
        "subnetId",
        "connectivityType",
        "privateIp",
    ),
    EIP: ("domain", "address", "networkBorderGroup", "publicIpv4Pool"),
    ROUTE: (
        "routeTableId",
        "destinationCidrBlock",
        "destinationIpv6CidrBlock",
        "destinationPrefixListId",
    ),
    ROUTE_TABLE_ASSOCIATION: ("subnetId", "gatewayId"),
    ROUTE_TABLE: ("vpcId",),
    INTERNET_GATEWAY: (),
    FLOW_LOG: (ALL,),
    # ecs/service.go
    ECS_SERVICE: (
        "name",
        "cluster",
        "launchType",
        "iamRole",
        "schedulingStrategy",
        "deploymentController.type",
    ),
    # ecs/task_definition.go: every argument but tags is ForceNew (a new revision)
    ECS_TASK_DEFINITION: (ALL,),
    ECS_CLUSTER: ("name",),
    # iam/role.go, role_policy.go, role_policy_attachment.go, policy.go
    IAM_ROLE: ("name", "namePrefix", "path"),
    IAM_ROLE_POLICY: ("name", "namePrefix", "role"),
    IAM_ROLE_POLICY_ATTACHMENT: ("role", "policyArn"),
    IAM_POLICY: ("name", "namePrefix", "path", "description"),
    # logs/group.go
    LOG_GROUP: ("name", "namePrefix", "logGroupClass"),
    # sqs/queue.go
    SQS_QUEUE: ("name", "namePrefix", "fifoQueue"),
    # kms/key.go
    KMS_KEY: ("customerMasterKeySpec", "keySpec", "keyUsage", "multiRegion", "xksKeyId"),
    KMS_ALIAS: ("name", "namePrefix"),
    # kms/key_policy.go: key_id and policy update in place (PutKeyPolicy on the key given)
    KMS_KEY_POLICY: (),
    # -- the rest of what the library creates (issue 14 item 8). Each list is the ForceNew
    # (or plugin-framework RequiresReplace) fields of hashicorp/terraform-provider-aws
    # internal/service/<svc>/<file>.go, read from the provider source; ``()`` means every
    # input updates in place (tags included). --
    # eks/access_policy_association.go: no Update at all: every argument is ForceNew
    EKS_ACCESS_POLICY_ASSOCIATION: (ALL,),
    # eks/access_entry.go (kubernetes_groups and user_name update in place)
    EKS_ACCESS_ENTRY: ("clusterName", "principalArn", "type"),
    # acm/certificate_validation.go: no Update: certificate_arn, validation_record_fqdns
    ACM_CERTIFICATE_VALIDATION: (ALL,),
    # acm/certificate.go (options, early_renewal_duration, and an imported body update)
    ACM_CERTIFICATE: (
        "certificateAuthorityArn",
        "domainName",
        "keyAlgorithm",
        "subjectAlternativeNames",
        "validationMethod",
        "validationOptions",
    ),
    # elbv2/target_group_attachment.go: no Update: every argument is ForceNew
    TARGET_GROUP_ATTACHMENT: (ALL,),
    # ec2/ec2_eip_association.go: no Update: every argument is ForceNew
    EIP_ASSOCIATION: (ALL,),
    # efs/access_point.go: "Tags only" update: every other argument is ForceNew
    EFS_ACCESS_POINT: (ALL,),
    # efs/file_system.go (lifecycle_policy, protection, throughput update in place)
    EFS_FILE_SYSTEM: (
        "availabilityZoneName",
        "creationToken",
        "encrypted",
        "kmsKeyId",
        "performanceMode",
    ),
    # efs/mount_target.go (security_groups update in place)
    EFS_MOUNT_TARGET: ("fileSystemId", "ipAddress", "subnetId"),
    # efs/backup_policy.go, efs/file_system_policy.go
    EFS_BACKUP_POLICY: ("fileSystemId",),
    EFS_FILE_SYSTEM_POLICY: ("fileSystemId",),
    # ecs/cluster_capacity_providers.go
    ECS_CLUSTER_CAPACITY_PROVIDERS: ("clusterName",),
    # ecr/repository.go (image_tag_mutability and scanning update in place)
    ECR_REPOSITORY: ("name", "encryptionConfigurations"),
    # ecr/lifecycle_policy.go: no Update: policy and repository are ForceNew
    ECR_LIFECYCLE_POLICY: (ALL,),
    # appautoscaling/target.go, policy.go, scheduled_action.go
    SCALING_TARGET: ("resourceId", "scalableDimension", "serviceNamespace"),
    SCALING_POLICY: ("name", "resourceId", "scalableDimension", "serviceNamespace"),
    SCHEDULED_ACTION: ("name", "resourceId", "scalableDimension", "serviceNamespace"),
    # cloudwatch/metric_alarm.go
    METRIC_ALARM: ("name",),
    # ec2/vpc_default_security_group.go
    DEFAULT_SECURITY_GROUP: ("vpcId",),
    # ec2/vpc_security_group_{ingress,egress}_rule.go: security_group_id RequiresReplace,
    # and ModifyPlan replaces the rule when its source kind changes (a CIDR for a group, ...)
    SECURITY_GROUP_INGRESS_RULE: ("securityGroupId",),
    SECURITY_GROUP_EGRESS_RULE: ("securityGroupId",),
    # ec2/vpc_endpoint.go (policy, route tables, subnets, security groups update in place)
    VPC_ENDPOINT: (
        "vpcId",
        "serviceName",
        "vpcEndpointType",
        "serviceRegion",
        "resourceConfigurationArn",
        "serviceNetworkArn",
        "dnsOptions.privateDnsPreference",
        "dnsOptions.privateDnsSpecifiedDomains",
    ),
    # ec2/ec2_instance.go; user_data only with user_data_replace_on_change (see
    # :data:`REPLACE_WHEN`). ami, associate_public_ip_address and availability_zone are
    # ForceNew (hashicorp/terraform-provider-aws internal/service/ec2/ec2_instance.go, the
    # schema's first attributes, read 2026-12-01; the library ignores changes to ami: a new
    # AMI patches in place)
    EC2_INSTANCE: (
        "ami",
        "associatePublicIpAddress",
        "availabilityZone",
        "cpuCoreCount",
        "cpuThreadsPerCore",
        "cpuOptions",
        "ebsBlockDevices",
        "ebsOptimized",
        "enclaveOptions",
        "ephemeralBlockDevices",
        "hibernation",
        "hostId",
        "ipv6AddressCount",
        "ipv6Addresses",
        "keyName",
        "launchTemplate",
        "networkInterfaces",
        "placementGroup",
        "placementPartitionNumber",
        "privateDnsNameOptions",
        "privateIp",
        "rootBlockDevice.encrypted",
        "rootBlockDevice.kmsKeyId",
        "securityGroups",
        "subnetId",
        "tenancy",
    ),
    # iam/instance_profile.go (role updates in place), iam/openid_connect_provider.go
    IAM_INSTANCE_PROFILE: ("name", "namePrefix", "path"),
    IAM_OIDC_PROVIDER: ("url",),
    # route53/record.go (type, records, ttl, alias update through an UPSERT)
    ROUTE53_RECORD: ("name", "zoneId"),
    # servicediscovery/http_namespace.go ("Tags only" update), private_dns_namespace.go
    # (description updates), service.go (dns records' ttl, health check path update)
    HTTP_NAMESPACE: ("name", "description"),
    PRIVATE_DNS_NAMESPACE: ("name", "vpc"),
    DISCOVERY_SERVICE: (
        "name",
        "namespaceId",
        "type",
        "dnsConfig.namespaceId",
        "dnsConfig.routingPolicy",
        "dnsConfig.dnsRecords.type",
        "healthCheckConfig.type",
        "healthCheckCustomConfig",
    ),
    # sqs/queue_redrive_allow_policy.go
    SQS_REDRIVE_ALLOW_POLICY: ("queueUrl",),
    # scheduler/schedule.go (expression, target, window, state update in place)
    SCHEDULE: ("name", "namePrefix", "groupName"),
    # s3/bucket.go; bucket_policy.go, bucket_public_access_block.go,
    # bucket_ownership_controls.go, bucket_versioning.go (bucket, expected_bucket_owner);
    # bucket_server_side_encryption_configuration.go (bucket and expected_bucket_owner
    # ForceNew; rule updates in place) and bucket_lifecycle_configuration.go (a Framework
    # resource: bucket and expected_bucket_owner RequiresReplace; rules and
    # transition_default_minimum_object_size update in place), both read in
    # hashicorp/terraform-provider-aws internal/service/s3/ on 2026-12-01
    S3_BUCKET: ("bucket", "bucketPrefix", "objectLockEnabled"),
    S3_BUCKET_POLICY: ("bucket",),
    S3_PUBLIC_ACCESS_BLOCK: ("bucket",),
    S3_OWNERSHIP_CONTROLS: ("bucket",),
    S3_VERSIONING: ("bucket", "expectedBucketOwner"),
    S3_ENCRYPTION: ("bucket", "expectedBucketOwner"),
    S3_LIFECYCLE: ("bucket", "expectedBucketOwner"),
    # pulumi/pulumi-docker-build provider/internal/image.go: Diff reports every change as
    # an Update ("for images built locally there is nothing to delete"): a rebuild
    DOCKER_BUILD_IMAGE: (),
    # pulumi/pulumi-kubernetes provider/pkg/provider/helm_release.go, Diff:
    # ``forceNewFields := []string{".name", ".namespace"}`` (everything else is an upgrade)
    HELM_RELEASE: ("name", "namespace"),
    # wafv2/web_acl.go: name and scope are ForceNew (rules, description, default action,
    # visibility update in place with the lock token);
    # wafv2/web_acl_association.go: no Update, both arguments ForceNew
    WAF_WEB_ACL: ("name", "scope"),
    WAF_WEB_ACL_ASSOCIATION: ("resourceArn", "webAclArn"),
    # hashicorp/terraform-provider-aws internal/service/wafv2/web_acl_logging_configuration.go
    # (read 2026-12-01): log_destination_configs and resource_arn are ForceNew; redacted
    # fields and the logging filter update in place (Update is the same Put)
    WAF_LOGGING: ("logDestinationConfigs", "resourceArn"),
}

#: Inputs that force a replacement only while another input is set: (trigger, flag).
#: ec2/ec2_instance.go: ``customdiff.ForceNewIf("user_data", ... user_data_replace_on_change)``.
REPLACE_WHEN: dict[str, tuple[tuple[str, str], ...]] = {
    EC2_INSTANCE: (
        ("userData", "userDataReplaceOnChange"),
        ("userDataBase64", "userDataReplaceOnChange"),
    ),
}

#: Inputs that never force a replacement, even for ``"*"`` types.
UPDATABLE = frozenset({"tags", "tagsAll", "skipDestroy", "trackLatest"})

#: For Kubernetes objects the provider replaces on a new name or namespace.
_K8S_REPLACE_KEYS = ("metadata.name", "metadata.namespace")

_NAME_KEYS = ("name", "Sid", "containerName", "namespace", "key", "Key")


def replace_triggers(type_: str, inputs: Mapping[str, Any] | None = None) -> tuple[str, ...] | None:
    """The replace-triggering input paths of a type, or None when we do not know them
    (``inputs``: the resource's new inputs, for the triggers in :data:`REPLACE_WHEN`)."""
    if type_ in REPLACE_KEYS:
        when = REPLACE_WHEN.get(type_, ())
        extra = tuple(t for t, flag in when if inputs and inputs.get(flag) is True)
        return REPLACE_KEYS[type_] + extra
    if type_.startswith(ALB_PREFIX):  # the aws.alb module is an alias of aws.lb
        return REPLACE_KEYS.get(type_.replace(ALB_PREFIX, LB_PREFIX, 1))
    if type_.startswith(KUBERNETES_PREFIX) and not type_.startswith(HELM_PREFIX):
        return _K8S_REPLACE_KEYS
    return None


# -- comparing values ---------------------------------------------------------------------


def _parsed(value: Any) -> Any:
    if isinstance(value, str) and value.strip()[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _list_key(items: list[Any]) -> str | None:
    if not items or not all(isinstance(i, Mapping) for i in items):
        return None
    for key in _NAME_KEYS:
        names = [i.get(key) for i in items]  # an unknown name identifies no item
        known = all(isinstance(n, str) and n != UNKNOWN_MARK for n in names)
        if known and len(set(names)) == len(names):
            return key
    return None


def changed_paths(
    old: Any, new: Any, prefix: str = "", *, unknown_matches: bool = False
) -> list[str]:
    """Paths (``a.b[2].c``, ``containerDefinitions[web].image``) where ``old`` and ``new``
    differ. JSON documents in strings are compared parsed; list items that all carry a
    distinct ``name`` (or ``Sid``, …) are matched by it. With ``unknown_matches``, a value
    ``"[unknown]"`` on either side matches anything (a plan with mock values against a
    preview-faithful one: the value is what the engine will know from the stack's state;
    a change of the resource it comes from is found by the cascade instead)."""
    old, new = _parsed(old), _parsed(new)
    if old == new or (unknown_matches and UNKNOWN_MARK in (old, new)):
        return []

    def inner(a: Any, b: Any, path: str) -> list[str]:
        return changed_paths(a, b, path, unknown_matches=unknown_matches)

    if isinstance(old, Mapping) and isinstance(new, Mapping):
        out: list[str] = []
        for key in sorted(set(old) | set(new), key=str):
            path = f"{prefix}.{key}" if prefix else str(key)
            if key not in old or key not in new:
                out.append(path)
            else:
                out += inner(old[key], new[key], path)
        return out
    if isinstance(old, list) and isinstance(new, list):
        key = _list_key(old)
        if key is not None and key == _list_key(new):
            by_old = {i[key]: i for i in old}
            by_new = {i[key]: i for i in new}
            out = []
            for name in sorted(set(by_old) | set(by_new)):
                path = f"{prefix}[{name}]"
                if name not in by_old or name not in by_new:
                    out.append(path)
                else:
                    out += inner(by_old[name], by_new[name], path)
            reordered = [i[key] for i in old] != [i[key] for i in new]
            return out or ([prefix] if reordered else [])  # same items, another order
        if len(old) == len(new):
            out = []
            for i, (a, b) in enumerate(zip(old, new, strict=True)):
                out += inner(a, b, f"{prefix}[{i}]")
            return out
    return [prefix] if prefix else ["(value)"]


def covers(rule: str, path: str) -> bool:
    """True when a change at ``path`` touches the input ``rule`` names."""
    bare = re.sub(r"\[[^\]]*\]", "", path)
    return any(a == b or a.startswith(b + ".") for a, b in ((bare, rule), (rule, bare)))


def forces(path: str, triggers: Iterable[str], replace_on_changes: Iterable[str]) -> bool:
    """True when a change at ``path`` forces a replacement."""
    rules = [*triggers, *replace_on_changes]
    top = re.split(r"[.\[]", path, maxsplit=1)[0]
    if ALL in replace_on_changes or (ALL in triggers and top not in UPDATABLE):
        return True
    return any(covers(rule, path) for rule in rules if rule != ALL)


def ignored(path: str, ignore_changes: Iterable[str]) -> bool:
    """True when ``ignore_changes`` covers a change at ``path``."""
    return any(covers(str(rule), path) or rule == ALL for rule in ignore_changes)


# -- the order of a replacement ---------------------------------------------------------------

#: The input holding a type's physical name, when it is not ``name``. pulumi-terraform-bridge's
#: ``SetAutonaming`` auto-names every input literally called ``name`` (pulumi-aws calls it);
#: other name inputs are auto-named per type in pulumi-aws (``fargateProfileName``).
NAME_INPUT: dict[str, str | None] = {
    FARGATE_PROFILE: "fargateProfileName",
    # A record's ``name`` is its DNS name, required and never auto-named (RecordArgs.name);
    # its replace triggers (name, zoneId) always change its identity, so it never collides.
    ROUTE53_RECORD: None,
}

#: Types whose identity in AWS is a key of inputs rather than a name: a replacement that keeps
#: the key and creates first goes wrong, in the way given.
KEYED: dict[str, tuple[tuple[str, ...], str]] = {
    # eks/access_entry.go create: CreateAccessEntry for a principal that has one already
    EKS_ACCESS_ENTRY: (
        ("clusterName", "principalArn"),
        "EKS refuses a second access entry for the same principal (ResourceInUseException)",
    ),
    # AssociateAccessPolicy's reference does not say what associating an associated policy
    # again does (refused, or updated: its response carries modifiedAt) - unconfirmed; either
    # way the later DisassociateAccessPolicy of the old half removes the association
    EKS_ACCESS_POLICY_ASSOCIATION: (
        ("clusterName", "principalArn", "policyArn"),
        "the old association's delete (DisassociateAccessPolicy) runs after the new one is "
        "made and removes it: the principal ends up without the policy",
    ),
    # elbv2/target_group_attachment.go: RegisterTargets then DeregisterTargets of the same target
    TARGET_GROUP_ATTACHMENT: (
        ("targetGroupArn", "targetId", "port"),
        "the target is registered again (a no-op), then the old half's DeregisterTargets "
        "removes it from the target group",
    ),
}


@dataclass(frozen=True)
class ReplacementOrder:
    """How a replacement runs: the new one first (Pulumi's default) or the old one deleted
    first, which rule decided, the physical name (or key) the two share, and what AWS does
    about it when it goes wrong (``conflict``; None when the replacement can succeed)."""

    delete_first: bool
    why: str
    kept: str | None = None
    conflict: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "delete_first": self.delete_first,
            "why": self.why,
            "kept": self.kept,
            "conflict": self.conflict,
        }

    def text(self) -> str:
        """One phrase for the diff (what runs first, the gap or the failure)."""
        if self.conflict:
            return f"[{self.why}; {self.conflict}]"
        if self.delete_first:
            gap = f"{self.kept!r} is absent" if self.kept else "it is absent"
            return f"[deleted before its replacement is created ({self.why}): {gap} in between]"
        return ""


def _known(value: Any) -> bool:
    return isinstance(value, str) and bool(value) and UNKNOWN_MARK not in value


def _k8s_identity(inputs: Mapping[str, Any]) -> tuple[Any, Any]:
    meta = inputs.get("metadata")
    if not isinstance(meta, Mapping):
        return None, None
    return meta.get("name"), meta.get("namespace")


def replacement_order(
    type_: str,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
) -> ReplacementOrder:
    """The order of replacing the resource recorded as ``old`` by ``new`` (plan JSON records:
    ``inputs`` and ``options``), as the engine and its providers decide it:

    - ``delete_before_replace`` on the new resource: the old one goes first;
    - pulumi-kubernetes deletes first an object the program names, re-created under the same
      name and namespace (provider/pkg/provider/provider.go, Diff: "Delete before replacement
      if ... the new version of that object MUST have the same name"), but not a Helm release
      (helm_release.go: ``DeleteBeforeReplace: false``);
    - pulumi-aws deletes first a resource whose auto-named name input the program sets
      (pulumi-terraform-bridge tfbridge ``nameRequiresDeleteBeforeReplace``: "the given set of
      resource inputs includes an autonameable property with a value that was not populated by
      the autonamer"); the mocks never auto-name, so a name in the inputs is the program's;
    - otherwise the new one is created first. Sharing a name or key with the old one then
      fails (:data:`KEYED`), and so does sharing a name with an old one that is retained
      (``retain_on_delete``): it stays in AWS whatever the order."""
    old_in, new_in = old.get("inputs") or {}, new.get("inputs") or {}
    retained = bool((old.get("options") or {}).get("retain_on_delete"))
    kept = _kept_name(type_, old_in, new_in)
    if (new.get("options") or {}).get("delete_before_replace"):
        order = ReplacementOrder(True, "delete_before_replace", kept)
    elif type_.startswith(KUBERNETES_PREFIX):
        order = _k8s_order(type_, old_in, new_in)
    elif type_ in KEYED:
        keys, failure = KEYED[type_]
        same = all(_known(new_in.get(k)) and old_in.get(k) == new_in.get(k) for k in keys)
        shared = "/".join(str(new_in.get(k)) for k in keys) if same else None
        order = ReplacementOrder(
            False, "created first (Pulumi's default)", shared, shared and failure
        )
    else:
        field = NAME_INPUT.get(type_, "name")
        named = field is not None and _known(new_in.get(field))
        why = (
            f"pulumi-aws deletes first: the program sets {field}"
            if named
            else "created first (Pulumi's default)"
        )
        order = ReplacementOrder(named, why, kept)
    if retained and order.kept and not order.conflict:
        return ReplacementOrder(
            order.delete_first,
            order.why,
            order.kept,
            f"the old one is retained (retain_on_delete) and keeps the name {order.kept!r} in "
            "AWS, so creating the new one fails ('already exists'): let the name change, or "
            "import the retained one",
        )
    return order


def physical_identity(type_: str, inputs: Mapping[str, Any]) -> str | None:
    """What makes the resource unique in AWS (or the cluster), when the program sets it: its
    name (``namespace/name`` for a Kubernetes object, the release name for Helm), or its key
    for a :data:`KEYED` type; None when a provider picks it (an auto-name) or it is unknown."""
    if type_ in KEYED:
        values = [inputs.get(k) for k in KEYED[type_][0]]
        return "/".join(map(str, values)) if all(_known(v) for v in values) else None
    if type_.startswith(KUBERNETES_PREFIX) and type_ != HELM_RELEASE:
        name, namespace = _k8s_identity(inputs)
        if not _known(name):
            return None
        return f"{namespace}/{name}" if namespace else str(name)
    if type_ == HELM_RELEASE:
        name = inputs.get("name")
        return f"{inputs.get('namespace') or 'default'}/{name}" if _known(name) else None
    field = NAME_INPUT.get(type_, "name")
    value = inputs.get(field) if field else None
    return value if _known(value) else None


def _kept_name(type_: str, old_in: Mapping[str, Any], new_in: Mapping[str, Any]) -> str | None:
    """The physical name both halves share, when the program sets it and it stays."""
    if type_ in KEYED:
        return None  # a key is no name: KEYED says what sharing it does
    new = physical_identity(type_, new_in)
    return new if new is not None and physical_identity(type_, old_in) == new else None


def rename_conflict(type_: str, identity: str) -> ReplacementOrder:
    """A create that reuses the physical name (or key) of a resource the same diff deletes:
    a new logical name is a new resource, created before the deletes that run last."""
    if type_ in KEYED:
        failure = KEYED[type_][1]
    else:
        failure = f"AWS refuses a second one named {identity!r} while the old one exists ('already exists')"
    return ReplacementOrder(
        False,
        "a new logical name: created before the old one is deleted (deletes run last)",
        identity,
        f"{failure}; keep the logical name with an alias instead",
    )


def _k8s_order(
    type_: str, old_in: Mapping[str, Any], new_in: Mapping[str, Any]
) -> ReplacementOrder:
    kept = _kept_name(type_, old_in, new_in)
    if type_ == HELM_RELEASE:
        same = kept is not None and old_in.get("namespace") == new_in.get("namespace")
        conflict = (
            "Helm refuses to install a release under a name still in use ('cannot re-use a "
            "name that is still in use'): set delete_before_replace=True"
            if same
            else None
        )
        return ReplacementOrder(
            False, "pulumi-kubernetes creates a Helm release first", kept, conflict
        )
    if kept is not None:
        return ReplacementOrder(True, "pulumi-kubernetes deletes first: the program names it", kept)
    return ReplacementOrder(False, "created first (Pulumi's default)")
