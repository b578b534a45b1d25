"""Pulumi mocks that answer like AWS: realistic ids and ARNs, computed attributes and invokes.

Every invented value is derived from the resource's URN-ish identity (type + name) with a
hash, so two runs of the same program produce byte-identical plans. The mocks remember
each value they invented (``FargateMocks.invented``) so the plan can mark stack outputs
that would only be known after a real deploy.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Any

import pulumi

from ..model.tokens import (
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
    EFS_FILE_SYSTEM,
    EFS_MOUNT_TARGET,
    EIP,
    EIP_ASSOCIATION,
    EKS_ACCESS_ENTRY,
    EKS_ACCESS_POLICY_ASSOCIATION,
    EKS_ADDON,
    EKS_CLUSTER,
    EVENT_RULE,
    EVENT_TARGET,
    FARGATE_PROFILE,
    FLOW_LOG,
    GET_AVAILABILITY_ZONES,
    GET_CALLER_IDENTITY,
    GET_CLUSTER_AUTH,
    GET_ECR_AUTHORIZATION_TOKEN,
    GET_PARAMETER,
    GET_PARTITION,
    GET_POLICY_DOCUMENT,
    GET_REGION,
    GET_ZONE,
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
    S3_BUCKET_V2,
    SCALING_POLICY,
    SCALING_TARGET,
    SCHEDULE,
    SCHEDULED_ACTION,
    SECRET,
    SECURITY_GROUP,
    SECURITY_GROUP_EGRESS_RULE,
    SECURITY_GROUP_INGRESS_RULE,
    SQS_QUEUE,
    SQS_REDRIVE_POLICY,
    STACK_REFERENCE,
    SUBNET,
    TARGET_GROUP,
    VPC,
    VPC_ENDPOINT,
    WAF_WEB_ACL,
)

ACCOUNT_ID = "123456789012"
DEFAULT_REGION = "us-east-1"

State = dict[str, Any]
Handler = Callable[["_Ctx"], State]


def _hex(seed: str, length: int) -> str:
    return hashlib.sha256(seed.encode()).hexdigest()[:length]


class _Ctx:
    """What a per-type handler needs: the resource, the region, and an id generator."""

    def __init__(self, args: pulumi.runtime.MockResourceArgs, region: str) -> None:
        self.args = args
        self.inputs: State = dict(args.inputs)
        self.region = region
        self.seed = f"{args.typ}::{args.name}"
        #: Names Pulumi's auto-naming chose (known at preview: the provider's Check picks
        #: them); a name from ``namePrefix`` is picked by AWS at create, so it is not here.
        self.autonamed: State = {}

    def hex(self, length: int, salt: str = "") -> str:
        return _hex(self.seed + salt, length)

    def physical_name(self, key: str = "name", max_length: int = 63) -> str:
        """The resource's AWS name: the input when given, else Pulumi-style auto-naming
        (logical name plus a 7-character suffix)."""
        given = self.inputs.get(key)
        if isinstance(given, str) and given:
            return given
        prefix = self.inputs.get(f"{key}Prefix")
        base = prefix if isinstance(prefix, str) else f"{self.args.name}-"
        name = (base[: max_length - 7] + self.hex(7)).strip("-")
        if not isinstance(prefix, str):
            self.autonamed[key] = name
        return name

    def arn(self, service: str, resource: str, *, region: bool = True) -> str:
        reg = self.region if region else ""
        return f"arn:aws:{service}:{reg}:{ACCOUNT_ID}:{resource}"


def _ec2(prefix: str, kind: str) -> Handler:
    def handler(ctx: _Ctx) -> State:
        rid = f"{prefix}-{ctx.hex(17)}"
        return {"id": rid, "arn": ctx.arn("ec2", f"{kind}/{rid}"), "ownerId": ACCOUNT_ID}

    return handler


def _vpc(ctx: _Ctx) -> State:
    state = _ec2("vpc", "vpc")(ctx)
    state.update(
        defaultSecurityGroupId=f"sg-{ctx.hex(17, 'dsg')}",
        defaultRouteTableId=f"rtb-{ctx.hex(17, 'drt')}",
        defaultNetworkAclId=f"acl-{ctx.hex(17, 'dacl')}",
        mainRouteTableId=f"rtb-{ctx.hex(17, 'drt')}",
    )
    return state


def _eip(ctx: _Ctx) -> State:
    n = int(ctx.hex(4), 16)
    return {
        "id": f"eipalloc-{ctx.hex(17)}",
        "allocationId": f"eipalloc-{ctx.hex(17)}",
        "publicIp": f"203.0.{n % 250}.{n // 250 % 250 + 1}",
        "publicDns": f"ec2-203-0-{n % 250}-{n // 250 % 250 + 1}.compute-1.amazonaws.com",
    }


def _nat(ctx: _Ctx) -> State:
    return {"id": f"nat-{ctx.hex(17)}", "publicIp": f"198.51.100.{int(ctx.hex(2), 16) % 250}"}


def _route(ctx: _Ctx) -> State:
    table = ctx.inputs.get("routeTableId", "rtb")
    dest = ctx.inputs.get("destinationCidrBlock", "0.0.0.0/0")
    return {"id": f"r-{table}{_hex(str(dest), 9)}"}


def _log_group(ctx: _Ctx) -> State:
    name = ctx.physical_name()
    return {"id": name, "name": name, "arn": ctx.arn("logs", f"log-group:{name}")}


def _iam(kind: str) -> Handler:
    def handler(ctx: _Ctx) -> State:
        name = ctx.physical_name(max_length=64)
        path = ctx.inputs.get("path", "/")
        return {
            "id": name,
            "name": name,
            "arn": ctx.arn("iam", f"{kind}{path}{name}", region=False),
            "uniqueId": "AROA" + ctx.hex(17).upper(),
        }

    return handler


def _iam_attachment(ctx: _Ctx) -> State:
    return {"id": f"{ctx.inputs.get('role', 'role')}-{ctx.hex(20)}"}


def _role_policy(ctx: _Ctx) -> State:
    name = ctx.physical_name()
    return {"id": f"{ctx.inputs.get('role', 'role')}:{name}", "name": name}


def _kms_key(ctx: _Ctx) -> State:
    kid = f"{ctx.hex(8)}-{ctx.hex(4, 'a')}-{ctx.hex(4, 'b')}-{ctx.hex(4, 'c')}-{ctx.hex(12, 'd')}"
    return {"id": kid, "keyId": kid, "arn": ctx.arn("kms", f"key/{kid}")}


def _kms_alias(ctx: _Ctx) -> State:
    name = ctx.physical_name()
    return {"id": name, "arn": ctx.arn("kms", name)}


def _ecs_cluster(ctx: _Ctx) -> State:
    name = ctx.physical_name()
    arn = ctx.arn("ecs", f"cluster/{name}")
    return {"id": arn, "arn": arn, "name": name}


def _ecs_task_definition(ctx: _Ctx) -> State:
    family = ctx.inputs.get("family") or ctx.args.name
    base = ctx.arn("ecs", f"task-definition/{family}")
    return {"id": family, "arn": f"{base}:1", "arnWithoutRevision": base, "revision": 1}


def _ecs_service(ctx: _Ctx) -> State:
    name = ctx.physical_name()
    cluster = str(ctx.inputs.get("cluster", "cluster")).rsplit("/", 1)[-1]
    arn = ctx.arn("ecs", f"service/{cluster}/{name}")
    return {"id": arn, "arn": arn, "name": name}


def _elb(kind: str) -> Handler:
    def handler(ctx: _Ctx) -> State:
        name = ctx.physical_name(max_length=32)
        suffix = f"{kind}/{name}/{ctx.hex(16)}"
        arn = ctx.arn("elasticloadbalancing", f"{'loadbalancer/' if kind == 'app' else ''}{suffix}")
        state: State = {"id": arn, "arn": arn, "arnSuffix": suffix, "name": name}
        if kind == "app":
            scheme = "internal-" if ctx.inputs.get("internal") else ""
            state.update(
                dnsName=f"{scheme}{name}-{int(ctx.hex(8), 16) % 10**10}.{ctx.region}.elb.amazonaws.com",
                zoneId="Z35SXDOTRQ7X7K",
            )
        return state

    return handler


def _load_balancer(ctx: _Ctx) -> State:
    """ALB or NLB by ``loadBalancerType``: ``app/...`` or ``net/...`` ARN suffixes."""
    kind = "net" if ctx.inputs.get("loadBalancerType") == "network" else "app"
    state = _elb("app")(ctx)
    if kind == "net":
        state = {
            k: str(v).replace("/app/", "/net/").replace("app/", "net/", 1)
            if k in ("id", "arn", "arnSuffix")
            else v
            for k, v in state.items()
        }
    return state


def _cloud_map(prefix: str, kind: str) -> Handler:
    """Cloud Map ids look like ``ns-<16>`` / ``srv-<16>``."""

    def handler(ctx: _Ctx) -> State:
        rid = f"{prefix}-{ctx.hex(16)}"
        return {"id": rid, "arn": ctx.arn("servicediscovery", f"{kind}/{rid}")}

    return handler


def _listener(ctx: _Ctx) -> State:
    lb = str(ctx.inputs.get("loadBalancerArn", "loadbalancer/app/lb/0"))
    tail = lb.split("loadbalancer/", 1)[-1]
    arn = ctx.arn("elasticloadbalancing", f"listener/{tail}/{ctx.hex(16)}")
    return {"id": arn, "arn": arn}


def _listener_rule(ctx: _Ctx) -> State:
    listener = str(ctx.inputs.get("listenerArn", "listener/app/lb/0/0"))
    tail = listener.split("listener/", 1)[-1]
    arn = ctx.arn("elasticloadbalancing", f"listener-rule/{tail}/{ctx.hex(16)}")
    return {"id": arn, "arn": arn}


def _sg(ctx: _Ctx) -> State:
    sid = f"sg-{ctx.hex(17)}"
    return {"id": sid, "arn": ctx.arn("ec2", f"security-group/{sid}"), "name": ctx.physical_name()}


def _sg_rule(ctx: _Ctx) -> State:
    rid = f"sgr-{ctx.hex(17)}"
    return {
        "id": rid,
        "securityGroupRuleId": rid,
        "arn": ctx.arn("ec2", f"security-group-rule/{rid}"),
    }


def _scaling_target(ctx: _Ctx) -> State:
    rid = ctx.inputs.get("resourceId", ctx.args.name)
    return {"id": rid, "arn": ctx.arn("application-autoscaling", f"scalable-target/{ctx.hex(32)}")}


def _scaling_policy(ctx: _Ctx) -> State:
    name = ctx.physical_name()
    rid = ctx.inputs.get("resourceId", "")
    arn = ctx.arn(
        "autoscaling",
        f"scalingPolicy:{ctx.hex(8)}-{ctx.hex(4, 'p')}:resource/ecs/{rid}:policyName/{name}",
    )
    return {"id": name, "name": name, "arn": arn, "alarmArns": []}


def _eks_cluster(ctx: _Ctx) -> State:
    name = ctx.physical_name(max_length=100)
    oidc = ctx.hex(32).upper()
    return {
        "id": name,
        "name": name,
        "arn": ctx.arn("eks", f"cluster/{name}"),
        "endpoint": f"https://{oidc}.gr7.{ctx.region}.eks.amazonaws.com",
        "certificateAuthority": {
            "data": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1PQ0sKLS0tLS1FTkQ="
        },
        "identities": [
            {"oidcs": [{"issuer": f"https://oidc.eks.{ctx.region}.amazonaws.com/id/{oidc}"}]}
        ],
        "platformVersion": "eks.1",
        "status": "ACTIVE",
        "clusterId": f"{ctx.hex(8)}-{ctx.hex(4, 'a')}-{ctx.hex(4, 'b')}-{ctx.hex(4, 'c')}-{ctx.hex(12, 'd')}",
        "vpcConfig": {
            **dict(ctx.inputs.get("vpcConfig") or {}),
            "clusterSecurityGroupId": f"sg-{ctx.hex(17, 'csg')}",
            "vpcId": f"vpc-{ctx.hex(17, 'vpc')}",
        },
    }


def _fargate_profile(ctx: _Ctx) -> State:
    cluster = ctx.inputs.get("clusterName", "cluster")
    name = ctx.physical_name("fargateProfileName", max_length=63)
    return {
        "id": f"{cluster}:{name}",
        "fargateProfileName": name,
        "arn": ctx.arn("eks", f"fargateprofile/{cluster}/{name}/{ctx.hex(8)}"),
        "status": "ACTIVE",
    }


def _eks_addon(ctx: _Ctx) -> State:
    cluster = ctx.inputs.get("clusterName", "cluster")
    addon = ctx.inputs.get("addonName", ctx.args.name)
    return {
        "id": f"{cluster}:{addon}",
        "arn": ctx.arn("eks", f"addon/{cluster}/{addon}/{ctx.hex(8)}"),
    }


def _oidc_provider(ctx: _Ctx) -> State:
    url = str(ctx.inputs.get("url", "oidc.example")).removeprefix("https://")
    arn = ctx.arn("iam", f"oidc-provider/{url}", region=False)
    return {"id": arn, "arn": arn}


def _sqs(ctx: _Ctx) -> State:
    name = ctx.physical_name(max_length=80)
    url = f"https://sqs.{ctx.region}.amazonaws.com/{ACCOUNT_ID}/{name}"
    return {"id": url, "url": url, "name": name, "arn": ctx.arn("sqs", name)}


def _named_arn(service: str, kind: str, sep: str = "/") -> Handler:
    def handler(ctx: _Ctx) -> State:
        name = ctx.physical_name()
        return {"id": name, "name": name, "arn": ctx.arn(service, f"{kind}{sep}{name}")}

    return handler


def _web_acl(ctx: _Ctx) -> State:
    """A REGIONAL WAF web ACL: an auto-name (up to 128), a UUID id, the regional ARN."""
    name = ctx.physical_name(max_length=128)
    h = ctx.hex(32)
    uid = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
    arn = ctx.arn("wafv2", f"regional/webacl/{name}/{uid}")
    return {"id": uid, "name": name, "arn": arn, "lockToken": ctx.hex(8, "lock")}


def _efs(prefix: str, kind: str) -> Handler:
    """EFS ids look like ``fs-<17 hex>`` / ``fsap-<17 hex>``; ARNs use ``elasticfilesystem``."""

    def handler(ctx: _Ctx) -> State:
        rid = f"{prefix}-{ctx.hex(17)}"
        return {"id": rid, "arn": ctx.arn("elasticfilesystem", f"{kind}/{rid}")}

    return handler


def _s3_bucket(ctx: _Ctx) -> State:
    name = ctx.physical_name("bucket")
    if "bucket" in ctx.autonamed:  # pulumi-aws lowercases a bucket's auto-name
        name = ctx.autonamed["bucket"] = name.lower()
    return {
        "id": name,
        "bucket": name,
        "arn": f"arn:aws:s3:::{name}",
        "bucketDomainName": f"{name}.s3.amazonaws.com",
    }


def _acm_certificate(ctx: _Ctx) -> State:
    """A requested certificate: one DNS validation option per name, shaped as ACM's
    (``_<32 hex>.<name without *.>.`` CNAME to ``_<32 hex>.<10>.acm-validations.aws.``)."""
    cid = f"{ctx.hex(8)}-{ctx.hex(4, 'a')}-{ctx.hex(4, 'b')}-{ctx.hex(4, 'c')}-{ctx.hex(12, 'd')}"
    arn = ctx.arn("acm", f"certificate/{cid}")
    names = [ctx.inputs.get("domainName", ""), *(ctx.inputs.get("subjectAlternativeNames") or [])]
    options = []
    for name in names:
        base = str(name).removeprefix("*.")
        options.append(
            {
                "domainName": name,
                "resourceRecordName": f"_{_hex(base, 32)}.{base}.",
                "resourceRecordType": "CNAME",
                "resourceRecordValue": f"_{_hex(arn + base, 32)}.{_hex(base, 10)}.acm-validations.aws.",
            }
        )
    return {"id": arn, "arn": arn, "domainValidationOptions": options, "status": "ISSUED"}


def _ec2_instance(ctx: _Ctx) -> State:
    iid = f"i-{ctx.hex(17)}"
    return {
        "id": iid,
        "arn": ctx.arn("ec2", f"instance/{iid}"),
        "primaryNetworkInterfaceId": f"eni-{ctx.hex(17, 'eni')}",
        "privateIp": f"10.0.{int(ctx.hex(2), 16) % 250}.{int(ctx.hex(2, 'ip'), 16) % 250 + 4}",
    }


def _route53_record(ctx: _Ctx) -> State:
    name = str(ctx.inputs.get("name", "")).rstrip(".")
    zone = ctx.inputs.get("zoneId", "Z")
    return {"id": f"{zone}_{name}_{ctx.inputs.get('type', 'A')}", "fqdn": name}


def _ecr_repository(ctx: _Ctx) -> State:
    name = ctx.physical_name(max_length=256)
    return {
        "id": name,
        "name": name,
        "arn": ctx.arn("ecr", f"repository/{name}"),
        "registryId": ACCOUNT_ID,
        "repositoryUrl": f"{ACCOUNT_ID}.dkr.ecr.{ctx.region}.amazonaws.com/{name}",
    }


def _docker_build_image(ctx: _Ctx) -> State:
    """A build that never ran (no Docker daemon offline): a placeholder digest derived from
    the build's tags, and ``ref`` as pulumi-docker-build reports it (first tag + digest)."""
    tags = [str(t) for t in ctx.inputs.get("tags") or []]
    digest = "sha256:" + _hex(ctx.seed + "|".join(tags), 64)
    ref = f"{tags[0].rsplit(':', 1)[0]}@{digest}" if tags else ""
    return {
        "id": f"{ctx.args.name}-{ctx.hex(8)}",
        "digest": digest,
        "ref": ref,
        "contextHash": _hex(ctx.seed + "context", 64),
    }


