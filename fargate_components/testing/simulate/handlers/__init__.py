"""Per-type handlers: a Pulumi resource's wire inputs (camelCase, mock values already
rewritten to moto's) become boto3 calls.

Each handler returns the resource's outputs as moto reports them, keyed by the Pulumi output
names (``id``, ``arn``, ``dnsName``...; dotted paths for nested outputs such as
``vpcConfig.clusterSecurityGroupId``). The engine pairs each with the mock value under the
same name, so dependants receive moto's ids and ARNs, as in a real deploy.

A handler raises :class:`~..context.Unsupported` for a setting moto cannot emulate; any other
exception (botocore's ``ClientError``, parameter validation, moto refusing) is a failure.

One module per AWS service (``ec2``, ``iam``, ``logs``, ``ecs``, ``elb``, ``autoscaling``,
``eks``, ``efs``, ``servicediscovery``, ``messaging``); this package maps each type token to
its handler. To add a type: write ``def handler(inputs, ctx) -> dict`` in the service's module
(a new module for a new service), import it here and add its token to ``HANDLERS``.
"""

from __future__ import annotations

from ....model.tokens import (
    DEFAULT_SECURITY_GROUP,
    DISCOVERY_SERVICE,
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
    EKS_CLUSTER,
    EVENT_RULE,
    EVENT_TARGET,
    FARGATE_PROFILE,
    FLOW_LOG,
    HTTP_NAMESPACE,
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
    PRIVATE_DNS_NAMESPACE,
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
from ..context import Handler
from .autoscaling import (
    scaling_policy,
    scaling_target,
    scheduled_action,
)
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
from .logs import (
    kms_alias,
    kms_key,
    log_group,
    metric_alarm,
    s3_bucket,
    secret,
)
from .messaging import (
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
    # EFS
    EFS_FILE_SYSTEM: file_system,
    EFS_MOUNT_TARGET: mount_target,
    EFS_ACCESS_POINT: access_point,
    EFS_FILE_SYSTEM_POLICY: file_system_policy,
    EFS_BACKUP_POLICY: backup_policy,
    # Cloud Map
    HTTP_NAMESPACE: http_namespace,
    PRIVATE_DNS_NAMESPACE: private_dns_namespace,
    DISCOVERY_SERVICE: discovery_service,
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
