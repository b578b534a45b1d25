"""``FargateService``: a task definition running on a cluster, in private subnets, optionally
behind a shared ``LoadBalancer`` and with autoscaling that the next ``pulumi up`` does not
fight."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pulumi
import pulumi_aws as aws

from .._component import TYPE_PREFIX, child_kms_key_or_given, child_opts, merge_tags, role_arn
from ..data_protection import data_protection_enabled
from ..efs.file_system import NFS_PORT
from ..errors import (
    ValidationError,
    argument_path,
    check_choice,
    check_instance,
    check_int_range,
    check_name,
)
from ..iam import policy_document, to_json
from ..network.cidr_lists import check_cidr_list
from ..network.security_component import (
    allow_tcp_ingress,
    allow_tcp_ingress_between,
    allow_tcp_ingress_from,
    egress_only_security_group,
)
from ..network.types import NetworkLike, check_same_vpc, vpc_identity
from ..tags import check_ecs_ebs_tags, check_name_tag, check_tags
from .autoscaling_component import PrevalidatedServiceAutoscaling, ServiceAutoscaling
from .capacity import CapacityStrategy
from .cluster_types import ClusterLike
from .deployment import (
    Deployment,
    DeploymentAlarms,
    default_alarm_specs,
    deployment_configuration,
    surge_tasks,
)
from .deployment_component import build_alarms, build_infrastructure_role, build_volume_role
from .ebs_volumes import (
    EbsVolume,
    infrastructure_key_statements,
    managed_ebs_volume,
    resolve_volume_name,
)
from .load_balancer_component import (
    AttachedTarget,
    LoadBalancer,
    LoadBalancerRef,
    TargetPlan,
    plan_target,
    wire_target,
)
from .load_balancing import Routing, TargetHealthCheck
from .network_load_balancer_component import (
    AnyNetworkListener,
    AttachedNetworkTarget,
    NetworkLoadBalancer,
    NetworkLoadBalancerRef,
    check_network_attachment,
)
from .network_load_balancing import (
    ExistingNetworkListener,
    NetworkHealthCheck,
    check_target_protocol,
    health_check_ingress_port,
)
from .platform_versions import check_task_platform_version
from .scaling import Autoscaling, check_autoscaling
from .service_args import check_egress, check_placement, check_public_ip
from .service_connect import (
    ServiceConnect,
    ServiceConnectPlan,
    ServiceDiscovery,
    named_ports,
    plan_service_connect,
)
from .service_connect_component import (
    allow_callers,
    build_service_connect,
    build_service_registry,
    namespace_claims,
)
from .spot_interruption import spot_drain
from .task_definition_component import FargateTaskDefinition, check_references

__all__ = ["FargateService", "FargateServiceArgs", "validate_service_args"]

SERVICE = "service"
DEFAULT_DEREGISTRATION_DELAY = 30
#: What ``load_balancer`` may be for an NLB attachment (``listener_port``).
_NLBS = (NetworkLoadBalancer, NetworkLoadBalancerRef)
#: Load balancers another stack owns.
_REFS = (LoadBalancerRef, NetworkLoadBalancerRef)


def _existing_call(lb: LoadBalancerRef | NetworkLoadBalancerRef) -> str:
    """How the user made ``lb``, for an error message."""
    kind = "LoadBalancer" if isinstance(lb, LoadBalancerRef) else "NetworkLoadBalancer"
    return f"{kind}.existing"


SECURITY_GROUP = "sg"
EBS_KEY = "ebs-key"
AUTOSCALING = "autoscaling"
PROPAGATE_TAGS = ("SERVICE", "TASK_DEFINITION", "NONE")
_ARG = "FargateServiceArgs"
DEFAULT_DESIRED_COUNT = 2
LB_GRACE_PERIOD = 60


@dataclass(frozen=True, kw_only=True)
class FargateServiceArgs:
    """Arguments of :class:`FargateService`."""

    cluster: ClusterLike
    """The cluster to run on (its default capacity strategy is inherited). Required."""

    task_definition: FargateTaskDefinition
    """What to run. Required."""

    network: NetworkLike
    """Where to run: a ``Network`` or ``Network.existing(...)``. Required."""

    desired_count: int | None = None
    """Tasks to run. With autoscaling, the initial count, which must lie in min..max and is
    never reset by later updates. Default: the autoscaling minimum, else 2 (one per AZ
    for two AZs)."""

    capacity_strategy: CapacityStrategy | None = None
    """Where tasks run (FARGATE / FARGATE_SPOT). Default: the cluster's default strategy."""

    assign_public_ip: bool = False
    """Run in the public subnets with public IPs (only for networks without NAT).
    Default ``False``: private subnets, no public IP."""

    allowed_cidrs: Sequence[str] = ()
    """Extra CIDRs allowed to reach the container port. Default none."""

    allowed_security_group_ids: Sequence[pulumi.Input[str]] = ()
    """Extra security groups allowed to reach the container port. Default none."""

    container_name: str | None = None
    """The container that receives traffic. Default: the first essential container with a
    port."""

    container_port: int | None = None
    """Its port; must be one the container exposes. Default: the container's first port."""

    load_balancer: (
        LoadBalancer | LoadBalancerRef | NetworkLoadBalancer | NetworkLoadBalancerRef | None
    ) = None
    """A shared ``LoadBalancer`` to serve this service through (a target group and a
    listener rule are created for it), ``LoadBalancer.existing(...)``, a
    ``NetworkLoadBalancer`` or ``NetworkLoadBalancer.existing(...)``. Default none."""

    routing: Routing | None = None
    """Which requests the load balancer sends here (paths, hosts, priority). Default: the
    catch-all route (one per load balancer)."""

    health_check: TargetHealthCheck | NetworkHealthCheck | None = None
    """The target group's health check: a ``TargetHealthCheck`` behind a ``LoadBalancer``, a
    ``NetworkHealthCheck`` behind a ``NetworkLoadBalancer``. Default ``TargetHealthCheck()``
    (``/``, every 15 s) or ``NetworkHealthCheck()`` (TCP, every 10 s)."""

    listener_port: int | None = None
    """Behind a ``NetworkLoadBalancer``: the port of the NLB listener that forwards to this
    service (each listener serves one service). Default: the NLB's only listener."""

    protocol: str = "HTTP"
    """Protocol from the load balancer to the tasks: ``"HTTP"`` or ``"HTTPS"``.
    Default ``"HTTP"``."""

    deregistration_delay: int = DEFAULT_DEREGISTRATION_DELAY
    """Seconds the load balancer drains a stopping task (AWS's default is 300; shorter
    deployments here). Default 30."""

    autoscaling: Autoscaling | None = None
    """Scale the desired count with target tracking and schedules. While it is set, later
    updates never reset the live desired count. Default none (fixed count)."""

    circuit_breaker: bool = True
    """Deployment circuit breaker with automatic rollback. Default ``True``."""

    minimum_healthy_percent: int = 100
    """Tasks that must stay healthy during a deployment, in % of desired. Default 100."""

    maximum_percent: int = 200
    """Upper limit of tasks during a deployment, in % of desired. Default 200."""

    health_check_grace_period: int | None = None
    """Seconds to ignore failing load-balancer health checks after a task starts.
    Default 60 behind a load balancer, unset otherwise."""

    enable_execute_command: bool | None = None
    """Allow ``aws ecs execute-command`` (the task definition must have ECS Exec on:
    ``exec_cluster``). Default: None (on exactly when the task definition has Exec on)."""

    platform_version: str = "LATEST"
    """Fargate platform version. Default ``"LATEST"``."""

    propagate_tags: str = "SERVICE"
    """Copy tags to tasks from ``"SERVICE"``, ``"TASK_DEFINITION"`` or ``"NONE"``.
    Default ``"SERVICE"``."""

    wait_for_steady_state: bool = False
    """Make ``pulumi up`` wait until the deployment is steady. Default ``False``."""

    deployment: Deployment = field(default_factory=Deployment)
    """How new revisions replace old ones: rolling, or ECS-native blue/green, linear or
    canary behind a ``LoadBalancer`` (a second target group and the infrastructure role
    are created). Default ``Deployment()`` (rolling)."""

    alarms: DeploymentAlarms | None = None
    """CloudWatch alarms that roll a deployment back. Default: behind a load balancer,
    ``DeploymentAlarms()`` (target-group 5xx and unhealthy hosts, 3 bad minutes); without
    one, none (the circuit breaker alone)."""

    redeploy_token: str | None = None
    """Change this value (e.g. to a timestamp or build id) to force a new deployment of the
    same task definition, e.g. to pull a moving image tag again. Default none."""

    service_connect: ServiceConnect | None = None
    """ECS Service Connect: the ports this service serves to its namespace (``servers``)
    and the client side. Default: None (off; a service with ``calls`` is a client in the
    cluster's namespace)."""

    calls: Sequence[FargateService] = ()
    """Services this one calls over Service Connect: each callee's security group admits
    this service's on the callee's Service Connect ports (nothing wider, no VPC CIDR).
    Default: none."""

    service_discovery: ServiceDiscovery | None = None
    """Register the tasks in a Cloud Map private DNS namespace (A records) for clients
    outside ECS. Default: None."""

    ebs_volume: EbsVolume | None = None
    """The Amazon EBS volume ECS creates for each task (size, type, IOPS, throughput,
    encryption), mounted where the task definition's ``Volume.ebs(...)`` is; an
    infrastructure role ``<name>-ebs-role`` is created for it. Each task's volume is deleted
    when the task stops. Default: None (required exactly when the task definition declares
    ``Volume.ebs(...)``)."""

    service_name: str | None = None
    """The ECS service name. Default: auto-named from the component name."""

    tags: Mapping[str, str] | None = None
    """Tags for the service and its security group. Default none."""


