"""Per-type handlers: a Pulumi resource's wire inputs (camelCase, mock values already
rewritten to moto's) become boto3 calls.

Each handler returns the resource's outputs as moto reports them, keyed by the Pulumi output
names (``id``, ``arn``, ``dnsName``...; dotted paths for nested outputs such as
``vpcConfig.clusterSecurityGroupId``). The engine pairs each with the mock value under the
same name, so dependants receive moto's ids and ARNs, as in a real deploy.

A handler raises :class:`~..context.Unsupported` for a setting moto cannot emulate; any other
exception (botocore's ``ClientError``, parameter validation, moto refusing) is a failure.

One module per AWS service (``ec2``, ``iam``, ``logs``, ``ecs``, ``elb``, ``autoscaling``,
``eks``, ``efs``, ``servicediscovery``, ``waf``, ``messaging``, ``dns`` for ACM and Route 53, ``ecr``, ``compute`` for EC2 instances); this package maps each type token to
its handler. To add a type: write ``def handler(inputs, ctx) -> dict`` in the service's module
(a new module for a new service), import it here and add its token to ``HANDLERS``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ....model.tokens import (
    ACM_CERTIFICATE,
    ACM_CERTIFICATE_VALIDATION,
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
    EKS_POD_IDENTITY_ASSOCIATION,
    EVENT_RULE,
    EVENT_TARGET,
    FARGATE_PROFILE,
    FLOW_LOG,
    HTTP_NAMESPACE,
    IAM_INSTANCE_PROFILE,
    IAM_OIDC_PROVIDER,
    IAM_POLICY,
    IAM_ROLE,
    IAM_ROLE_POLICY,
    IAM_ROLE_POLICY_ATTACHMENT,
    INTERNET_GATEWAY,
    INTERNET_GATEWAY_ATTACHMENT,
    KMS_ALIAS,
    KMS_KEY,
    KMS_KEY_POLICY,
    KUBERNETES_PREFIX,
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
    S3_BUCKET_V2,
    S3_ENCRYPTION,
    S3_LIFECYCLE,
    S3_OWNERSHIP_CONTROLS,
    S3_PUBLIC_ACCESS_BLOCK,
    S3_VERSIONING,
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
    WAF_LOGGING,
    WAF_WEB_ACL,
    WAF_WEB_ACL_ASSOCIATION,
)
from ..context import Ctx, Handler
from . import changes, ecr, s3
from .autoscaling import (
    scaling_policy,
    scaling_target,
    scheduled_action,
)
from .compute import ec2_instance, eip_association, iam_instance_profile
from .deletes import DELETE_CALLS
from .dns import acm_certificate, certificate_validation, route53_record
from .ec2 import (
    _vpc_rule,
    default_security_group,
    eip,
    flow_log,
    internet_gateway,
    internet_gateway_attachment,
    nat_gateway,
    route,
    route_table,
    route_table_association,
    security_group,
    security_group_rule,
    subnet,
    vpc,
    vpc_endpoint,
)
from .ecs import (
    ecs_cluster,
    ecs_cluster_capacity_providers,
    ecs_service,
    ecs_task_definition,
)
from .efs import (
    access_point,
    backup_policy,
    file_system,
    file_system_policy,
    mount_target,
)
from .eks import (
    eks_cluster,
    eks_fargate_profile,
)
from .eks_changes import EKS_DELETES, EKS_UPDATES
from .eks_emulated import (
    access_entry,
    access_policy_association,
    addon,
    pod_identity_association,
)
from .elb import (
    listener,
    listener_rule,
    load_balancer,
    target_group,
    target_group_attachment,
)
from .iam import (
    iam_policy,
    iam_role,
    iam_role_policy,
    iam_role_policy_attachment,
    oidc_provider,
)
from .kubernetes import kubernetes_delete, kubernetes_object, kubernetes_update
from .logs import (
    kms_alias,
    kms_key,
    kms_key_policy,
    log_group,
    metric_alarm,
    s3_bucket,
    secret,
)
from .messaging import (
    _QUEUE_ATTRIBUTES,
    _queue_attribute,
    event_rule,
    event_target,
    schedule,
    schedule_group,
    sqs_queue,
)
from .servicediscovery import (
    discovery_service,
    http_namespace,
    private_dns_namespace,
)
from .update_calls import SERVICE_PROVIDER_ONLY, SERVICE_UPDATES, UPDATE_CALLS
from .updates import NO_CALL, InPlace, calls
from .waf import (
    web_acl,
    web_acl_association,
    web_acl_association_delete,
    web_acl_delete,
    web_acl_logging,
    web_acl_logging_delete,
    web_acl_update,
)

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
    KMS_KEY_POLICY: kms_key_policy,
    KMS_ALIAS: kms_alias,
    S3_BUCKET: s3_bucket,
    S3_BUCKET_V2: s3_bucket,
    S3_BUCKET_POLICY: s3.bucket_policy,
    S3_PUBLIC_ACCESS_BLOCK: s3.public_access_block,
    S3_OWNERSHIP_CONTROLS: s3.ownership_controls,
    S3_ENCRYPTION: s3.encryption,
    S3_VERSIONING: s3.versioning,
    S3_LIFECYCLE: s3.lifecycle,
    SECRET: secret,
    # ECR; docker builds are never replayed (ecr.docker_build says why)
    ECR_REPOSITORY: ecr.repository,
    ECR_LIFECYCLE_POLICY: ecr.lifecycle_policy,
    DOCKER_BUILD_IMAGE: ecr.docker_build,
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
    # EFS
    EFS_FILE_SYSTEM: file_system,
    EFS_MOUNT_TARGET: mount_target,
    EFS_ACCESS_POINT: access_point,
    EFS_FILE_SYSTEM_POLICY: file_system_policy,
    EFS_BACKUP_POLICY: backup_policy,
    # AWS WAF
    WAF_WEB_ACL: web_acl,
    WAF_WEB_ACL_ASSOCIATION: web_acl_association,
    WAF_LOGGING: web_acl_logging,
    # Cloud Map
    HTTP_NAMESPACE: http_namespace,
    PRIVATE_DNS_NAMESPACE: private_dns_namespace,
    DISCOVERY_SERVICE: discovery_service,
    # EKS
    EKS_CLUSTER: eks_cluster,
    FARGATE_PROFILE: eks_fargate_profile,
    EKS_ADDON: addon,
    EKS_ACCESS_ENTRY: access_entry,
    EKS_ACCESS_POLICY_ASSOCIATION: access_policy_association,
    EKS_POD_IDENTITY_ASSOCIATION: pod_identity_association,
    # Kubernetes: every kubernetes:* type (the engine falls back to this key)
    KUBERNETES_PREFIX: kubernetes_object,
    # EC2 instances (NAT instances)
    EC2_INSTANCE: ec2_instance,
    EIP_ASSOCIATION: eip_association,
    IAM_INSTANCE_PROFILE: iam_instance_profile,
    # ACM, Route 53
    ACM_CERTIFICATE: acm_certificate,
    ACM_CERTIFICATE_VALIDATION: certificate_validation,
    ROUTE53_RECORD: route53_record,
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


#: Types whose create call is an idempotent put: calling it again is the in-place update.
PUT_UPDATES = (
    ECR_LIFECYCLE_POLICY,
    KMS_KEY_POLICY,
    IAM_ROLE_POLICY,
    IAM_ROLE_POLICY_ATTACHMENT,
    METRIC_ALARM,
    SCALING_TARGET,
    SCALING_POLICY,
    SCHEDULED_ACTION,
    ECS_CLUSTER_CAPACITY_PROVIDERS,
    EVENT_RULE,
    EVENT_TARGET,
    SQS_QUEUE_POLICY,
    SQS_REDRIVE_POLICY,
    SQS_REDRIVE_ALLOW_POLICY,
    EFS_FILE_SYSTEM_POLICY,
    EFS_BACKUP_POLICY,
    S3_BUCKET_POLICY,
    S3_PUBLIC_ACCESS_BLOCK,
    S3_OWNERSHIP_CONTROLS,
    S3_ENCRYPTION,
    S3_VERSIONING,
    S3_LIFECYCLE,
    WAF_LOGGING,
)

#: In-place updates: a put type's create call, or the per-input update calls
#: (``updates.InPlace``); a changed input an InPlace does not name is "not simulated".
UPDATERS: dict[str, Handler] = {
    **{t: HANDLERS[t] for t in PUT_UPDATES},
    **UPDATE_CALLS,
    ECS_SERVICE: InPlace(
        calls((SERVICE_UPDATES, changes.ecs_service_update), (SERVICE_PROVIDER_ONLY, NO_CALL)),
        "name, cluster, launch type, scheduling strategy and deployment controller force a "
        "replacement",
    ),
    SQS_QUEUE: InPlace(
        calls((tuple(k for k in _QUEUE_ATTRIBUTES if k != "fifoQueue"), changes.sqs_queue_update)),
        "name and fifoQueue force a replacement",
    ),
    EKS_CLUSTER: EKS_UPDATES["cluster"],
    EKS_ADDON: EKS_UPDATES["addon"],
    EKS_ACCESS_ENTRY: EKS_UPDATES["access_entry"],
    EKS_ACCESS_POLICY_ASSOCIATION: EKS_UPDATES["policy_association"],
    EKS_POD_IDENTITY_ASSOCIATION: EKS_UPDATES["pod_identity"],
    WAF_WEB_ACL: InPlace(
        calls((("rules", "defaultAction", "visibilityConfig", "description"), web_acl_update)),
        "name and scope force a replacement",
    ),
    WAF_WEB_ACL_ASSOCIATION: InPlace((), "every input forces a replacement"),
    KUBERNETES_PREFIX: kubernetes_update,
    ECR_REPOSITORY: ecr.REPOSITORY_UPDATE,
    DOCKER_BUILD_IMAGE: ecr.docker_build,
}

#: A deleter: ``(old inputs, ctx) -> None`` or a note the step shows (e.g. "no AWS call").
Deleter = Callable[[dict[str, Any], Ctx], "str | None"]

#: Deletes (``changes.py``, ``deletes.py``, ``eks_changes.py``).
DELETERS: dict[str, Deleter] = {
    ECS_SERVICE: changes.ecs_service_delete,
    ECS_TASK_DEFINITION: changes.ecs_task_definition_delete,
    ECS_CLUSTER: changes.ecs_cluster_delete,
    SQS_QUEUE: changes.sqs_queue_delete,
    SQS_QUEUE_POLICY: changes.sqs_attribute_delete("Policy"),
    SQS_REDRIVE_POLICY: changes.sqs_attribute_delete("RedrivePolicy"),
    SQS_REDRIVE_ALLOW_POLICY: changes.sqs_attribute_delete("RedriveAllowPolicy"),
    IAM_ROLE: changes.iam_role_delete,
    IAM_ROLE_POLICY: changes.iam_role_policy_delete,
    IAM_ROLE_POLICY_ATTACHMENT: changes.iam_attachment_delete,
    IAM_POLICY: changes.iam_policy_delete,
    LOG_GROUP: changes.log_group_delete,
    METRIC_ALARM: changes.alarm_delete,
    KMS_KEY: changes.kms_key_delete,
    KMS_KEY_POLICY: changes.kms_key_policy_delete,
    SCALING_TARGET: changes.scaling_target_delete,
    SCALING_POLICY: changes.scaling_policy_delete,
    EVENT_RULE: changes.event_rule_delete,
    EVENT_TARGET: changes.event_target_delete,
    LOAD_BALANCER: changes.elb_delete("load_balancer"),
    TARGET_GROUP: changes.elb_delete("target_group"),
    LISTENER: changes.elb_delete("listener"),
    LISTENER_RULE: changes.elb_delete("rule"),
    SECURITY_GROUP: changes.security_group_delete,
    **DELETE_CALLS,
    EKS_CLUSTER: EKS_DELETES["cluster"],
    FARGATE_PROFILE: EKS_DELETES["profile"],
    EKS_ADDON: EKS_DELETES["addon"],
    EKS_ACCESS_ENTRY: EKS_DELETES["access_entry"],
    EKS_ACCESS_POLICY_ASSOCIATION: EKS_DELETES["policy_association"],
    EKS_POD_IDENTITY_ASSOCIATION: EKS_DELETES["pod_identity"],
    WAF_WEB_ACL: web_acl_delete,
    WAF_WEB_ACL_ASSOCIATION: web_acl_association_delete,
    WAF_LOGGING: web_acl_logging_delete,
    KUBERNETES_PREFIX: kubernetes_delete,
    ECR_REPOSITORY: ecr.repository_delete,
    ECR_LIFECYCLE_POLICY: ecr.lifecycle_policy_delete,
    DOCKER_BUILD_IMAGE: ecr.docker_build_delete,
}


def lookup(table: Mapping[str, Any], type_: str) -> Any:
    """A type's entry in HANDLERS, UPDATERS or DELETERS; every Kubernetes type falls back
    to the ``"kubernetes:"`` entry (one emulated API server for all kinds)."""
    found = table.get(type_)
    if found is None and type_.startswith(KUBERNETES_PREFIX):
        found = table.get(KUBERNETES_PREFIX)
    return found
