"""The resources AWS does not bill for themselves, each type with the reason, so the estimate
can tell "free" from "forgotten" (pure data).

After every price is applied, each custom resource of a plan is in exactly one of three
places: a cost item, ``not_costed`` (with the reason), or ``free`` (with the reason below).
A type in none of them is listed in ``not_costed`` as :data:`UNCLASSIFIED`, so a new type
can never vanish from the estimate; the test suite asserts no example has one.
"""

from __future__ import annotations

from ..model.tokens import (
    ACM_CERTIFICATE_VALIDATION,
    ALB_LISTENER,
    ALB_LISTENER_CERTIFICATE,
    ALB_LISTENER_RULE,
    ALB_TARGET_GROUP,
    DEFAULT_SECURITY_GROUP,
    DOCKER_BUILD_IMAGE,
    ECR_LIFECYCLE_POLICY,
    ECS_CLUSTER_CAPACITY_PROVIDERS,
    ECS_TASK_DEFINITION,
    EFS_ACCESS_POINT,
    EFS_FILE_SYSTEM_POLICY,
    EFS_MOUNT_TARGET,
    EIP_ASSOCIATION,
    EKS_ACCESS_ENTRY,
    EKS_ACCESS_POLICY_ASSOCIATION,
    EKS_POD_IDENTITY_ASSOCIATION,
    EVENT_RULE,
    EVENT_TARGET,
    FARGATE_PROFILE,
    IAM_INSTANCE_PROFILE,
    IAM_OIDC_PROVIDER,
    IAM_POLICY,
    IAM_ROLE,
    IAM_ROLE_POLICY,
    IAM_ROLE_POLICY_ATTACHMENT,
    INTERNET_GATEWAY,
    INTERNET_GATEWAY_ATTACHMENT,
    K8S_CONFIG_MAP,
    K8S_HPA_V1,
    K8S_HPA_V2,
    K8S_INGRESS,
    K8S_NAMESPACE,
    K8S_NETWORK_POLICY,
    K8S_PERSISTENT_VOLUME,
    K8S_PERSISTENT_VOLUME_CLAIM,
    K8S_POD_DISRUPTION_BUDGET,
    K8S_RBAC_PREFIX,
    K8S_SECRET,
    K8S_SERVICE,
    K8S_SERVICE_ACCOUNT,
    K8S_STORAGE_CLASS,
    KMS_ALIAS,
    KMS_KEY_POLICY,
    LISTENER,
    LISTENER_CERTIFICATE,
    LISTENER_RULE,
    PROVIDER_PREFIX,
    ROUTE,
    ROUTE53_ZONE_ASSOCIATION,
    ROUTE_TABLE,
    ROUTE_TABLE_ASSOCIATION,
    S3_BUCKET_POLICY,
    S3_ENCRYPTION,
    S3_LIFECYCLE,
    S3_OWNERSHIP_CONTROLS,
    S3_PUBLIC_ACCESS_BLOCK,
    S3_VERSIONING,
    SCALING_TARGET,
    SCHEDULE_GROUP,
    SCHEDULED_ACTION,
    SECURITY_GROUP,
    SECURITY_GROUP_EGRESS_RULE,
    SECURITY_GROUP_INGRESS_RULE,
    SECURITY_GROUP_RULE,
    SQS_QUEUE_POLICY,
    SQS_REDRIVE_ALLOW_POLICY,
    SQS_REDRIVE_POLICY,
    STACK_REFERENCE,
    SUBNET,
    TARGET_GROUP,
    TARGET_GROUP_ATTACHMENT,
    VPC,
)

__all__ = ["FREE_PREFIXES", "FREE_TYPES", "UNCLASSIFIED", "free_reason"]

_CONFIG = "configuration of a resource costed on its own; no charge"
_IAM = "IAM is offered at no additional charge"
_NETWORK = "no charge for the VPC's routing objects (data through them is billed where it flows)"
_SECURITY = "security groups and their rules have no charge"
_K8S = (
    "a Kubernetes object kept in the cluster (part of the control-plane price); the pods "
    "a workload runs are costed on the workload"
)