HANDLERS: dict[str, Handler] = {
    VPC: _vpc,
    SUBNET: _ec2("subnet", "subnet"),
    INTERNET_GATEWAY: _ec2("igw", "internet-gateway"),
    NAT_GATEWAY: _nat,
    EIP: _eip,
    ROUTE_TABLE: _ec2("rtb", "route-table"),
    ROUTE: _route,
    ROUTE_TABLE_ASSOCIATION: lambda c: {"id": f"rtbassoc-{c.hex(17)}"},
    SECURITY_GROUP: _sg,
    DEFAULT_SECURITY_GROUP: _sg,
    SECURITY_GROUP_INGRESS_RULE: _sg_rule,
    SECURITY_GROUP_EGRESS_RULE: _sg_rule,
    FLOW_LOG: _ec2("fl", "vpc-flow-log"),
    VPC_ENDPOINT: _ec2("vpce", "vpc-endpoint"),
    LOG_GROUP: _log_group,
    IAM_ROLE: _iam("role"),
    IAM_POLICY: _iam("policy"),
    IAM_ROLE_POLICY: _role_policy,
    IAM_ROLE_POLICY_ATTACHMENT: _iam_attachment,
    IAM_OIDC_PROVIDER: _oidc_provider,
    KMS_KEY: _kms_key,
    KMS_ALIAS: _kms_alias,
    ECS_CLUSTER: _ecs_cluster,
    ECS_CLUSTER_CAPACITY_PROVIDERS: lambda c: {"id": str(c.inputs.get("clusterName", c.args.name))},
    ECS_TASK_DEFINITION: _ecs_task_definition,
    ECS_SERVICE: _ecs_service,
    LOAD_BALANCER: _load_balancer,
    METRIC_ALARM: _named_arn("cloudwatch", "alarm", ":"),
    HTTP_NAMESPACE: _cloud_map("ns", "namespace"),
    WAF_WEB_ACL: _web_acl,
    PRIVATE_DNS_NAMESPACE: _cloud_map("ns", "namespace"),
    DISCOVERY_SERVICE: _cloud_map("srv", "service"),
    TARGET_GROUP: _elb("targetgroup"),
    LISTENER: _listener,
    LISTENER_RULE: _listener_rule,
    SCALING_TARGET: _scaling_target,
    SCALING_POLICY: _scaling_policy,
    SCHEDULED_ACTION: lambda c: {
        "id": c.physical_name(),
        "arn": c.arn(
            "autoscaling", f"scheduledAction:{c.hex(8)}:scheduledActionName/{c.physical_name()}"
        ),
    },
    EKS_CLUSTER: _eks_cluster,
    FARGATE_PROFILE: _fargate_profile,
    EKS_ADDON: _eks_addon,
    EKS_ACCESS_ENTRY: lambda c: {
        "id": f"{c.inputs.get('clusterName')}:{c.inputs.get('principalArn')}"
    },
    EKS_ACCESS_POLICY_ASSOCIATION: lambda c: {"id": f"assoc-{c.hex(12)}"},
    EFS_FILE_SYSTEM: _efs("fs", "file-system"),
    EFS_ACCESS_POINT: _efs("fsap", "access-point"),
    EFS_MOUNT_TARGET: lambda c: {"id": f"fsmt-{c.hex(17)}"},
    SQS_QUEUE: _sqs,
    SQS_REDRIVE_POLICY: lambda c: {"id": str(c.inputs.get("queueUrl", c.hex(8)))},
    EVENT_RULE: _named_arn("events", "rule"),
    EVENT_TARGET: lambda c: {"id": f"{c.inputs.get('rule')}-{c.hex(8)}"},
    SCHEDULE: _named_arn("scheduler", "schedule/default"),
    S3_BUCKET: _s3_bucket,
    S3_BUCKET_V2: _s3_bucket,
    EC2_INSTANCE: _ec2_instance,
    EIP_ASSOCIATION: lambda c: {"id": f"eipassoc-{c.hex(17)}"},
    IAM_INSTANCE_PROFILE: _iam("instance-profile"),
    ACM_CERTIFICATE: _acm_certificate,
    ACM_CERTIFICATE_VALIDATION: lambda c: {"id": str(c.inputs.get("certificateArn", ""))},
    ROUTE53_RECORD: _route53_record,
    ECR_REPOSITORY: _ecr_repository,
    ECR_LIFECYCLE_POLICY: lambda c: {
        "id": str(c.inputs.get("repository", c.args.name)),
        "registryId": ACCOUNT_ID,
    },
    DOCKER_BUILD_IMAGE: _docker_build_image,
    SECRET: lambda c: {
        "id": c.arn("secretsmanager", f"secret:{c.physical_name()}-{c.hex(6)}"),
        "arn": c.arn("secretsmanager", f"secret:{c.physical_name()}-{c.hex(6)}"),
    },
}


