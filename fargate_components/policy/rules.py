"""The policy rules: small pure checks over AWS wire shapes in a resource graph.

Each rule is registered in :data:`RULES` with an id (``FC-<AREA>-<NNN>``), a severity, the
matching Checkov / Trivy ids where one exists, and how to fix what it finds. A check yields
one short problem description per thing wrong; :class:`~.model.Rule` turns each into a
:class:`~.model.Finding`. A rule that cannot decide because a value it reads is unknown at
preview (``"[unknown]"``) or a secret yields :class:`~.model.Unverified` (``unseen(...)``): an
*unverified* result, listed but never a pass in disguise and never counted for ``--fail-on``.

Checkov / Trivy ids come from /work/shared/AWS_FARGATE_FACTS.md ("Security baselines") and
the Trivy AWS check catalogue (https://avd.aquasec.com/misconfig/aws/).
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..ecs.capacity import FARGATE_SPOT
from ..model import Graph, ResourceRecord, is_known, parse_json, truthy
from ..model.tokens import (
    ECS_CLUSTER,
    ECS_SERVICE,
    ECS_TASK_DEFINITION,
    EKS_CLUSTER,
    FARGATE_PROFILE,
    FLOW_LOG,
    IAM_POLICY,
    IAM_ROLE,
    IAM_ROLE_POLICY,
    INTERNET_GATEWAY,
    LISTENERS,
    LOAD_BALANCERS,
    LOG_GROUP,
    ROUTE,
    ROUTE_TABLE,
    ROUTE_TABLE_ASSOCIATION,
    SUBNET,
    TARGET_GROUPS,
    VPC,
)
from .model import SEVERITIES, Check, Rule, Unverified, unseen
from .waivers import (
    CHECKOV_ID,
    WAIVER_TAG,
    WAIVER_TAG_PREFIX,
    parse_waiver_tag,
    tag_waiver_entries,
)

__all__ = ["RESOURCELESS_ACTIONS", "RULES", "TLS_POLICY_PATTERN", "public_subnet_reason"]

# --- type tokens -------------------------------------------------------------------------

#: The table of rules, by id, in the order they are documented.
RULES: dict[str, Rule] = {}


def _rule(
    rule_id: str,
    severity: str,
    types: str | tuple[str, ...],
    title: str,
    fix: str,
    *,
    checkov: str | None = None,
    trivy: str | None = None,
    needs_graph: bool = False,
) -> Callable[[Check], Check]:
    assert severity in SEVERITIES and rule_id not in RULES

    def register(check: Check) -> Check:
        RULES[rule_id] = Rule(
            id=rule_id,
            severity=severity,
            title=title,
            fix=fix,
            types=(types,) if isinstance(types, str) else types,
            check=check,
            checkov=checkov,
            trivy=trivy,
            needs_graph=needs_graph,
        )
        return check

    return register


# --- shared helpers ----------------------------------------------------------------------
def _get(record: ResourceRecord, *path: str) -> Any:
    """A nested input, ``None`` when any step is missing (wire objects may come as a
    one-element list from older providers: the first element is used)."""
    value: Any = record.inputs
    for key in path:
        if isinstance(value, list):
            value = value[0] if value else None
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _containers(task_def: ResourceRecord) -> list[dict[str, Any]]:
    parsed = parse_json(task_def.inputs.get("containerDefinitions"))
    return [c for c in parsed if isinstance(c, dict)] if isinstance(parsed, list) else []


def _per_container(
    problem: Callable[[dict[str, Any]], str | None],
) -> Check:
    """A check that applies ``problem`` to each container of a task definition; unverified
    while the container definitions are unknown (a first preview)."""

    def check(record: ResourceRecord, graph: Graph) -> Iterator[str]:
        raw = record.inputs.get("containerDefinitions")
        if raw is not None and not is_known(raw):
            yield unseen("containerDefinitions", raw)
            return
        for container in _containers(record):
            text = problem(container)
            if text:
                yield f"container {container.get('name', '?')!r} {text}"

    return check


#: A check's body over one input: gets the record and the input's value (``None`` if unset).
_Body = Callable[[ResourceRecord, Any], Iterable[str]]


def _reads(*path: str) -> Callable[[_Body], Check]:
    """A check over the input at ``path`` (as :func:`_get` reads it), unverified while a
    preview does not know that input."""

    def wrap(body: _Body) -> Check:
        def check(record: ResourceRecord, graph: Graph) -> Iterable[str]:
            value = _get(record, *path)
            if value is not None and not is_known(value):
                return (unseen(".".join(path), value),)
            return body(record, value)

        return check

    return wrap


def _must_be_true(key: str, when: Callable[[ResourceRecord], bool] = lambda _: True) -> Check:
    """A check that the boolean input ``key`` is true (where ``when`` holds), once known."""

    def check(record: ResourceRecord, graph: Graph) -> Iterator[str]:
        value = record.inputs.get(key)
        if not when(record):
            return
        if value is not None and not is_known(value):
            yield unseen(key, value)
        elif not truthy(value):
            yield f"{key} is not true"

    return check


def _as_list(value: Any) -> list[Any]:
    if value is None or not is_known(value):
        return []
    return value if isinstance(value, list) else [value]


def _is_alb(lb: ResourceRecord) -> bool:
    return lb.inputs.get("loadBalancerType", "application") == "application"


# --- ECS ---------------------------------------------------------------------------------
@_rule(
    "FC-ECS-001",
    "error",
    ECS_TASK_DEFINITION,
    "Execution role and task role are different roles",
    "give the task its own task role (what the app may do) and keep the execution role "
    "(pulling images, reading secrets, writing logs) separate",
    checkov="CKV_AWS_249",
    needs_graph=True,
)
def _roles_differ(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    execution, task = record.inputs.get("executionRoleArn"), record.inputs.get("taskRoleArn")
    if not execution or not task:
        return
    if is_known(execution) and is_known(task):
        same = execution == task
    else:  # a preview: compare the role resources the two inputs came from
        a = {r.urn for r in graph.refs(record, "executionRoleArn", IAM_ROLE)}
        b = {r.urn for r in graph.refs(record, "taskRoleArn", IAM_ROLE)}
        same = bool(a) and a == b
    if same:
        yield "executionRoleArn and taskRoleArn are the same role"


_rule(
    "FC-ECS-002",
    "error",
    ECS_TASK_DEFINITION,
    "No privileged containers",
    "remove `privileged: true` (Fargate rejects it; grant only the Linux capabilities needed)",
    checkov="CKV_AWS_334",
)(_per_container(lambda c: "is privileged" if truthy(c.get("privileged")) else None))

_rule(
    "FC-ECS-003",
    "advisory",
    ECS_TASK_DEFINITION,
    "Containers use a read-only root filesystem",
    "set `readonlyRootFilesystem: true` (the library's default for Linux containers) and give "
    "the paths the app writes to as `Container(writable_paths=[...])` (a task-local scratch "
    "volume each) or `mount_points` on a declared volume",
    checkov="CKV_AWS_336",
)(
    _per_container(
        lambda c: (
            None if truthy(c.get("readonlyRootFilesystem")) else "has a writable root filesystem"
        )
    )
)

# Names that usually carry a credential, and suffixes that say the value only points to one.
_SENSITIVE_NAME = re.compile(
    r"PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL",
    re.IGNORECASE,
)
_POINTER_SUFFIX = re.compile(
    r"_(ARN|ID|NAME|PATH|FILE|URL|URI|ENDPOINT|HEADER|TTL|EXPIRY|LENGTH|ENABLED|REGION)$",
    re.IGNORECASE,
)
_SECRET_VALUE = re.compile(
    r"\b(AKIA|ASIA)[A-Z0-9]{16}\b|-----BEGIN [A-Z ]*PRIVATE KEY-----|://[^/\s:@]+:[^/\s@]+@"
)


def _plain_secret(container: dict[str, Any]) -> str | None:
    names = []
    for env in container.get("environment") or []:
        name, value = str(env.get("name", "")), env.get("value")
        if not isinstance(value, str) or not value or not is_known(value):
            continue
        by_name = _SENSITIVE_NAME.search(name) and not _POINTER_SUFFIX.search(name)
        if (by_name and not value.startswith("arn:")) or _SECRET_VALUE.search(value):
            names.append(name)
    return f"has secrets in plain environment variables: {', '.join(names)}" if names else None


_rule(
    "FC-ECS-004",
    "error",
    ECS_TASK_DEFINITION,
    "Secrets are not passed as plain environment variables",
    "move the value to Secrets Manager or SSM Parameter Store and pass it under `secrets` "
    "(valueFrom), so it is neither in the task definition nor in the state",
    trivy="AVD-AWS-0036",
)(_per_container(_plain_secret))


@_rule(
    "FC-ECS-005",
    "error",
    ECS_SERVICE,
    "Tasks get no public IP",
    "run tasks in private subnets with `assignPublicIp: false` and reach the internet "
    "through a NAT gateway or VPC endpoints; expose them through a load balancer",
    checkov="CKV_AWS_333",
)
def _no_public_ip(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    value = _get(record, "networkConfiguration", "assignPublicIp")
    if value is not None and not is_known(value):
        yield unseen("networkConfiguration.assignPublicIp", value)
    elif truthy(value):
        yield "networkConfiguration.assignPublicIp is true"


@_rule(
    "FC-ECS-006",
    "warning",
    ECS_SERVICE,
    "Fargate platform version is LATEST",
    "omit `platformVersion` or set it to `LATEST` to get platform security patches",
    checkov="CKV_AWS_332",
)
def _platform_latest(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    version = record.inputs.get("platformVersion")
    if version is not None and not is_known(version):
        yield unseen("platformVersion", version)
    elif version and version != "LATEST":
        yield f"platformVersion is pinned to {version!r}"


@_rule(
    "FC-ECS-007",
    "warning",
    ECS_CLUSTER,
    "Container Insights is on",
    "add the cluster setting `containerInsights` = `enhanced` (or `enabled`)",
    checkov="CKV_AWS_65",
    trivy="AVD-AWS-0034",
)
@_reads("settings")
def _container_insights(record: ResourceRecord, settings: Any) -> Iterator[str]:
    for setting in _as_list(settings):
        if isinstance(setting, dict) and setting.get("name") == "containerInsights":
            value = setting.get("value")
            if value in ("enabled", "enhanced") or not is_known(value):
                return
    yield "Container Insights is not enabled"


@_rule(
    "FC-ECS-008",
    "warning",
    ECS_CLUSTER,
    "ECS Exec sessions are logged",
    "set `configuration.executeCommandConfiguration` with `logging: OVERRIDE` and a "
    "CloudWatch log group (or S3 bucket) in `logConfiguration`",
    checkov="CKV_AWS_223",
    needs_graph=True,
)
def _exec_logging(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    config = _get(record, "configuration", "executeCommandConfiguration")
    logging = config.get("logging") if isinstance(config, dict) else None
    if logging is not None and not is_known(logging):
        yield unseen("executeCommandConfiguration.logging", logging)
    elif logging == "NONE":
        yield "ECS Exec logging is NONE"
    elif logging == "OVERRIDE":
        destination = config.get("logConfiguration") if isinstance(config, dict) else None
        if isinstance(destination, list):
            destination = destination[0] if destination else None
        if not isinstance(destination, dict) or not (
            destination.get("cloudWatchLogGroupName") or destination.get("s3BucketName")
        ):
            yield "ECS Exec logging is OVERRIDE without a log group or bucket"
    elif logging is None:
        services = graph.referrers(record, ECS_SERVICE, "cluster")
        if any(truthy(s.inputs.get("enableExecuteCommand")) for s in services):
            yield "services enable ECS Exec but the cluster sets no session logging"


@_rule(
    "FC-ECS-009",
    "error",
    ECS_SERVICE,
    "FARGATE_SPOT is never used with ARM64 or Windows tasks",
    "use the FARGATE capacity provider for ARM64 and Windows tasks (Fargate Spot runs "
    "Linux X86_64 only), or switch the task to X86_64 Linux",
    needs_graph=True,
)
def _spot_platform(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    strategy, _ = graph.capacity_strategy_of(record)
    spot = any(
        item.provider == FARGATE_SPOT and (item.weight > 0 or item.base > 0)
        for item in strategy or ()
    )
    task_def = graph.task_definition_of(record)
    if not spot or task_def is None:
        return
    arch = _get(task_def, "runtimePlatform", "cpuArchitecture")
    family = _get(task_def, "runtimePlatform", "operatingSystemFamily")
    for what, value in (("cpuArchitecture", arch), ("operatingSystemFamily", family)):
        if value is not None and not is_known(value):
            yield unseen(f"the task definition's runtimePlatform.{what}", value)
    if arch == "ARM64":
        yield f"FARGATE_SPOT with the ARM64 task definition {task_def.name!r}"
    if isinstance(family, str) and family.startswith("WINDOWS"):
        yield f"FARGATE_SPOT with the Windows task definition {task_def.name!r}"


# --- load balancers ----------------------------------------------------------------------
@_rule(
    "FC-ALB-001",
    "error",
    LISTENERS,
    "Internet-facing listeners use HTTPS, and HTTP only redirects to HTTPS",
    "serve HTTPS (port 443, an ACM certificate) and make the HTTP listener's default action "
    "a redirect to HTTPS (HTTP_301)",
    checkov="CKV2_AWS_20",
    trivy="AVD-AWS-0054",
    needs_graph=True,
)
def _https_only(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    protocol = record.inputs.get("protocol")
    if protocol is not None and not is_known(protocol):
        yield unseen("protocol", protocol)
        return
    if protocol != "HTTP":
        return
    lbs = graph.refs(record, "loadBalancerArn", *LOAD_BALANCERS)
    if lbs and all(truthy(lb.inputs.get("internal")) for lb in lbs):
        return  # internal ALBs may speak HTTP inside the VPC
    actions = [a for a in _as_list(record.inputs.get("defaultActions")) if isinstance(a, dict)]
    redirects = actions and all(
        a.get("type") == "redirect" and _get_dict(a, "redirect").get("protocol") == "HTTPS"
        for a in actions
    )
    if not redirects:
        yield "the HTTP listener serves traffic instead of redirecting to HTTPS"


def _get_dict(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, dict) else {}


#: Security policies that allow nothing below TLS 1.2 (ELB "Security policies" guide:
#: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html).
#: ``TLS13-1-0``/``TLS13-1-1`` policies still accept TLS 1.0/1.1 and do not match.
TLS_POLICY_PATTERN = re.compile(r"^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)-")


@_rule(
    "FC-ALB-002",
    "error",
    LISTENERS,
    "HTTPS/TLS listeners use a TLS 1.2+ security policy",
    "set `sslPolicy` to `ELBSecurityPolicy-TLS13-1-2-2021-06` (or another TLS 1.2+ policy); "
    "when omitted the API uses ELBSecurityPolicy-2016-08, which allows TLS 1.0",
    checkov="CKV_AWS_103",
    trivy="AVD-AWS-0047",
)
def _tls_policy(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    protocol = record.inputs.get("protocol")
    if protocol is not None and not is_known(protocol):
        yield unseen("protocol", protocol)
        return
    if protocol not in ("HTTPS", "TLS"):
        return
    policy = record.inputs.get("sslPolicy")
    if not is_known(policy):
        yield unseen("sslPolicy", policy)
        return
    if not isinstance(policy, str) or not TLS_POLICY_PATTERN.match(policy):
        yield f"sslPolicy {policy!r} allows TLS versions below 1.2"


_rule(
    "FC-ALB-003",
    "error",
    LOAD_BALANCERS,
    "Application load balancers drop invalid HTTP header fields",
    "set `dropInvalidHeaderFields: true` (guards against HTTP request smuggling)",
    checkov="CKV_AWS_131",
    trivy="AVD-AWS-0052",
)(_must_be_true("dropInvalidHeaderFields", when=_is_alb))

_rule(
    "FC-ALB-004",
    "warning",
    LOAD_BALANCERS,
    "Load balancers have deletion protection",
    "set `enableDeletionProtection: true` (turn it off deliberately before a planned delete)",
    checkov="CKV_AWS_150",
)(_must_be_true("enableDeletionProtection"))


@_rule(
    "FC-ALB-005",
    "advisory",
    LOAD_BALANCERS,
    "Load balancers write access logs",
    "set `accessLogs` to `{enabled: true, bucket: <S3 bucket with an ELB log delivery policy>}`",
    checkov="CKV_AWS_91",
    needs_graph=True,
)
def _access_logs(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    logs = _get(record, "accessLogs")
    if logs is not None and not is_known(logs):
        yield unseen("accessLogs", logs)
        return
    if not _is_alb(record) and not _has_tls_listener(record, graph):
        # NLBs log TLS connections only: "Access logs are created only if the load balancer
        # has a TLS listener, and the logs contain information about TLS requests only" (ELB,
        # "Access logs for your Network Load Balancer",
        # https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-access-logs.html).
        return
    if not isinstance(logs, dict) or not truthy(logs.get("enabled")) or not logs.get("bucket"):
        yield "access logs are off"


def _has_tls_listener(lb: ResourceRecord, graph: Graph) -> bool:
    """Whether a listener of the plan on ``lb`` speaks TLS, or has a protocol the preview
    can't know (then the rule speaks as if it did)."""
    listeners = [
        listener
        for token in LISTENERS
        for listener in graph.referrers(lb, token, "loadBalancerArn")
    ]
    return any(
        listener.inputs.get("protocol") == "TLS" or not is_known(listener.inputs.get("protocol"))
        for listener in listeners
    )