@argument_path(_ARG)
def validate_service_args(args: FargateServiceArgs) -> tuple[CapacityStrategy, int]:
    """Check the arguments; return the effective strategy and desired count."""
    check_tags("tags", args.tags)
    if args.ebs_volume is not None:
        check_ecs_ebs_tags("tags", args.tags)
    check_references(args.cluster, args.task_definition)
    strategy = check_placement(
        args.cluster.default_strategy,
        args.task_definition,
        args.network,
        args.capacity_strategy,
    )
    check_int_range("minimum_healthy_percent", args.minimum_healthy_percent, 0, 100)
    check_int_range("maximum_percent", args.maximum_percent, 100, 200)
    if args.health_check_grace_period is not None:
        check_int_range(
            "health_check_grace_period", args.health_check_grace_period, 0, 2_147_483_647
        )
    check_choice("propagate_tags", args.propagate_tags, PROPAGATE_TAGS)
    if args.service_name is not None:
        check_name("service_name", args.service_name, 255)
    if args.enable_execute_command and not args.task_definition.enable_exec:
        raise ValidationError(
            "enable_execute_command",
            True,
            "only with a task definition created with exec_cluster=<cluster> (its task role "
            "needs the ssmmessages permissions and the cluster's Exec log group)",
        )
    exec_cluster = args.task_definition.exec_cluster
    if exec_cluster is not None and exec_cluster is not args.cluster:
        raise ValidationError(
            "cluster",
            getattr(args.cluster, "_name", args.cluster),
            "the cluster the task definition's exec_cluster names (its Exec log group is "
            "the one the task role may write to)",
        )
    check_task_platform_version(
        "platform_version",
        args.platform_version,
        args.task_definition,
        exec_on=args.task_definition.enable_exec and args.enable_execute_command is not False,
    )
    check_public_ip(args.assign_public_ip, args.network)
    check_egress(args.assign_public_ip, args.network)
    check_cidr_list("allowed_cidrs", args.allowed_cidrs)
    _check_ebs_volume(args)
    if args.load_balancer is None:
        _check_no_load_balancer(args)
    elif not isinstance(args.load_balancer, (LoadBalancer, LoadBalancerRef, *_NLBS)):
        raise ValidationError(
            "load_balancer",
            args.load_balancer,
            "a LoadBalancer, LoadBalancer.existing(...), a NetworkLoadBalancer or "
            "NetworkLoadBalancer.existing(...)",
        )
    desired = _check_desired_count(args)
    return strategy, desired