#: Type token -> why it costs nothing by itself.
FREE_TYPES: dict[str, str] = {
    IAM_ROLE: _IAM,
    IAM_ROLE_POLICY: _IAM,
    IAM_POLICY: _IAM,
    IAM_ROLE_POLICY_ATTACHMENT: _IAM,
    IAM_INSTANCE_PROFILE: _IAM,
    IAM_OIDC_PROVIDER: _IAM,
    VPC: "no charge for a VPC itself (its NAT gateways, endpoints and IPv4 addresses are "
    "costed on their own)",
    SUBNET: _NETWORK,
    ROUTE_TABLE: _NETWORK,
    ROUTE: _NETWORK,
    ROUTE_TABLE_ASSOCIATION: _NETWORK,
    ROUTE53_ZONE_ASSOCIATION: "associating a VPC with a private hosted zone is not a priced "
    "item of Route 53 (the hosted zone is billed per month and its queries per million, on "
    "their own; no association price found in the stored pricing pages, not confirmed)",
    INTERNET_GATEWAY: "no charge for an internet gateway (data transfer out is billed per GB, "
    "not estimated)",
    INTERNET_GATEWAY_ATTACHMENT: _NETWORK,
    EIP_ASSOCIATION: "the association is free; the address is costed as its Elastic IP",
    SECURITY_GROUP: _SECURITY,
    DEFAULT_SECURITY_GROUP: _SECURITY,
    SECURITY_GROUP_RULE: _SECURITY,
    SECURITY_GROUP_INGRESS_RULE: _SECURITY,
    SECURITY_GROUP_EGRESS_RULE: _SECURITY,
    ECS_TASK_DEFINITION: "a task definition is free; the tasks that run it are costed on "
    "their service or schedule",
    ECS_CLUSTER_CAPACITY_PROVIDERS: _CONFIG,
    TARGET_GROUP: "target groups are part of the load balancer's price (LCU)",
    LISTENER: "listeners are part of the load balancer's price (LCU)",
    ALB_TARGET_GROUP: "target groups are part of the load balancer's price (LCU)",
    ALB_LISTENER: "listeners are part of the load balancer's price (LCU)",
    ALB_LISTENER_CERTIFICATE: "a listener's extra certificates are part of the load "
    "balancer's price (LCU); the certificate's own price, if any, is ACM's",
    LISTENER_CERTIFICATE: "a listener's extra certificates are part of the load balancer's "
    "price (LCU); the certificate's own price, if any, is ACM's",
    ALB_LISTENER_RULE: "rule evaluations are part of the load balancer's LCU",
    LISTENER_RULE: "rule evaluations are part of the load balancer's LCU (beyond 10 rules "
    "they raise it; see alb_lcu_per_hour)",
    SCALING_TARGET: "Application Auto Scaling has no charge of its own",
    SCHEDULED_ACTION: "Application Auto Scaling has no charge of its own",
    SCHEDULE_GROUP: "schedule groups have no charge",
    S3_BUCKET_POLICY: _CONFIG,
    S3_PUBLIC_ACCESS_BLOCK: _CONFIG,
    S3_OWNERSHIP_CONTROLS: _CONFIG,
    S3_ENCRYPTION: _CONFIG,
    S3_VERSIONING: _CONFIG + " (noncurrent versions are stored objects: see the bucket)",
    S3_LIFECYCLE: _CONFIG,
    SQS_QUEUE_POLICY: _CONFIG,
    SQS_REDRIVE_POLICY: _CONFIG,
    SQS_REDRIVE_ALLOW_POLICY: _CONFIG,
    KMS_ALIAS: "aliases are free; the key is costed",
    KMS_KEY_POLICY: "a key policy is free; the key is costed",
    TARGET_GROUP_ATTACHMENT: "registering a target is free (part of the load balancer's LCU)",
    EVENT_TARGET: _CONFIG,
    EVENT_RULE: "EventBridge has no charge for rules on AWS service events or schedules "
    "(custom and cross-account events are billed per million, not estimated)",
    K8S_PERSISTENT_VOLUME: _K8S + " (the storage behind it, e.g. EFS, is costed on its own)",
    K8S_PERSISTENT_VOLUME_CLAIM: _K8S + " (the storage behind it is costed on its own)",
    K8S_STORAGE_CLASS: _K8S,
    ECR_LIFECYCLE_POLICY: _CONFIG + " (it bounds the repository's stored images)",
    DOCKER_BUILD_IMAGE: "a BuildKit build on the machine running `pulumi up`, not an AWS "
    "resource; the pushed image is stored in (and billed with) its ECR repository",
    ACM_CERTIFICATE_VALIDATION: "a wait for validation, not an AWS resource",
    EFS_ACCESS_POINT: "access points have no charge",
    EFS_MOUNT_TARGET: "mount targets have no charge (the file system's storage is costed)",
    EFS_FILE_SYSTEM_POLICY: _CONFIG,
    FARGATE_PROFILE: "a Fargate profile is free; the pods it runs are costed on their workload",
    EKS_ACCESS_ENTRY: "access entries have no charge",
    EKS_ACCESS_POLICY_ASSOCIATION: "access policy associations have no charge",
    EKS_POD_IDENTITY_ASSOCIATION: "pod identity associations have no charge",
    K8S_SERVICE: "a ClusterIP Service makes no AWS resource",
    K8S_INGRESS: "an Ingress: the ALB the AWS Load Balancer Controller makes for it is "
    "costed on the first Ingress of its group",
    K8S_HPA_V1: _K8S,
    K8S_HPA_V2: _K8S,
    STACK_REFERENCE: "reads another stack's outputs; not an AWS resource",
}

#: Type prefixes that are free as a class, and why.
FREE_PREFIXES: dict[str, str] = {
    PROVIDER_PREFIX: "a Pulumi provider, not a cloud resource",
    K8S_NAMESPACE: _K8S,
    K8S_CONFIG_MAP: _K8S,
    K8S_SECRET: _K8S,
    K8S_SERVICE_ACCOUNT: _K8S,
    K8S_RBAC_PREFIX: _K8S,
    K8S_POD_DISRUPTION_BUDGET: _K8S,
    K8S_NETWORK_POLICY: _K8S,
}

UNCLASSIFIED = (
    "unclassified: fargate-components has no price for this type and does not know it to "
    "be free; check its pricing page"
)


def free_reason(type_: str) -> str | None:
    """Why a resource of ``type_`` costs nothing by itself, or ``None`` when it may."""
    if type_ in FREE_TYPES:
        return FREE_TYPES[type_]
    return next((why for prefix, why in FREE_PREFIXES.items() if type_.startswith(prefix)), None)