def _generic(ctx: _Ctx) -> State:
    """Any other type: an id that looks like a physical id, and an ARN when the type's
    module is a known AWS service."""
    state: State = {"id": f"{ctx.args.name}-{ctx.hex(8)}"}
    if ctx.args.typ.startswith("aws:"):
        module = ctx.args.typ.split(":")[1].split("/")[0]
        state["arn"] = ctx.arn(module, f"{ctx.args.typ.rsplit(':', 1)[-1].lower()}/{state['id']}")
    return state


class FargateMocks(pulumi.runtime.Mocks):
    """Mocks for the AWS types this library creates.

    ``new_resource`` echoes the inputs and adds the attributes AWS would compute (ids, ARNs
    with the real shape, DNS names, ...). ``call`` answers the invokes the components use:
    availability zones, caller identity, region and partition.

    Example::

        pulumi.runtime.set_mocks(FargateMocks(region="eu-west-1"), preview=False)

    Args:
        region: the AWS region the mocks pretend to be in. Default ``"us-east-1"``.
        az_count: how many availability zones ``getAvailabilityZones`` returns. Default 6.
        stack_references: ``{"org/project/stack": {"output": value, ...}}``: what each
            ``pulumi.StackReference`` reads (its outputs count as known at preview, as
            Pulumi reads them before the preview). A reference not listed here fails with
            a ``KeyError`` naming it. Default none.
        preview_faithful: answer as the engine does in the first ``pulumi preview`` of a
            new stack: a created resource's id and every attribute the provider computes
            (ARNs, DNS names, a name AWS picks from ``namePrefix``, ...) are unknown, so
            whatever depends on them is ``"[unknown]"`` in the plan, where the CLI prints
            "known after apply". Known: the inputs, the names Pulumi's auto-naming picks,
            invokes, reads (``.get``) and stack references. Default ``False`` (every
            computed attribute gets a realistic invented value).
    """

    STACK_REFERENCE = STACK_REFERENCE

    def __init__(
        self,
        region: str = DEFAULT_REGION,
        az_count: int = 6,
        stack_references: Mapping[str, Mapping[str, Any]] | None = None,
        preview_faithful: bool = False,
    ) -> None:
        self.region = region
        self.preview_faithful = preview_faithful
        self.az_count = az_count
        self.stack_references = {k: dict(v) for k, v in (stack_references or {}).items()}
        self.invented: set[str] = set()

    def _remember(self, state: State, inputs: State) -> None:
        """Record the values of ``state`` (the id included) a first preview would not know:
        not one that repeats an input (a record's fqdn is its name, a task definition's id
        its family) nor the account id (the caller-identity invoke answers it at preview)."""
        echoed = {v.rstrip(".") for v in inputs.values() if isinstance(v, str)}
        for value in state.values():
            long_enough = isinstance(value, str) and len(value) >= 8
            if long_enough and value not in echoed and value != ACCOUNT_ID:
                self.invented.add(value)

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, State]:
        if args.typ == self.STACK_REFERENCE:  # a read: checked before `custom` (unset)
            stack = str(args.inputs.get("name") or args.name)
            if stack not in self.stack_references:
                raise KeyError(
                    f"StackReference {stack!r}: no outputs given offline: list them in "
                    f"stack-references.<stack>.yaml next to the program "
                    f"(or FargateMocks(stack_references={{{stack!r}: {{...}}}}) in tests)"
                )
            outputs = self.stack_references[stack]
            return stack, {"name": stack, "outputs": outputs, "secretOutputNames": []}
        if not args.custom:  # a component: no physical id, no computed state
            return "", {}
        ctx = _Ctx(args, self.region)
        extra = HANDLERS.get(args.typ, _generic)(ctx)
        if args.resource_id:  # a .get() of an existing resource: keep its id
            extra["id"] = args.resource_id
        elif self.preview_faithful:  # a create, as the first preview sees it
            return "", {**ctx.inputs, **ctx.autonamed}
        extra.setdefault("tagsAll", ctx.inputs.get("tags") or {})
        state = {**ctx.inputs, **{k: v for k, v in extra.items() if k != "id"}}
        self._remember(extra, ctx.inputs)
        return str(extra["id"]), state

    def call(self, args: pulumi.runtime.MockCallArgs) -> State:  # type: ignore[override]
        token = args.token
        if token == GET_AVAILABILITY_ZONES:
            letters = "abcdefghijklmnopqrstuvwxyz"[: self.az_count]
            names = [f"{self.region}{x}" for x in letters]
            ids = [f"use1-az{i + 1}" for i in range(self.az_count)]
            return {"names": names, "zoneIds": ids, "id": self.region, "groupNames": [self.region]}
        if token == GET_CALLER_IDENTITY:
            return {
                "accountId": ACCOUNT_ID,
                "arn": f"arn:aws:iam::{ACCOUNT_ID}:user/plan",
                "userId": "AIDAPLANUSER",
                "id": ACCOUNT_ID,
            }
        if token == GET_REGION:
            return {
                "name": self.region,
                "region": self.region,
                "id": self.region,
                "endpoint": f"ec2.{self.region}.amazonaws.com",
                "description": self.region,
            }
        if token == GET_PARTITION:
            return {
                "partition": "aws",
                "dnsSuffix": "amazonaws.com",
                "id": "aws",
                "reverseDnsPrefix": "com.amazonaws",
            }
        if token == GET_POLICY_DOCUMENT:
            return {"json": json.dumps(args.args), "id": "policy-document"}
        if token == GET_PARAMETER:
            # An SSM public parameter (e.g. the latest Amazon Linux AMI): a stable fake value.
            name = str(args.args.get("name", ""))
            value = f"ami-{_hex(name, 17)}" if "/ami-" in name else f"value-of-{name}"
            return {"id": name, "name": name, "value": value, "type": "String", "version": 1}
        if token == GET_ZONE:
            # A public hosted zone looked up by name (or by id): its id derived from the name.
            name = str(args.args.get("name") or "").rstrip(".")
            zone_id = args.args.get("zoneId") or "Z" + _hex(name, 19).upper()
            return {
                "id": zone_id,
                "zoneId": zone_id,
                "name": name,
                "privateZone": False,
                "nameServers": [f"ns-{i}.awsdns-{i:02d}.net" for i in (1, 2)],
                "arn": f"arn:aws:route53:::hostedzone/{zone_id}",
            }
        if token == GET_ECR_AUTHORIZATION_TOKEN:
            registry = str(args.args.get("registryId") or ACCOUNT_ID)
            return {
                "id": registry,
                "registryId": registry,
                "userName": "AWS",
                "password": "mock-ecr-token",
                "authorizationToken": "QVdTOm1vY2stZWNyLXRva2Vu",
                "proxyEndpoint": f"https://{registry}.dkr.ecr.{self.region}.amazonaws.com",
                "expiresAt": "2026-12-02T00:00:00Z",
            }
        if token == GET_CLUSTER_AUTH:
            return {"token": "k8s-aws-v1.mock", "id": args.args.get("name", "cluster")}
        return {}