def _check_no_load_balancer(args: FargateServiceArgs) -> None:
    """Without a load balancer, the arguments only a target group reads are errors when set:
    a user's ``protocol="HTTPS"`` and ``deregistration_delay=5`` on a queue worker planned
    without a word and reached no AWS resource."""
    for field_name in ("routing", "health_check"):
        if getattr(args, field_name) is not None:
            raise ValidationError(
                f"{field_name}", getattr(args, field_name), "only with a load_balancer"
            )
    if args.protocol != "HTTP":
        raise ValidationError(
            "protocol",
            args.protocol,
            "the default 'HTTP' without a load_balancer (it is the target group's protocol)",
        )
    if args.deregistration_delay != DEFAULT_DEREGISTRATION_DELAY:
        raise ValidationError(
            "deregistration_delay",
            args.deregistration_delay,
            f"the default ({DEFAULT_DEREGISTRATION_DELAY}) without a load_balancer (it is the "
            "target group's draining time)",
        )


def _check_ingress_port(args: FargateServiceArgs, container_port: int | None) -> None:
    """``allowed_cidrs`` / ``allowed_security_group_ids`` open the container port: a task
    that exposes none has nothing to open (they were silently dropped)."""
    if container_port is not None:
        return
    for field_name in ("allowed_cidrs", "allowed_security_group_ids"):
        value = getattr(args, field_name)
        if value:
            raise ValidationError(
                field_name,
                list(value),
                "none for a task that exposes no port (they open the container port: give "
                "the container port_mappings)",
            )


def _check_ebs_volume(args: FargateServiceArgs) -> None:
    """``ebs_volume`` is given exactly when the task definition declares ``Volume.ebs(...)``
    (a task whose configured-at-launch volume gets no configuration can't be placed), and is
    valid (ecs/ebs_volumes.py)."""
    declared = args.task_definition.ebs_volume
    if args.ebs_volume is None:
        if declared is not None:
            raise ValidationError(
                "ebs_volume",
                None,
                f"an EbsVolume(size_gib=...) for the task definition's Volume.ebs({declared!r}) "
                "(ECS creates it for each task at launch)",
            )
        return
    check_instance("ebs_volume", args.ebs_volume, EbsVolume, "an EbsVolume")
    with argument_path("ebs_volume", "EbsVolume"):
        args.ebs_volume.validate()
    resolve_volume_name(args.ebs_volume, declared)


def _check_backlog_metrics(args: FargateServiceArgs) -> None:
    """Backlog-per-task scaling divides by ``RunningTaskCount``, a Container Insights metric
    (``ECS/ContainerInsights``; "You can turn on Container Insight metrics by enabling
    Container Insights for each individual Amazon ECS cluster", AWS Prescriptive Guidance,
    "Metrics for Amazon ECS"): on a cluster of ours with it disabled the ratio has no data
    and the worker never scales (a user's worker planned with only the cluster's generic
    Container Insights warning). An existing cluster's setting is unknown here."""
    assert args.autoscaling is not None
    insights = getattr(args.cluster, "container_insights", None)
    if args.autoscaling.queue_backlog_target is not None and insights == "disabled":
        raise ValidationError(
            "autoscaling.queue_backlog_target",
            args.autoscaling.queue_backlog_target,
            "a cluster with Container Insights on (FargateClusterArgs.container_insights "
            "'enabled' or 'enhanced'): the backlog per task divides by its RunningTaskCount "
            "metric, which this cluster ('disabled') never publishes",
        )


