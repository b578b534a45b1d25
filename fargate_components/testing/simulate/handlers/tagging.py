"""Tag changes: an update whose ``tags`` changed calls the service's own tagging API (add
or overwrite the new and changed keys, remove the dropped ones), as the provider does.

Each service spells it differently, so the calls are one data table (:data:`TAG_APIS`):
which client, which methods, which parameter names the resource and whether tags travel as
a ``{key: value}`` map or a list of ``{Key, Value}`` pairs. :func:`retag` reads it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from ....model.tokens import (
    ACM_CERTIFICATE,
    DEFAULT_SECURITY_GROUP,
    DISCOVERY_SERVICE,
    EC2_INSTANCE,
    ECR_REPOSITORY,
    ECS_CLUSTER,
    ECS_SERVICE,
    ECS_TASK_DEFINITION,
    EFS_ACCESS_POINT,
    EFS_FILE_SYSTEM,
    EIP,
    EKS_ACCESS_ENTRY,
    EKS_ADDON,
    EKS_CLUSTER,
    EKS_POD_IDENTITY_ASSOCIATION,
    EVENT_RULE,
    FARGATE_PROFILE,
    FLOW_LOG,
    HTTP_NAMESPACE,
    IAM_INSTANCE_PROFILE,
    IAM_OIDC_PROVIDER,
    IAM_POLICY,
    IAM_ROLE,
    INTERNET_GATEWAY,
    KMS_KEY,
    LISTENER,
    LISTENER_RULE,
    LOAD_BALANCER,
    LOG_GROUP,
    METRIC_ALARM,
    NAT_GATEWAY,
    PRIVATE_DNS_NAMESPACE,
    ROUTE_TABLE,
    S3_BUCKET,
    S3_BUCKET_V2,
    SCALING_TARGET,
    SCHEDULE_GROUP,
    SECRET,
    SECURITY_GROUP,
    SECURITY_GROUP_EGRESS_RULE,
    SECURITY_GROUP_INGRESS_RULE,
    SQS_QUEUE,
    SUBNET,
    TARGET_GROUP,
    VPC,
    VPC_ENDPOINT,
    WAF_WEB_ACL,
)
from ..context import Ctx

__all__ = [
    "ELB_MAX_TAGS",
    "EMULATED_TAGS",
    "TAG_APIS",
    "TagApi",
    "elb_tag_quota",
    "retag",
    "tag_changes",
]


@dataclass(frozen=True)
class TagApi:
    """One service's tagging calls. ``resource``: the parameter naming the resource, and
    ``output``: which of the resource's outputs holds its value (``id`` or ``arn``...).
    ``style``: ``"pairs"`` (``[{Key, Value}]``), ``"lower"`` (``[{key, value}]``),
    ``"kms"`` (``[{TagKey, TagValue}]``) or ``"map"`` (``{key: value}``)."""

    service: str
    add: str
    remove: str
    resource: str
    output: str = "arn"
    tags: str = "Tags"
    keys: str = "TagKeys"
    style: str = "pairs"
    #: the resource parameter is a one-element list (EC2, ELBv2)
    listed: bool = False
    #: ACM removes by ``Tags=[{Key}]`` rather than by a list of keys
    remove_as_pairs: bool = False


_EC2 = TagApi("ec2", "create_tags", "delete_tags", "Resources", "id", listed=True,
              remove_as_pairs=True)  # fmt: skip
_ELB = TagApi("elbv2", "add_tags", "remove_tags", "ResourceArns", listed=True)
_ECS = TagApi("ecs", "tag_resource", "untag_resource", "resourceArn", tags="tags",
              keys="tagKeys", style="lower")  # fmt: skip
_EKS = TagApi("eks", "tag_resource", "untag_resource", "resourceArn", tags="tags",
              keys="tagKeys", style="map")  # fmt: skip
_CLOUD_MAP = TagApi("servicediscovery", "tag_resource", "untag_resource", "ResourceARN")

#: The tagging calls of every type whose tags the simulator updates in place.
TAG_APIS: dict[str, TagApi] = {
    **{
        t: _EC2
        for t in (
            VPC,
            SUBNET,
            INTERNET_GATEWAY,
            EIP,
            NAT_GATEWAY,
            ROUTE_TABLE,
            SECURITY_GROUP,
            DEFAULT_SECURITY_GROUP,
            SECURITY_GROUP_INGRESS_RULE,
            SECURITY_GROUP_EGRESS_RULE,
            VPC_ENDPOINT,
            FLOW_LOG,
            EC2_INSTANCE,
        )
    },
    **{t: _ELB for t in (LOAD_BALANCER, TARGET_GROUP, LISTENER, LISTENER_RULE)},
    **{t: _ECS for t in (ECS_CLUSTER, ECS_SERVICE, ECS_TASK_DEFINITION)},
    EKS_CLUSTER: _EKS,
    ECR_REPOSITORY: TagApi(
        "ecr", "tag_resource", "untag_resource", "resourceArn", tags="tags", keys="tagKeys"
    ),
    **{t: _CLOUD_MAP for t in (HTTP_NAMESPACE, PRIVATE_DNS_NAMESPACE, DISCOVERY_SERVICE)},
    IAM_ROLE: TagApi("iam", "tag_role", "untag_role", "RoleName", "name"),
    WAF_WEB_ACL: TagApi("wafv2", "tag_resource", "untag_resource", "ResourceARN"),
    IAM_POLICY: TagApi("iam", "tag_policy", "untag_policy", "PolicyArn"),
    IAM_OIDC_PROVIDER: TagApi(
        "iam",
        "tag_open_id_connect_provider",
        "untag_open_id_connect_provider",
        "OpenIDConnectProviderArn",
    ),
    IAM_INSTANCE_PROFILE: TagApi(
        "iam", "tag_instance_profile", "untag_instance_profile", "InstanceProfileName", "name"
    ),
    LOG_GROUP: TagApi(
        "logs",
        "tag_resource",
        "untag_resource",
        "resourceArn",
        tags="tags",
        keys="tagKeys",
        style="map",
    ),
    METRIC_ALARM: TagApi("cloudwatch", "tag_resource", "untag_resource", "ResourceARN"),
    KMS_KEY: TagApi("kms", "tag_resource", "untag_resource", "KeyId", "id", style="kms"),
    SECRET: TagApi("secretsmanager", "tag_resource", "untag_resource", "SecretId"),
    SQS_QUEUE: TagApi("sqs", "tag_queue", "untag_queue", "QueueUrl", "url", style="map"),
    EVENT_RULE: TagApi("events", "tag_resource", "untag_resource", "ResourceARN"),
    SCHEDULE_GROUP: TagApi("scheduler", "tag_resource", "untag_resource", "ResourceArn"),
    EFS_FILE_SYSTEM: TagApi("efs", "tag_resource", "untag_resource", "ResourceId", "id"),
    EFS_ACCESS_POINT: TagApi("efs", "tag_resource", "untag_resource", "ResourceId", "id"),
    ACM_CERTIFICATE: TagApi(
        "acm",
        "add_tags_to_certificate",
        "remove_tags_from_certificate",
        "CertificateArn",
        remove_as_pairs=True,
    ),
}

#: Types whose tagging moto 5 lacks (AWS has it: EKS's TagResource, which moto answers for
#: clusters only, and Application Auto Scaling's): a tag change needs no call here.
EMULATED_TAGS = (
    EKS_ADDON,
    EKS_ACCESS_ENTRY,
    EKS_POD_IDENTITY_ASSOCIATION,
    FARGATE_PROFILE,
    SCALING_TARGET,
)


def tag_changes(
    old: Mapping[str, Any] | None, new: Mapping[str, Any] | None
) -> tuple[dict[str, str], list[str]]:
    """``(set, removed)``: keys to add or overwrite with their values, and keys dropped."""
    old, new = dict(old or {}), dict(new or {})
    put = {str(k): str(v) for k, v in new.items() if old.get(k) != v}
    return put, sorted(str(k) for k in old if k not in new)


def _encode(style: str, tags: Mapping[str, str]) -> Any:
    if style == "map":
        return dict(tags)
    names = {"pairs": ("Key", "Value"), "lower": ("key", "value"), "kms": ("TagKey", "TagValue")}
    key, value = names[style]
    return [{key: k, value: v} for k, v in tags.items()]


def retag(ctx: Ctx, old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> None:
    """Apply the change from tags ``old`` to ``new`` through the type's tagging API."""
    record_type = ctx.record.type
    if record_type in EMULATED_TAGS:
        return
    if record_type in (S3_BUCKET, S3_BUCKET_V2):
        s3, bucket = ctx.client("s3"), ctx.outputs["bucket"]
        if new:
            tag_set = [{"Key": str(k), "Value": str(v)} for k, v in new.items()]
            s3.put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": tag_set})
        else:
            s3.delete_bucket_tagging(Bucket=bucket)
        return
    api = TAG_APIS[record_type]
    client = ctx.client(api.service)
    ident = ctx.outputs[api.output]
    target = {api.resource: [ident] if api.listed else ident}
    put, removed = tag_changes(old, new)
    if put:
        getattr(client, api.add)(**target, **{api.tags: _encode(api.style, put)})
    if removed:
        keys: Any = [{"Key": k} for k in removed] if api.remove_as_pairs else removed
        getattr(client, api.remove)(**target, **{"Tags" if api.remove_as_pairs else api.keys: keys})


