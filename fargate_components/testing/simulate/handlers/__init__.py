"""Per-type handlers: a Pulumi resource's wire inputs (camelCase, mock values already
rewritten to moto's) become boto3 calls.

Each handler returns the resource's outputs as moto reports them, keyed by the Pulumi output
names (``id``, ``arn``, ``dnsName``...; dotted paths for nested outputs such as
``vpcConfig.clusterSecurityGroupId``). The engine pairs each with the mock value under the
same name, so dependants receive moto's ids and ARNs, as in a real deploy.

A handler raises :class:`~..context.Unsupported` for a setting moto cannot emulate; any other
exception (botocore's ``ClientError``, parameter validation, moto refusing) is a failure.

One module per AWS service (``ec2``, ``iam``, ``logs``, ``ecs``, ``elb``, ``autoscaling``,
``eks``, ``messaging``); this package maps each type token to its handler.
"""

from __future__ import annotations

from ....model.tokens import (
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