def _check_desired_count(args: FargateServiceArgs) -> int:
    """The autoscaling spec (validated as ``FargateServiceArgs.autoscaling``) and the
    desired count it starts from; returns the desired count."""
    if args.autoscaling is not None:
        _check_backlog_metrics(args)
        check_autoscaling(
            args.autoscaling,
            "autoscaling",
            has_load_balancer=isinstance(args.load_balancer, LoadBalancer)
            or (
                isinstance(args.load_balancer, LoadBalancerRef)
                and args.load_balancer.arn_suffix is not None
            ),
            desired_count=args.desired_count,
            desired_argument="desired_count",
        )
        desired = (
            args.desired_count if args.desired_count is not None else args.autoscaling.min_capacity
        )
    else:
        desired = args.desired_count if args.desired_count is not None else DEFAULT_DESIRED_COUNT
    check_int_range("desired_count", desired, 0, 5000)
    return desired


@argument_path(_ARG)
def validate_traffic_args(
    args: FargateServiceArgs,
) -> tuple[ServiceConnectPlan, AnyNetworkListener | None]:
    """Check ``service_connect``, ``calls``, ``service_discovery`` and an NLB attachment
    (``listener_port``, ``health_check``); return the Service Connect plan and the NLB
    listener the service attaches on."""
    listener = _check_network_attachment(args)
    _check_deployment(args)
    plan = plan_service_connect(
        service_connect=args.service_connect,
        calls=args.calls,
        ports=named_ports(args.task_definition.containers),
        cluster_namespace=args.cluster.service_connect_namespace,
    )
    _check_same_vpc(args)
    if args.service_discovery is not None:
        check_instance(
            "service_discovery",
            args.service_discovery,
            ServiceDiscovery,
            "a ServiceDiscovery",
        )
        with argument_path("service_discovery", "ServiceDiscovery"):
            args.service_discovery.validate()
    return plan, listener


def _check_same_vpc(args: FargateServiceArgs) -> None:
    """The load balancer and the services this one calls are in the tasks' VPC, when both
    sides are known at construction (network/types.py: check_same_vpc; the file systems
    are checked with the placement)."""
    if args.load_balancer is not None:
        check_same_vpc(
            "load_balancer",
            args.network,
            args.load_balancer,
            "a load balancer",
            "its target group registers the tasks' IPs from its own VPC, and the tasks' "
            "security group admits the load balancer's group",
        )
    for i, callee in enumerate(args.calls):
        check_same_vpc(
            f"calls[{i}]",
            args.network,
            callee,
            "a service called over Service Connect",
            "its security group admits this service's group, a reference that works only "
            "within one VPC (or a peered VPC of the same Region, which this library does "
            "not create)",
        )


def _check_deployment(args: FargateServiceArgs) -> None:
    check_instance("deployment", args.deployment, Deployment, "a Deployment")
    with argument_path("deployment", "Deployment"):
        args.deployment.validate()
    lb = args.load_balancer
    if args.deployment.shifts_traffic and not isinstance(lb, (LoadBalancer, LoadBalancerRef)):
        raise ValidationError(
            "deployment.strategy",
            args.deployment.strategy,
            "'ROLLING' unless the service is behind a LoadBalancer (ALB): blue/green, linear "
            "and canary shift traffic between two target groups of its listener rule",
        )
    if args.alarms is None:
        return
    check_instance("alarms", args.alarms, DeploymentAlarms, "a DeploymentAlarms")
    with argument_path("alarms", "DeploymentAlarms"):
        args.alarms.validate()
    if args.alarms.default_alarms and lb is None and not args.alarms.alarm_names:
        raise ValidationError(
            "alarms",
            args.alarms,
            "alarm_names (the default alarms watch a load balancer's target group, and this "
            "service has none)",
        )
    if (
        isinstance(lb, _NLBS)
        and args.alarms.target_5xx_threshold != DeploymentAlarms.target_5xx_threshold
    ):
        raise ValidationError(
            "alarms.target_5xx_threshold",
            args.alarms.target_5xx_threshold,
            "the default behind a NetworkLoadBalancer: NLBs report no HTTP 5xx, so no "
            "5xx alarm is made (the unhealthy-hosts alarm is)",
        )
    if args.alarms.default_alarms and isinstance(lb, _REFS) and lb.arn_suffix is None:
        raise ValidationError(
            "alarms.default_alarms",
            True,
            f"a {_existing_call(lb)}(..., arn_suffix=...) (target-group metrics are "
            "dimensioned by the load balancer's ARN suffix), or default_alarms=False",
        )