#: Tags per Elastic Load Balancing v2 resource: "Maximum number of tags per resource—50"
#: ("Tag an Application Load Balancer", ELB user guide,
#: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-tags.html).
#: moto 5's ``ELBv2Backend.add_tags`` refuses an 11th tag (the Classic Load Balancer's old
#: quota of 10), so a retag of a load balancer carrying 10 tags fails there and not on AWS.
ELB_MAX_TAGS = 50


@contextmanager
def elb_tag_quota() -> Iterator[None]:
    """While open, moto's ELBv2 ``AddTags`` enforces AWS's quota (:data:`ELB_MAX_TAGS`
    distinct keys per resource, ``TooManyTags`` beyond) instead of moto's 10."""
    from moto.elbv2.exceptions import TooManyTagsError
    from moto.elbv2.models import ELBv2Backend

    original = ELBv2Backend.add_tags

    def add_tags(self: Any, resource_arns: list[str], tags: list[dict[str, str]]) -> None:
        keys = set(self.tagging_service.flatten_tag_list(tags))
        for arn in resource_arns:
            existing = set(self.tagging_service.get_tag_dict_for_resource(arn))
            if len(existing | keys) > ELB_MAX_TAGS:
                raise TooManyTagsError()
            self._get_resource_by_arn(arn)
            self.tagging_service.tag_resource(arn, tags)

    ELBv2Backend.add_tags = add_tags  # type: ignore[method-assign]
    try:
        yield
    finally:
        ELBv2Backend.add_tags = original  # type: ignore[method-assign]