@_rule(
    "FC-ALB-006",
    "warning",
    TARGET_GROUPS,
    "Target groups define a health check",
    "set `healthCheck` with `enabled: true`, a `path` the app answers with 200 and a `matcher`",
    checkov="CKV_AWS_261",
)
@_reads("healthCheck")
def _health_check(record: ResourceRecord, check: Any) -> Iterator[str]:
    if record.inputs.get("targetType") == "lambda":
        return
    if not isinstance(check, dict) or check.get("enabled") is False:
        yield "no health check is defined"
        return
    protocol = check.get("protocol") or record.inputs.get("protocol")
    if protocol in ("HTTP", "HTTPS") and not check.get("path"):
        yield "the HTTP health check has no path"


@_rule(
    "FC-ALB-007",
    "advisory",
    TARGET_GROUPS,
    "Internet-facing ALBs speak HTTPS to their targets",
    'serve TLS in the container and set `FargateServiceArgs(protocol="HTTPS")` (target '
    "group and health check then speak HTTPS); or waive it where TLS deliberately ends at the "
    "load balancer and the VPC is the trust boundary",
    checkov="CKV_AWS_378",
    needs_graph=True,
)
def _https_to_targets(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    """A target group of an internet-facing ALB forwarding plain HTTP: the request decrypted
    at the load balancer crosses the VPC in clear text ("Target groups for your Application
    Load Balancers", routing configuration: HTTP or HTTPS to targets). Internal ALBs and
    Lambda targets are out of scope; a target group whose load balancer is not in the plan
    (``LoadBalancer.existing``) can't be judged and is reported as unverified."""
    protocol = record.inputs.get("protocol")
    if not is_known(protocol):
        yield unseen("protocol", protocol)
        return
    if protocol != "HTTP" or record.inputs.get("targetType") == "lambda":
        return
    lbs = graph.load_balancers_of(record)
    if not lbs:
        if graph.services_of(record):  # attached to a listener of LoadBalancer.existing(...)
            yield Unverified(
                "the target group's load balancer is not in this plan, so whether it is "
                "internet-facing is unknown"
            )
        return
    public = [lb for lb in lbs if _is_alb(lb) and not truthy(lb.inputs.get("internal"))]
    if public:
        yield f"the internet-facing ALB {public[0].name!r} forwards plain HTTP to its targets"


# --- EKS ---------------------------------------------------------------------------------
_WORLD = ("0.0.0.0/0", "::/0")


@_rule(
    "FC-EKS-001",
    "warning",  # issue 5: "a warning-level finding when left open to the world"
    EKS_CLUSTER,
    "The EKS API endpoint is not open to the whole internet",
    "set `vpcConfig.endpointPrivateAccess: true` and either `endpointPublicAccess: false` or "
    "`publicAccessCidrs` to your own address ranges",
    checkov="CKV_AWS_38",
    trivy="AVD-AWS-0041",
)
@_reads("vpcConfig", "publicAccessCidrs")
def _endpoint(record: ResourceRecord, cidrs: Any) -> Iterator[str]:
    public = _get(record, "vpcConfig", "endpointPublicAccess")
    if public is not None and not is_known(public):
        yield unseen("vpcConfig.endpointPublicAccess", public)
        return
    if public is False:
        return
    open_to = [c for c in (cidrs or ["0.0.0.0/0"]) if c in _WORLD]
    if open_to:
        yield f"the public API endpoint accepts {', '.join(open_to)}"


@_rule(
    "FC-EKS-002",
    "warning",
    EKS_CLUSTER,
    "Kubernetes secrets are encrypted with a KMS key you control",
    "set `encryptionConfig` with `resources: ['secrets']` and `provider.keyArn` of a KMS key",
    checkov="CKV_AWS_58",
    trivy="AVD-AWS-0039",
)
@_reads("encryptionConfig")
def _secrets_encryption(record: ResourceRecord, configs: Any) -> Iterator[str]:
    for config in _as_list(configs):
        if (
            isinstance(config, dict)
            and "secrets" in _as_list(config.get("resources"))
            and _get_dict(config, "provider").get("keyArn")
        ):
            return
    yield "secrets are not envelope-encrypted with a KMS key"


#: The EKS control-plane log types (EKS user guide, "Control plane logging").
EKS_LOG_TYPES = ("api", "audit", "authenticator", "controllerManager", "scheduler")


@_rule(
    "FC-EKS-003",
    "warning",
    EKS_CLUSTER,
    "All EKS control-plane log types are enabled",
    f"set `enabledClusterLogTypes` to {list(EKS_LOG_TYPES)}",
    checkov="CKV_AWS_37",
    trivy="AVD-AWS-0038",
)
@_reads("enabledClusterLogTypes")
def _control_plane_logs(record: ResourceRecord, enabled: Any) -> Iterator[str]:
    missing = [t for t in EKS_LOG_TYPES if t not in _as_list(enabled)]
    if missing:
        yield f"control-plane logs are off for {', '.join(missing)}"


def _routes_to_igw(table: ResourceRecord, graph: Graph) -> bool:
    def is_igw(gateway: Any) -> bool:
        return isinstance(gateway, str) and gateway.startswith("igw-")

    inline = [r for r in _as_list(table.inputs.get("routes")) if isinstance(r, dict)]
    if any(is_igw(r.get("gatewayId")) for r in inline):
        return True
    if inline and graph.refs(table, "routes", INTERNET_GATEWAY):
        return True
    return any(
        is_igw(route.inputs.get("gatewayId")) or graph.refs(route, "gatewayId", INTERNET_GATEWAY)
        for route in graph.referrers(table, ROUTE, "routeTableId")
    )


def public_subnet_reason(subnet: ResourceRecord, graph: Graph) -> str | None:
    """Why a subnet in the graph is public (maps public IPs, or its route table routes to an
    internet gateway), or ``None`` when nothing in the graph says so."""
    if truthy(subnet.inputs.get("mapPublicIpOnLaunch")):
        return "maps public IPs on launch"
    for assoc in graph.referrers(subnet, ROUTE_TABLE_ASSOCIATION, "subnetId"):
        for table in graph.refs(assoc, "routeTableId", ROUTE_TABLE):
            if _routes_to_igw(table, graph):
                return f"its route table {table.name!r} routes to an internet gateway"
    return None


@_rule(
    "FC-EKS-004",
    "error",
    FARGATE_PROFILE,
    "Fargate profiles use private subnets only",
    "pass only private subnets (no internet-gateway route, no public IP mapping) in "
    "`subnetIds`; EKS rejects public ones",
    needs_graph=True,
)
def _profile_private(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    for subnet in graph.refs(record, "subnetIds", SUBNET):
        reason = public_subnet_reason(subnet, graph)
        if reason:
            yield f"subnet {subnet.name!r} is public: it {reason}"


# --- VPC and logs ------------------------------------------------------------------------
@_rule(
    "FC-VPC-001",
    "warning",
    VPC,
    "Every VPC has flow logs",
    "add an `aws.ec2.FlowLog` with `vpcId` of this VPC (trafficType ALL or REJECT) to a log "
    "group with retention, or to S3",
    checkov="CKV2_AWS_11",
    trivy="AVD-AWS-0178",
    needs_graph=True,
)
def _flow_logs(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    if not graph.referrers(record, FLOW_LOG, "vpcId"):
        yield "the VPC has no flow log"


@_rule(
    "FC-LOG-001",
    "warning",
    LOG_GROUP,
    "Log groups have a retention period",
    "set `retentionInDays` (this library's default is 30) so logs do not accumulate forever",
    checkov="CKV_AWS_66",
)
def _retention(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    days = record.inputs.get("retentionInDays")
    if not is_known(days):
        yield unseen("retentionInDays", days)
    elif not days:
        yield "retentionInDays is not set (logs never expire)"


# --- IAM ---------------------------------------------------------------------------------
#: Actions that support no resource-level permissions, so ``"Resource": "*"`` is the only
#: possible value (AWS Service Authorization Reference, "Resource types" column empty:
#: https://docs.aws.amazon.com/service-authorization/latest/reference/). Globs allowed.
RESOURCELESS_ACTIONS = (
    "ecr:GetAuthorizationToken",
    "ssmmessages:CreateControlChannel",  # ECS Exec (list_ssmmessages.html: no resource types)
    "ssmmessages:CreateDataChannel",
    "ssmmessages:OpenControlChannel",
    "ssmmessages:OpenDataChannel",
    "sts:GetCallerIdentity",
    "cloudwatch:PutMetricData",
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
    "xray:GetSamplingRules",
    "xray:GetSamplingTargets",
    "xray:GetSamplingStatisticSummaries",
    "ec2:Describe*",
    "elasticloadbalancing:Describe*",
    "ecs:DescribeTaskDefinition",
    "ecs:ListClusters",
    "ecs:ListTaskDefinitions",
    "secretsmanager:GetRandomPassword",
    "secretsmanager:ListSecrets",
    "ssm:DescribeParameters",
    "kms:ListKeys",
    "kms:ListAliases",
    "s3:ListAllMyBuckets",
)
#: Services whose every action is resourceless, so ``service:*`` on ``*`` is as narrow as it gets.
_RESOURCELESS_SERVICES = ("ssmmessages",)


def _resourceless(action: str) -> bool:
    low = action.lower()
    if low.split(":")[0] in _RESOURCELESS_SERVICES:
        return True
    return any(fnmatch.fnmatchcase(low, pattern.lower()) for pattern in RESOURCELESS_ACTIONS)


def _documents(record: ResourceRecord) -> Iterator[Any]:
    if record.type == IAM_ROLE:
        for inline in _as_list(record.inputs.get("inlinePolicies")):
            if isinstance(inline, dict):
                yield parse_json(inline.get("policy"))
    else:
        yield parse_json(record.inputs.get("policy"))


def _wildcards(document: Any) -> Iterator[str]:
    if not isinstance(document, dict):
        return
    for index, stmt in enumerate(_as_list(document.get("Statement"))):
        if not isinstance(stmt, dict) or stmt.get("Effect") != "Allow":
            continue
        where = f"statement {stmt.get('Sid') or index}"
        if "NotAction" in stmt or "NotResource" in stmt:
            yield f"{where} allows by NotAction/NotResource"
            continue
        actions = [str(a) for a in _as_list(stmt.get("Action"))]
        broad = [
            a
            for a in actions
            if a == "*" or (a.endswith(":*") and a.split(":")[0] not in _RESOURCELESS_SERVICES)
        ]
        if broad:
            yield f"{where} allows every action of {', '.join(broad)}"
        # A Condition (tag keys, iam:AWSServiceName, ...) narrows a '*' resource to what it
        # matches: that is how policies scope actions on resources created at run time.
        if "*" in _as_list(stmt.get("Resource")) and not stmt.get("Condition"):
            narrowable = [a for a in actions if a not in broad and not _resourceless(a)]
            if narrowable:
                yield f"{where} allows {', '.join(narrowable)} on Resource '*'"


@_rule(
    "FC-IAM-001",
    "error",
    (IAM_ROLE_POLICY, IAM_POLICY, IAM_ROLE),
    "IAM policies use no '*' where a narrower action or resource exists",
    "name the exact actions and the ARNs they act on; keep `Resource: '*'` only for actions "
    "without resource-level permissions (see RESOURCELESS_ACTIONS)",
    checkov="CKV_AWS_355",
    trivy="AVD-AWS-0057",
)
def _iam_wildcards(record: ResourceRecord, graph: Graph) -> Iterable[str]:
    raw = record.inputs.get("policy")
    if record.type != IAM_ROLE and raw is not None and not is_known(raw):
        yield unseen("the policy document", raw)  # e.g. built over an ARN unknown at preview
        return
    for document in _documents(record):
        yield from _wildcards(document)


# --- waivers -----------------------------------------------------------------------------
@_rule(
    "FC-WAIVE-001",
    "warning",
    "*",
    "Waiver tags are well-formed",
    f"write one tag per rule, key `{WAIVER_TAG_PREFIX}<RULE-ID>` (a known rule id) and the "
    "reason as its value, optionally ending `expires=YYYY-MM-DD`",
)
def _waiver_tag(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    tags = record.inputs.get("tags")
    if not isinstance(tags, dict):
        return
    entries, problems = tag_waiver_entries(tags)
    waived = {e.rule: e.reason for e in entries}
    for problem in problems:
        yield f"the waiver tag {problem} waives nothing"
    value = tags.get(WAIVER_TAG)
    if isinstance(value, str) and is_known(value):
        combined, bad = parse_waiver_tag(value)
        for entry in bad:
            yield f"the waiver {entry!r} is not `RULE-ID: reason` and waives nothing"
        waived = {**combined, **waived}
    for rule in waived:
        # Checkov's ids (plan --scan checkov) are known by shape: its catalogue isn't here
        if rule not in RULES and not CHECKOV_ID.match(rule):
            yield f"the waiver names the unknown rule {rule}"