def _check_network_attachment(args: FargateServiceArgs) -> AnyNetworkListener | None:
    lb = args.load_balancer
    if not isinstance(lb, _NLBS):
        if args.listener_port is not None:
            raise ValidationError(
                "listener_port", args.listener_port, "only with a NetworkLoadBalancer"
            )
        if isinstance(args.health_check, NetworkHealthCheck):
            raise ValidationError(
                "health_check",
                args.health_check,
                "a TargetHealthCheck (NetworkHealthCheck is for a NetworkLoadBalancer)",
            )
        return None
    if args.routing is not None:
        raise ValidationError(
            "routing",
            args.routing,
            "only with a LoadBalancer (an NLB forwards a whole listener: use listener_port)",
        )
    if args.protocol != "HTTP":
        raise ValidationError(
            "protocol",
            args.protocol,
            "the default with a NetworkLoadBalancer (the target protocol follows its listener)",
        )
    check_network_attachment(lb, args.health_check, args.deregistration_delay)
    listener = lb.listener_for(args.listener_port, "listener_port")
    if isinstance(listener, ExistingNetworkListener):
        # The target group is the other stack's: its health check and draining are set there.
        if args.health_check is not None:
            raise ValidationError(
                "health_check",
                args.health_check,
                f"none on an ExistingNetworkListener (port {listener.port}): its target "
                "group's health check belongs to the stack that owns it",
            )
        if args.deregistration_delay != DEFAULT_DEREGISTRATION_DELAY:
            raise ValidationError(
                "deregistration_delay",
                args.deregistration_delay,
                f"the default ({DEFAULT_DEREGISTRATION_DELAY}) on an ExistingNetworkListener "
                f"(port {listener.port}): the delay is its target group's, set by the stack "
                "that owns it",
            )
    return listener


def _traffic_target(args: FargateServiceArgs) -> tuple[str, int | None]:
    """The container (and port) that receives traffic; no port for a task that exposes
    none and was not asked for one (e.g. a queue worker)."""
    task = args.task_definition
    wanted = args.container_name is not None or args.container_port is not None
    wanted = wanted or args.load_balancer is not None
    if not wanted and not any(task.container_ports.values()):
        return task.essential_container.name, None
    with argument_path(_ARG):
        return task.load_balancer_target(args.container_name, args.container_port)


def _check_target_protocol(
    args: FargateServiceArgs,
    listener: AnyNetworkListener | None,
    container: str,
    port: int | None,
) -> None:
    """The load balancer's target group reaches the port mapping ECS registers: its
    protocol carries the mapping's (network_load_balancing.check_target_protocol)."""
    if args.load_balancer is None or port is None:
        return
    mapping = next(
        p.protocol
        for c in args.task_definition.containers
        if c.name == container
        for p in c.ports
        if p.container_port == port
    )
    if listener is not None:
        given = "listener_port" if args.listener_port is not None else "load_balancer"
        target = listener.target_protocol
    else:
        given = "container_port" if args.container_port is not None else "load_balancer"
        target = args.protocol
    check_target_protocol(given, target, container=container, port=port, mapping_protocol=mapping)


@dataclass(frozen=True)
class _ServicePlan:
    """Everything :class:`FargateService` decided before registering anything."""

    strategy: CapacityStrategy
    desired_count: int
    container_name: str
    container_port: int | None
    discovery: ServiceConnectPlan
    target: TargetPlan | None
    """The ALB target (validated, its listener-rule priority claimed)."""
    nlb_listener: AnyNetworkListener | None
    """The NLB listener the service attaches on."""


def _plan_service(name: str, args: FargateServiceArgs) -> _ServicePlan:
    """Validate every argument, nested ones included (routing, health check, autoscaling,
    discovery), then claim the load balancer's listener-rule priority: nothing is
    registered yet."""
    strategy, desired = validate_service_args(args)
    discovery, nlb_listener = validate_traffic_args(args)
    claims = namespace_claims() if discovery.servers else None
    if claims is not None:
        with argument_path(_ARG):
            claims.check(name, discovery.namespace, discovery.servers)
    container_name, container_port = _traffic_target(args)
    with argument_path(_ARG):
        _check_ingress_port(args, container_port)
        _check_target_protocol(args, nlb_listener, container_name, container_port)
    target = None
    if isinstance(args.load_balancer, (LoadBalancer, LoadBalancerRef)):
        assert container_port is not None  # a load balancer always asks for a port
        assert not isinstance(args.health_check, NetworkHealthCheck)  # checked above
        with argument_path(_ARG):
            target = plan_target(
                name,
                args.load_balancer,
                port=container_port,
                protocol=args.protocol,
                health_check=args.health_check,
                routing=args.routing,
                deregistration_delay=args.deregistration_delay,
                target_groups=2 if args.deployment.shifts_traffic else 1,
            )
    if claims is not None:  # last: a bad argument claims nothing
        claims.claim(name, discovery.namespace, discovery.servers)
    return _ServicePlan(
        strategy, desired, container_name, container_port, discovery, target, nlb_listener
    )


