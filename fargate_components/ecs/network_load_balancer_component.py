"""``NetworkLoadBalancer``: a Network Load Balancer that ``FargateService``\\ s attach to as
they do to a ``LoadBalancer`` (ALB). The NLB declares its listeners; the service that attaches
on a listener's port creates that listener (forwarding to its own target group), so every
listener has exactly one owner and a service's removal removes its listener.

Design:

- Security groups on the NLB (supported for NLBs created with one; they can't be added
  later): ingress on each listener port and protocol from ``ingress_cidrs`` / groups, egress
  to the VPC. The tasks' group admits only the NLB's group, on the container port.
- Cross-zone load balancing on by default (AWS's default for NLBs is off): a task lost in
  one AZ doesn't blackhole that AZ's share of clients. Inter-AZ data is billed.
- Optional static Elastic IPs, one per subnet (internet-facing only).
- Production defaults as the ALB's: deletion protection on, access logs to a bucket the NLB
  creates (only with a TLS listener: NLBs log nothing else); ``deletion_protection=False``
  and ``access_logs_bucket=None`` relax them for dev.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import pulumi
import pulumi_aws as aws

from .._component import TYPE_PREFIX, child_opts, merge_tags
from ..errors import ValidationError, argument_path, check_instance, is_known
from ..network.types import UNKNOWN_VPC, NetworkLike, VpcIdentity, plain_vpc_id, vpc_identity
from ..outputs import concat
from ..tags import check_name_tag, check_tags
from .access_logs import (
    CREATE_BUCKET,
    DEFAULT_ACCESS_LOG_DAYS,
    creates_bucket,
    nlb_access_log_bucket_policy,
)
from .access_logs_component import ACCESS_LOGS, build_access_log_bucket
from .load_balancer_component import AUTONAME_MAX, access_logs_args
from .load_balancing import (
    check_access_log_settings,
    check_deregistration_delay,
    check_ingress_cidrs,
    check_subnet_tier,
    cidr_key,
    default_subnets,
    ingress_cidrs,
    short_name,
    vpc_cidr_of,
)
from .network_load_balancing import (
    NLB_ARN,
    ExistingNetworkListener,
    NetworkHealthCheck,
    NetworkListener,
    check_listeners,
    ingress_protocols,
)

__all__ = [
    "AttachedNetworkTarget",
    "ExistingTargetGroup",
    "NetworkLoadBalancer",
    "NetworkLoadBalancerArgs",
    "NetworkLoadBalancerRef",
]

NLB = "nlb"
SG = "nlb-sg"
EIP = "eip"
TG = "tg"
LISTENER = "listener"
_ARG = "NetworkLoadBalancerArgs"


@dataclass(frozen=True, kw_only=True)
class NetworkLoadBalancerArgs:
    """Arguments of :class:`NetworkLoadBalancer`."""

    network: NetworkLike
    """The VPC (a ``Network`` or ``Network.existing(...)``). Required."""
    listeners: Sequence[NetworkListener]
    """The listeners (port + protocol); each is created by the service that attaches on its
    port. Required, at least one."""
    internal: bool = False
    """An internal NLB (private subnets). Default ``False`` (internet-facing)."""
    subnet_ids: Sequence[pulumi.Input[str]] | None = None
    """Subnets for the NLB (one per AZ, at least one); public ones for an internet-facing NLB,
    private ones for an internal one. Default: all public (internal: private) subnets."""
    ingress_cidrs: Sequence[str] | None = None
    """IPv4 CIDRs allowed to reach the listener ports. Default ``["0.0.0.0/0"]``
    internet-facing, the VPC CIDR internal (required internal on ``Network.existing``)."""
    ingress_security_group_ids: Sequence[pulumi.Input[str]] = ()
    """Security groups also allowed to reach the listener ports. Default none."""
    cross_zone: bool = True
    """Cross-zone load balancing. Default ``True`` (AWS's default for NLBs: off)."""
    elastic_ips: bool = False
    """One static Elastic IP per subnet (internet-facing only; each is billed as a public
    IPv4 address). Default ``False`` (AWS assigns addresses)."""
    deletion_protection: bool = True
    """Refuse deletion through the API (CKV_AWS_150, FC-ALB-004): ``pulumi destroy`` fails
    until a ``pulumi up`` with ``False`` turns it off, so a dev stack that is torn down often
    sets ``False``. Default ``True`` (as ``LoadBalancerArgs``)."""
    access_logs_bucket: pulumi.Input[str] | None = CREATE_BUCKET
    """Where access logs go (CKV_AWS_91, FC-ALB-005). NLBs write access logs for TLS
    listeners only ("Access logs are created only if the load balancer has a TLS listener",
    ELB user guide, "Enable access logs for your Network Load Balancer"), so: ``"create"``
    creates a bucket (child ``<name>-access-logs``: SSE-S3, public access blocked, ACLs
    disabled, versioned, TLS-only, the NLB log-delivery policy of the stack's account and
    region, logs expired after ``access_logs_retention_days``, kept on delete) when a listener
    is TLS, and nothing at all when none is (there would be nothing to log); a bucket name uses
    yours (its log-delivery policy is yours; a warning says when no listener is TLS); ``None``
    turns access logs off (dev). Default: "create"."""
    access_logs_prefix: str | None = None
    """Key prefix for access logs. Default none."""
    access_logs_retention_days: int = DEFAULT_ACCESS_LOG_DAYS
    """Days the created bucket keeps access logs (1-3653; only with the created bucket).
    Default 365."""
    data_protection: bool | None = None
    """Keep the created access-log bucket when the load balancer stops declaring it
    (``retain_on_delete``). Default: on, unless the stack config ``fargate:dataProtection``
    is ``"false"``."""
    tags: Mapping[str, str] | None = None
    """Tags for every taggable child. Default none."""


def _has_tls(args: NetworkLoadBalancerArgs) -> bool:
    return any(x.protocol == "TLS" for x in args.listeners)


def _subnets(args: NetworkLoadBalancerArgs) -> Any:
    """A list, or (network ids from an Output list) the Output itself."""
    return default_subnets(args.subnet_ids, network=args.network, internal=args.internal)


@argument_path(_ARG)
def validate_network_load_balancer_args(args: NetworkLoadBalancerArgs) -> None:
    """Check every argument before anything is registered."""
    check_tags("tags", args.tags)
    check_access_log_settings(
        args.access_logs_bucket,
        args.access_logs_prefix,
        args.access_logs_retention_days,
        args.data_protection,
    )
    check_instance("network", args.network, NetworkLike, "a Network or Network.existing()")
    check_listeners(args.listeners)
    check_subnet_tier(
        "subnet_ids",
        args.subnet_ids,
        network=args.network,
        internal=args.internal,
        what="NLB",
    )
    if args.elastic_ips and not isinstance(_subnets(args), list):
        raise ValidationError(
            "elastic_ips",
            True,
            "subnet ids known at construction (one Elastic IP per subnet): give "
            "subnet_ids=[...] when the network's ids are an Output list",
        )
    if isinstance(_subnets(args), list) and not _subnets(args):
        raise ValidationError(
            "subnet_ids" if args.subnet_ids is not None else "network",
            "0 subnets",
            "at least one subnet",
        )
    if args.elastic_ips and args.internal:
        raise ValidationError(
            "elastic_ips", True, "only for an internet-facing NLB (internal=False)"
        )
    check_ingress_cidrs(
        "ingress_cidrs",
        args.ingress_cidrs,
        internal=args.internal,
        network=args.network,
        what="NLB",
    )


@dataclass(frozen=True)
class ExistingTargetGroup:
    """A target group another stack owns (an :class:`ExistingNetworkListener`'s)."""

    arn: pulumi.Output[str]
    arn_suffix: pulumi.Output[str]
    """``targetgroup/<name>/<id>``: the ``TargetGroup`` dimension of its metrics."""


@dataclass
class AttachedNetworkTarget:
    """What :meth:`NetworkLoadBalancer.attach` created (or found) for one service."""

    target_group: aws.lb.TargetGroup | ExistingTargetGroup
    listener: aws.lb.Listener | None
    """The listener the service created; ``None`` on an :class:`ExistingNetworkListener`."""
    url: pulumi.Output[str]
    """``<protocol>://<NLB DNS name>:<port>`` (lower-case protocol, e.g. ``tcp://...:5432``)."""
    listener_port: int
    protocols: tuple[str, ...]
    """Security-group protocols the tasks receive on (``tcp``, ``udp``)."""


AnyNetworkListener = NetworkListener | ExistingNetworkListener


def _arn_suffix(arn: pulumi.Input[str]) -> pulumi.Output[str]:
    """An ELB ARN's CloudWatch dimension value: ``targetgroup/<name>/<id>`` of a target
    group's, ``net/<name>/<id>`` of an NLB's (the resource part, without ``loadbalancer/``)."""
    return pulumi.Output.from_input(arn).apply(
        lambda a: a.rsplit(":", 1)[-1].removeprefix("loadbalancer/")
    )


class _NetworkAttachments:
    """Services attaching on the listeners of an NLB, owned or existing: each port once."""

    listeners: tuple[AnyNetworkListener, ...]
    vpc_id: pulumi.Output[str]
    security_group_id: pulumi.Output[str]
    _claimed: dict[int, str]

    def _load_balancer_arn(self) -> pulumi.Input[str]:
        raise NotImplementedError

    def _url(self, listener: AnyNetworkListener) -> pulumi.Output[str]:
        raise NotImplementedError

    def listener_for(self, port: int | None, argument: str) -> AnyNetworkListener:
        """The listener a service attaches on: ``port``'s, or the only one. Raises
        ``ValidationError`` (naming ``argument``) when it doesn't exist or is taken."""
        if port is None:
            if len(self.listeners) != 1:
                raise ValidationError(
                    argument,
                    None,
                    f"one of this NLB's listener ports {[x.port for x in self.listeners]} "
                    "(it has more than one)",
                )
            listener = self.listeners[0]
        else:
            found = [x for x in self.listeners if x.port == port]
            if not found:
                raise ValidationError(
                    argument,
                    port,
                    f"one of the NLB's listener ports {[x.port for x in self.listeners]}",
                )
            listener = found[0]
        holder = self._claimed.get(listener.port)
        if holder is not None:
            raise ValidationError(
                argument, listener.port, f"a listener no other service uses (taken by {holder!r})"
            )
        return listener

    def attach(
        self,
        parent: pulumi.Resource,
        name: str,
        *,
        listener: AnyNetworkListener,
        port: int,
        health_check: NetworkHealthCheck | None,
        deregistration_delay: int,
        tags: Mapping[str, str] | None,
    ) -> AttachedNetworkTarget:
        """Create, as children of ``parent``, a target group (``target_type="ip"``) and the
        ``listener`` forwarding to it; on an :class:`ExistingNetworkListener`, nothing (the
        service registers in its target group). Call :meth:`listener_for` first."""
        self._claimed[listener.port] = name
        protocols = ingress_protocols(listener.target_protocol)
        if isinstance(listener, ExistingNetworkListener):
            arn = pulumi.Output.from_input(listener.target_group_arn)
            existing = ExistingTargetGroup(arn, _arn_suffix(arn))
            return AttachedNetworkTarget(
                existing, None, self._url(listener), listener.port, protocols
            )
        health = health_check or NetworkHealthCheck()
        target_group = aws.lb.TargetGroup(
            short_name(name, TG, max_length=AUTONAME_MAX),
            target_type="ip",
            port=port,
            protocol=listener.target_protocol,
            vpc_id=self.vpc_id,
            deregistration_delay=deregistration_delay,
            health_check=aws.lb.TargetGroupHealthCheckArgs(**health.to_args()),
            tags=merge_tags(tags, {"Name": f"{name}-{TG}"}),
            opts=child_opts(parent),
        )
        tls = listener.protocol == "TLS"
        created = aws.lb.Listener(
            f"{name}-{LISTENER}",
            load_balancer_arn=self._load_balancer_arn(),
            port=listener.port,
            protocol=listener.protocol,
            certificate_arn=listener.certificate_arn if tls else None,
            ssl_policy=listener.ssl_policy if tls else None,
            default_actions=[
                aws.lb.ListenerDefaultActionArgs(type="forward", target_group_arn=target_group.arn)
            ],
            tags=merge_tags(tags, {"Name": f"{name}-{LISTENER}"}),
            opts=child_opts(parent),
        )
        return AttachedNetworkTarget(
            target_group, created, self._url(listener), listener.port, protocols
        )


class NetworkLoadBalancer(_NetworkAttachments, pulumi.ComponentResource):
    """A Network Load Balancer for ``FargateService``\\ s (TCP, UDP, TCP_UDP, TLS).

    Example::

        # fragment: `net` and the service's other arguments (`...`) are yours
        nlb = NetworkLoadBalancer("db-proxy", NetworkLoadBalancerArgs(
            network=net, internal=True, listeners=[NetworkListener(port=5432)]))
        FargateService("pgbouncer", FargateServiceArgs(..., load_balancer=nlb))

    Children: ``<name>-nlb-sg`` (+ its rules), ``<name>-eip-<i>`` with ``elastic_ips``,
    ``<name>-access-logs`` (the access-log bucket and its configuration) with a TLS listener
    and ``access_logs_bucket="create"`` (the default), the NLB (``<name>-nlb``, shortened for
    AWS's 32-character names), deletion protection on by default.
    """

    def __init__(
        self,
        name: str,
        args: NetworkLoadBalancerArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        check_name_tag(name)
        validate_network_load_balancer_args(args)
        given = args.access_logs_bucket is not None and not creates_bucket(args.access_logs_bucket)
        if (given or args.access_logs_prefix is not None) and not _has_tls(args):
            # "Access logs are created only if the load balancer has a TLS listener" (ELB,
            # "Access logs for your Network Load Balancer").
            what = "access_logs_bucket" if given else "access_logs_prefix"
            pulumi.log.warn(
                f"NetworkLoadBalancer {name!r}: {what} is set but no listener is TLS; NLBs "
                "write access logs for TLS connections only, so none will be written"
            )
        super().__init__(f"{TYPE_PREFIX}:ecs:NetworkLoadBalancer", name, None, opts)
        self._name = name
        self.internal = args.internal
        self.listeners = tuple(args.listeners)
        self.vpc_id: pulumi.Output[str] = pulumi.Output.from_input(args.network.vpc_id)
        network = vpc_identity(args.network)
        self.vpc_identity = replace(
            network, label=f"NetworkLoadBalancer({name!r}) on {network.label}"
        )
        self._claimed: dict[int, str] = {}
        self._tags = args.tags
        self._build_security_group(name, args)
        self._build_load_balancer(name, args)
        self.arn: pulumi.Output[str] = self.load_balancer.arn
        self.arn_suffix: pulumi.Output[str] = self.load_balancer.arn_suffix
        self.dns_name: pulumi.Output[str] = self.load_balancer.dns_name
        self.zone_id: pulumi.Output[str] = self.load_balancer.zone_id
        self.security_group_id: pulumi.Output[str] = self.security_group.id
        self.register_outputs(
            {
                "arn": self.arn,
                "dns_name": self.dns_name,
                "security_group_id": self.security_group_id,
            }
        )

    def _tags_for(self, role: str) -> dict[str, str]:
        return merge_tags(self._tags, {"Name": f"{self._name}-{role}"})

    def _build_security_group(self, name: str, args: NetworkLoadBalancerArgs) -> None:
        scheme = "Internal" if args.internal else "Internet-facing"
        self.security_group: aws.ec2.SecurityGroup = aws.ec2.SecurityGroup(
            f"{name}-{SG}",
            vpc_id=args.network.vpc_id,
            description=f"{scheme} NLB {name}",
            tags=self._tags_for(SG),
            opts=child_opts(self),
        )
        sources: list[tuple[str, dict[str, Any]]] = [
            (cidr_key(cidr), {"cidr_ipv4": cidr})
            for cidr in ingress_cidrs(
                args.ingress_cidrs, internal=args.internal, network=args.network
            )
        ]
        sources += [
            (f"sg{index}", {"referenced_security_group_id": group})
            for index, group in enumerate(args.ingress_security_group_ids)
        ]
        for listener in args.listeners:
            for protocol in ingress_protocols(listener.protocol):
                for key, source in sources:
                    aws.vpc.SecurityGroupIngressRule(
                        f"{name}-{SG}-{protocol}{listener.port}-{key}",
                        security_group_id=self.security_group.id,
                        ip_protocol=protocol,
                        from_port=listener.port,
                        to_port=listener.port,
                        description=f"{protocol} {listener.port} to the NLB",
                        tags=self._tags_for(SG),
                        opts=child_opts(self),
                        **source,
                    )
        vpc_cidr = vpc_cidr_of(args.network) or "0.0.0.0/0"
        # Traffic and health checks go only to targets inside the VPC.
        for protocol in ("tcp", "udp"):
            aws.vpc.SecurityGroupEgressRule(
                f"{name}-{SG}-egress-{protocol}",
                security_group_id=self.security_group.id,
                ip_protocol=protocol,
                from_port=0,
                to_port=65535,
                cidr_ipv4=vpc_cidr,
                description=f"{protocol} to targets",
                tags=self._tags_for(SG),
                opts=child_opts(self),
            )

    def _build_access_logs(
        self, name: str, args: NetworkLoadBalancerArgs
    ) -> tuple[pulumi.Input[str] | None, list[pulumi.Resource]]:
        """The bucket access logs go to (created, given or none) and what the NLB waits for:
        the created bucket's policy (ELB checks it when logging is turned on). ``"create"``
        with no TLS listener creates nothing: NLBs log TLS connections only."""
        self.access_logs_bucket: aws.s3.Bucket | None = None
        if not creates_bucket(args.access_logs_bucket):
            return args.access_logs_bucket, []
        if not _has_tls(args):
            return None, []
        created = build_access_log_bucket(
            self,
            name,
            tags=self._tags_for(ACCESS_LOGS),
            prefix=args.access_logs_prefix,
            retention_days=args.access_logs_retention_days,
            data_protection=args.data_protection,
            policy=nlb_access_log_bucket_policy,
        )
        self.access_logs_bucket = created.bucket
        return created.bucket.bucket, [created.policy]

    def _build_load_balancer(self, name: str, args: NetworkLoadBalancerArgs) -> None:
        bucket, wait_for = self._build_access_logs(name, args)
        subnets = _subnets(args)
        self.elastic_ips: list[aws.ec2.Eip] = []
        mappings = None
        if args.elastic_ips:
            self.elastic_ips = [
                aws.ec2.Eip(
                    f"{name}-{EIP}-{index}",
                    domain="vpc",
                    tags=self._tags_for(f"{EIP}-{index}"),
                    opts=child_opts(self),
                )
                for index in range(len(subnets))
            ]
            mappings = [
                aws.lb.LoadBalancerSubnetMappingArgs(subnet_id=subnet, allocation_id=eip.id)
                for subnet, eip in zip(subnets, self.elastic_ips, strict=True)
            ]
        self.load_balancer: aws.lb.LoadBalancer = aws.lb.LoadBalancer(
            short_name(name, NLB, max_length=AUTONAME_MAX),
            load_balancer_type="network",
            internal=args.internal,
            subnets=None if mappings else subnets,
            subnet_mappings=mappings,
            security_groups=[self.security_group.id],
            enable_cross_zone_load_balancing=args.cross_zone,
            enable_deletion_protection=args.deletion_protection,
            access_logs=access_logs_args(bucket, args.access_logs_prefix),
            tags=self._tags_for(NLB),
            opts=child_opts(self, depends_on=wait_for),
        )

    def _load_balancer_arn(self) -> pulumi.Input[str]:
        return self.load_balancer.arn

    def _url(self, listener: AnyNetworkListener) -> pulumi.Output[str]:
        return concat(f"{listener.protocol.lower()}://", self.dns_name, f":{listener.port}")

    @staticmethod
    def existing(
        security_group_id: pulumi.Input[str],
        *,
        vpc_id: pulumi.Input[str],
        listeners: Sequence[AnyNetworkListener],
        load_balancer_arn: pulumi.Input[str] | None = None,
        dns_name: pulumi.Input[str] | None = None,
        arn_suffix: pulumi.Input[str] | None = None,
    ) -> NetworkLoadBalancerRef:
        """Attach services to an NLB this program doesn't manage (ids from a StackReference,
        say). NLB listeners have no rules, so each listener port is one service's, and
        ``listeners`` says how: an :class:`ExistingNetworkListener` (the other stack's
        listener and ``ip`` target group: the service registers its tasks in that target
        group) or a :class:`NetworkListener` (a free port: the service creates the listener
        and its target group on ``load_balancer_arn``). The tasks admit only
        ``security_group_id`` (the NLB's group: an NLB created without one can't get one,
        and this library opens no CIDR to tasks).

        ``dns_name`` makes service URLs (else unknown); ``arn_suffix`` (``net/<name>/<id>``,
        derived from ``load_balancer_arn`` when given) enables the default deployment alarms.

        Example::

            TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/mqtt/73e2d6bc24d8a067"
            NLB = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/edge/50dc6c495c0c9188"
            # Each id may be an Output, e.g. StackReference(...).get_output("mqtt_tg_arn").
            nlb = NetworkLoadBalancer.existing(
                "sg-0123456789abcdef0", vpc_id="vpc-0123456789abcdef0", load_balancer_arn=NLB,
                listeners=[ExistingNetworkListener(port=8883, target_group_arn=TG, protocol="TLS"),
                           NetworkListener(port=5432)])
        """
        _check_existing_nlb(security_group_id, listeners, load_balancer_arn)
        if arn_suffix is None and load_balancer_arn is not None:
            arn_suffix = _arn_suffix(load_balancer_arn)
        ref = NetworkLoadBalancerRef(
            listeners=tuple(listeners),
            security_group_id=pulumi.Output.from_input(security_group_id),
            vpc_id=pulumi.Output.from_input(vpc_id),
            load_balancer_arn=load_balancer_arn,
            dns_name=dns_name,
            arn_suffix=pulumi.Output.from_input(arn_suffix) if arn_suffix is not None else None,
        )
        ref.vpc_identity = plain_vpc_id(vpc_id, f"NetworkLoadBalancer.existing(vpc_id={vpc_id!r})")
        return ref


@dataclass(eq=False)
class NetworkLoadBalancerRef(_NetworkAttachments):
    """An NLB another stack owns (:meth:`NetworkLoadBalancer.existing`); services attach to
    it as to a :class:`NetworkLoadBalancer`."""

    listeners: tuple[AnyNetworkListener, ...]
    security_group_id: pulumi.Output[str]
    vpc_id: pulumi.Output[str]
    load_balancer_arn: pulumi.Input[str] | None = None
    dns_name: pulumi.Input[str] | None = None
    arn_suffix: pulumi.Output[str] | None = None

    def __post_init__(self) -> None:
        self._claimed = {}
        # Set by NetworkLoadBalancer.existing from the vpc_id it was given.
        self.vpc_identity: VpcIdentity = UNKNOWN_VPC

    def _load_balancer_arn(self) -> pulumi.Input[str]:
        assert self.load_balancer_arn is not None  # checked by NetworkLoadBalancer.existing
        return self.load_balancer_arn

    def _url(self, listener: AnyNetworkListener) -> pulumi.Output[str]:
        if self.dns_name is None:
            return pulumi.Output.from_input(
                "[unknown: give NetworkLoadBalancer.existing(dns_name=...)]"
            )
        return concat(f"{listener.protocol.lower()}://", self.dns_name, f":{listener.port}")


@argument_path("NetworkLoadBalancer.existing")
def _check_existing_nlb(security_group_id: Any, listeners: Any, load_balancer_arn: Any) -> None:
    """The arguments of :meth:`NetworkLoadBalancer.existing`, named as typed there."""
    if security_group_id is None or (
        is_known(security_group_id)
        and not (isinstance(security_group_id, str) and security_group_id.startswith("sg-"))
    ):
        raise ValidationError(
            "(security_group_id)",
            security_group_id,
            "the NLB's security group id ('sg-...') or an Output of one",
        )
    if (
        load_balancer_arn is not None
        and is_known(load_balancer_arn)
        and not (isinstance(load_balancer_arn, str) and NLB_ARN.match(load_balancer_arn))
    ):
        raise ValidationError(
            "(load_balancer_arn)",
            load_balancer_arn,
            "a Network Load Balancer ARN (arn:aws:elasticloadbalancing:<region>:"
            "<account>:loadbalancer/net/<name>/<id>) or an Output of one",
        )
    try:
        check_listeners(listeners, existing=True)
    except ValidationError as error:  # "listeners[0].port" -> "(listeners)[0].port"
        path = "(listeners)" + error.argument.removeprefix("listeners")
        raise ValidationError(path, error.value, error.allowed) from None
    for index, listener in enumerate(listeners):
        if isinstance(listener, NetworkListener) and load_balancer_arn is None:
            raise ValidationError(
                "(load_balancer_arn)",
                None,
                f"the NLB's ARN: listeners[{index}] (port {listener.port}) is a "
                "NetworkListener the service creates on it (or give an "
                "ExistingNetworkListener with the target group of a listener that exists)",
            )


def check_network_attachment(
    nlb: NetworkLoadBalancer | NetworkLoadBalancerRef, health_check: Any, deregistration_delay: Any
) -> None:
    """The service-side checks of an NLB attachment (health check type and ranges). Errors
    name ``health_check...`` and ``deregistration_delay``, relative to the caller's path."""
    if health_check is not None:
        check_instance("health_check", health_check, NetworkHealthCheck, "a NetworkHealthCheck")
        with argument_path("health_check", "NetworkHealthCheck"):
            health_check.validate()
    check_deregistration_delay("deregistration_delay", deregistration_delay)