class FargateService(pulumi.ComponentResource):
    """An ECS service on Fargate.

    Example::

        # fragment: `cluster`, `task` and `net` are yours (docs/ecs.md has a whole program)
        svc = FargateService("web", FargateServiceArgs(
            cluster=cluster, task_definition=task, network=net, desired_count=2))
        pulumi.export("service", svc.name)

    Tasks run in the network's private subnets without public IPs, with a security group
    that allows egress and nothing in (except the load balancer and the sources you list).
    Deployments roll back on failure (circuit breaker), keep 100 % healthy and surge to
    200 %. A change of capacity strategy rolls out as a new deployment instead of failing.
    """

    def __init__(
        self,
        name: str,
        args: FargateServiceArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        check_name_tag(name)
        plan = _plan_service(name, args)
        super().__init__(f"{TYPE_PREFIX}:ecs:FargateService", name, None, opts)
        tags = merge_tags(args.tags)
        network = vpc_identity(args.network)
        self.vpc_identity = replace(network, label=f"FargateService({name!r}) on {network.label}")
        self.capacity_strategy = plan.strategy
        self.container_name, self.container_port = plan.container_name, plan.container_port

        self._build_security_group(name, args, tags)
        self._build_discovery(name, args, plan.discovery, tags)
        self.target: AttachedTarget | AttachedNetworkTarget | None = None
        self._lb_dependency: pulumi.Resource | None = None
        if plan.nlb_listener is not None:
            self.target = self._attach_network(name, args, plan.nlb_listener, tags)
            self._lb_dependency = self.target.listener
        elif plan.target is not None:
            self.target = self._build_target(
                name, plan.target, tags, alternate=args.deployment.shifts_traffic
            )
            self._lb_dependency = self.target.listener_rule
        self._build_deployment(name, args, plan, tags)
        self._build_ebs(name, args, tags)
        self.service: aws.ecs.Service = self._build_service(name, args, plan, tags)
        self._warn_spot_drain(name, args, plan)
        self.name: pulumi.Output[str] = self.service.name
        self.arn: pulumi.Output[str] = self.service.arn
        self.security_group_id: pulumi.Output[str] = self.security_group.id
        self.url: pulumi.Output[str] | None = self.target.url if self.target else None
        self.autoscaling = self._build_autoscaling(name, args, tags)

        outputs: dict[str, object] = {
            "name": self.name,
            "arn": self.arn,
            "security_group_id": self.security_group_id,
        }
        if self.url is not None:
            outputs["url"] = self.url
        self.register_outputs(outputs)

    def _build_security_group(
        self, name: str, args: FargateServiceArgs, tags: dict[str, str]
    ) -> None:
        """The tasks' security group: all egress, the container port from the listed
        CIDRs and security groups."""
        self.security_group: aws.ec2.SecurityGroup = egress_only_security_group(
            self,
            f"{name}-{SECURITY_GROUP}",
            vpc_id=args.network.vpc_id,
            description=f"Tasks of the {name} service",
            tags=tags,
        )
        self._ingress(name, args)
        # Each mounted file system admits only its clients.
        allow_tcp_ingress_between(
            self,
            f"{name}-{SECURITY_GROUP}-nfs",
            target_group_ids=args.task_definition.efs_security_group_ids,
            source_group_ids=[self.security_group.id],
            port=NFS_PORT,
            description=f"NFS from the tasks of the {name} service",
        )

    def _build_service(
        self, name: str, args: FargateServiceArgs, plan: _ServicePlan, tags: dict[str, str]
    ) -> aws.ecs.Service:
        grace = args.health_check_grace_period
        if grace is None and self.target is not None:
            grace = LB_GRACE_PERIOD
        subnets = (
            args.network.public_subnet_ids
            if args.assign_public_ip
            else args.network.private_subnet_ids
        )
        return aws.ecs.Service(
            f"{name}-{SERVICE}",
            name=args.service_name,
            cluster=args.cluster.arn,
            task_definition=args.task_definition.arn,
            desired_count=plan.desired_count,
            capacity_provider_strategies=plan.strategy.to_service_args(),
            platform_version=args.platform_version,
            network_configuration=aws.ecs.ServiceNetworkConfigurationArgs(
                subnets=subnets,
                security_groups=[self.security_group.id],
                assign_public_ip=args.assign_public_ip,
            ),
            deployment_circuit_breaker=aws.ecs.ServiceDeploymentCircuitBreakerArgs(
                enable=args.circuit_breaker, rollback=args.circuit_breaker
            ),
            deployment_minimum_healthy_percent=args.minimum_healthy_percent,
            deployment_maximum_percent=args.maximum_percent,
            health_check_grace_period_seconds=grace,
            **self._deployment_inputs(),
            load_balancers=[
                aws.ecs.ServiceLoadBalancerArgs(
                    target_group_arn=self.target.target_group.arn,
                    container_name=self.container_name,
                    container_port=self.container_port,  # type: ignore[arg-type]
                    advanced_configuration=self._advanced,  # type: ignore[arg-type]
                )
            ]
            if self.target
            else None,
            service_connect_configuration=self._service_connect_configuration,
            volume_configuration=self._volume_configuration,
            service_registries=self._service_registries,
            enable_execute_command=(
                args.task_definition.enable_exec
                if args.enable_execute_command is None
                else args.enable_execute_command
            ),
            propagate_tags=args.propagate_tags,
            enable_ecs_managed_tags=True,
            availability_zone_rebalancing="ENABLED",
            # A strategy change needs a new deployment; without this the update fails.
            force_new_deployment=True,
            triggers={"redeploy": args.redeploy_token} if args.redeploy_token else None,
            wait_for_steady_state=args.wait_for_steady_state,
            tags=tags or None,
            opts=child_opts(
                self,
                # ECS rejects a target group that no listener uses yet; tasks need their
                # volume role's policies before ECS creates their EBS volumes.
                depends_on=[
                    *([self._lb_dependency] if self._lb_dependency else []),
                    *self._ebs_policies,
                ]
                or None,
                # Application Auto Scaling owns the live count: never reset it on update.
                ignore_changes=["desiredCount"] if args.autoscaling else None,
            ),
        )

    def _build_ebs(self, name: str, args: FargateServiceArgs, tags: dict[str, str]) -> None:
        """The task volumes' infrastructure role (and key, with ``kms_key_arn="create"``) and
        the service's ``volumeConfiguration``."""
        self.ebs_role: aws.iam.Role | None = None
        self.ebs_key: aws.kms.Key | None = None
        self._volume_configuration: Any = None
        self._ebs_policies: list[pulumi.Resource] = []
        ebs = args.ebs_volume
        if ebs is None:
            return
        self.ebs_key, key_arn = child_kms_key_or_given(
            self,
            f"{name}-{EBS_KEY}",
            ebs.kms_key_arn,
            purposes=[f"the EBS volumes of {name}'s tasks"],
            logs=False,
            tags=tags,
            protect=data_protection_enabled(None),
        )
        key_policy = (
            pulumi.Output.from_input(key_arn).apply(
                lambda arn: to_json(policy_document(infrastructure_key_statements(str(arn))))
            )
            if key_arn is not None
            else None
        )
        self.ebs_role, self._ebs_policies = build_volume_role(self, name, tags, key_policy)
        if not ebs.encrypted:
            pulumi.log.warn(
                f"FargateService {name!r}: its tasks' EBS volumes are not encrypted "
                "(EbsVolume.encrypted=False; FC-ECS-020).",
                resource=self,
            )
        volume = resolve_volume_name(ebs, args.task_definition.ebs_volume)
        self._volume_configuration = managed_ebs_volume(
            # From the name (known at preview), not the computed Role.arn.
            ebs,
            role_arn=role_arn(self, self.ebs_role.name),
            kms_key_arn=key_arn,
            name=volume,
        )

    def _build_autoscaling(
        self, name: str, args: FargateServiceArgs, tags: dict[str, str]
    ) -> ServiceAutoscaling | None:
        if args.autoscaling is None:
            return None
        return ServiceAutoscaling(
            f"{name}-{AUTOSCALING}",
            # Validated with the service's own arguments (FargateServiceArgs.autoscaling).
            PrevalidatedServiceAutoscaling.for_service(
                args.autoscaling,
                cluster_name=args.cluster.name,
                service_name=self.service.name,
                load_balancer_arn_suffix=args.load_balancer.arn_suffix
                if isinstance(args.load_balancer, (LoadBalancer, LoadBalancerRef))
                else None,
                target_group_arn_suffix=self.target.target_group.arn_suffix
                if isinstance(self.target, AttachedTarget)
                else None,
                tags=tags or None,
            ),
            opts=child_opts(self),
        )

    def _build_discovery(
        self,
        name: str,
        args: FargateServiceArgs,
        plan: ServiceConnectPlan,
        tags: dict[str, str],
    ) -> None:
        """Service Connect (proxy log group, configuration, callers' way into callees) and
        the Cloud Map registry, as the plan says."""
        self.component_name = name
        self.service_connect_servers = plan.servers
        self.service_connect_namespace = plan.namespace
        self.service_connect_log_group: aws.cloudwatch.LogGroup | None = None
        self.service_registry: aws.servicediscovery.Service | None = None
        self.calls_rules: list[aws.vpc.SecurityGroupIngressRule] = []
        self._service_connect_configuration: Any = None
        self._service_registries: Any = None
        if plan.settings is not None:
            built = build_service_connect(
                self, name, plan.settings, plan.servers, namespace=plan.namespace, tags=tags
            )
            self.service_connect_log_group = built.log_group
            self._service_connect_configuration = built.configuration
            self.calls_rules = allow_callers(self, name, self.security_group.id, plan.callees, tags)
        if args.service_discovery is not None:
            self.service_registry, self._service_registries = build_service_registry(
                self,
                name,
                args.service_discovery,
                container_name=self.container_name,
                container_port=self.container_port,
                tags=tags,
            )

    def _attach_network(
        self,
        name: str,
        args: FargateServiceArgs,
        listener: AnyNetworkListener,
        tags: dict[str, str],
    ) -> AttachedNetworkTarget:
        """A target group and the NLB listener forwarding to it; the tasks' group admits
        the NLB's group on the container port (TCP and/or UDP, as the listener carries)."""
        nlb = args.load_balancer
        assert isinstance(nlb, _NLBS) and self.container_port is not None
        target = nlb.attach(
            self,
            name,
            listener=listener,
            port=self.container_port,
            health_check=args.health_check,  # type: ignore[arg-type]
            deregistration_delay=args.deregistration_delay,
            tags=tags or None,
        )
        for protocol in target.protocols:
            aws.vpc.SecurityGroupIngressRule(
                f"{name}-{SECURITY_GROUP}-from-nlb-{protocol}",
                security_group_id=self.security_group.id,
                ip_protocol=protocol,
                from_port=self.container_port,
                to_port=self.container_port,
                referenced_security_group_id=nlb.security_group_id,
                description=f"{protocol} {self.container_port} from the NLB",
                opts=child_opts(self),
            )
        # An ExistingNetworkListener's health check is the other stack's: AWS's default
        # port, the traffic port, is assumed (README, "Network Load Balancer").
        health = args.health_check if isinstance(args.health_check, NetworkHealthCheck) else None
        self._admit_health_checks(
            f"{name}-{SECURITY_GROUP}-from-nlb-health",
            health_check_ingress_port(
                self.container_port, target.protocols, health.port if health else None
            ),
            nlb.security_group_id,
            "the NLB",
        )
        return target

    def _admit_health_checks(
        self, resource_name: str, port: int | None, source: pulumi.Input[str], what: str
    ) -> None:
        """The tasks' security group admits ``what``'s TCP health checks on ``port`` where
        the traffic rules don't already (``port`` None: nothing to add)."""
        if port is None:
            return
        allow_tcp_ingress(
            self,
            resource_name,
            security_group_id=self.security_group.id,
            port=port,
            source_security_group_id=source,
            description=f"Health checks on {port} from {what}",
        )

    def _build_deployment(
        self, name: str, args: FargateServiceArgs, plan: _ServicePlan, tags: dict[str, str]
    ) -> None:
        """The deployment strategy's infrastructure role (traffic shifting), the deployment
        alarms, and what the plan tells a reviewer: the strategy and the surge."""
        deployment = args.deployment
        self.deployment_strategy = deployment.strategy
        self.deployment_surge_tasks = surge_tasks(
            deployment, plan.desired_count, args.maximum_percent
        )
        self._deployment_configuration = deployment_configuration(deployment)
        self.deploy_role: aws.iam.Role | None = None
        self._advanced: dict[str, Any] | None = None
        if isinstance(self.target, AttachedTarget) and self.target.alternate_target_group:
            self.deploy_role = build_infrastructure_role(self, name, tags)
            self._advanced = {
                "alternate_target_group_arn": self.target.alternate_target_group.arn,
                "production_listener_rule": self.target.listener_rule.arn,
                "role_arn": self.deploy_role.arn,
            }
        alarms = args.alarms
        if alarms is None and self.target is not None:
            lb = args.load_balancer
            if isinstance(lb, _REFS) and lb.arn_suffix is None:
                pulumi.log.warn(
                    f"FargateService {name!r}: no default deployment alarms: "
                    f"{_existing_call(lb)}(...) was given no arn_suffix (target-group "
                    "metrics need it); deployments roll back on task failures only",
                    resource=self,
                )
            else:
                alarms = DeploymentAlarms()
        self.alarms: list[aws.cloudwatch.MetricAlarm] = []
        self._alarms_arg: dict[str, Any] | None = None
        if alarms is None:
            return
        if self.target is not None and alarms.default_alarms:
            lb = args.load_balancer
            assert lb is not None and lb.arn_suffix is not None
            self.alarms = build_alarms(
                self,
                name,
                default_alarm_specs(alarms, application=isinstance(self.target, AttachedTarget)),
                alarms,
                dimensions={
                    "LoadBalancer": lb.arn_suffix,
                    "TargetGroup": self.target.target_group.arn_suffix,
                },
                tags=tags,
            )
        names = [*[a.name for a in self.alarms], *alarms.alarm_names]
        if names:
            self._alarms_arg = {"alarm_names": names, "enable": True, "rollback": alarms.rollback}

    def _deployment_inputs(self) -> dict[str, Any]:
        """The service's deployment strategy and alarms (Pulumi input names)."""
        return {
            "deployment_configuration": self._deployment_configuration,
            "alarms": self._alarms_arg,
        }

    def _build_target(
        self, name: str, plan: TargetPlan, tags: dict[str, str], *, alternate: bool = False
    ) -> AttachedTarget:
        allow_tcp_ingress(
            self,
            f"{name}-{SECURITY_GROUP}-from-lb",
            security_group_id=self.security_group.id,
            port=plan.port,
            source_security_group_id=plan.load_balancer.security_group_id,
            description=f"Port {plan.port} from the load balancer",
        )
        self._admit_health_checks(
            f"{name}-{SECURITY_GROUP}-from-lb-health",
            health_check_ingress_port(plan.port, ("tcp",), plan.health_check.port),
            plan.load_balancer.security_group_id,
            "the load balancer",
        )
        return wire_target(self, name, plan, tags or None, alternate=alternate)

    def _warn_spot_drain(self, name: str, args: FargateServiceArgs, plan: _ServicePlan) -> None:
        """A service that can run on Spot behind a load balancer must drain and stop inside
        the two-minute interruption notice (ecs/spot_interruption.py)."""
        if self.target is None or not plan.strategy.uses_spot:
            return
        drain = spot_drain(
            args.deregistration_delay,
            (c.stop_timeout for c in args.task_definition.containers),
        )
        problem = drain.problem()
        if problem:
            pulumi.log.warn(f"FargateService {name!r} {problem}.", resource=self)

    def _ingress(self, name: str, args: FargateServiceArgs) -> None:
        port = self.container_port
        if port is None:
            return
        allow_tcp_ingress_from(
            self,
            security_group_id=self.security_group.id,
            port=port,
            cidrs=args.allowed_cidrs,
            security_group_ids=args.allowed_security_group_ids,
            cidr_rule_name=lambda i, _: f"{name}-{SECURITY_GROUP}-cidr-{i}",
            group_rule_name=lambda i: f"{name}-{SECURITY_GROUP}-sg-{i}",
            cidr_description=lambda cidr: f"Port {port} from {cidr}",
            group_description=f"Port {port} from a listed security group",
        )
