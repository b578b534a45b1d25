"""Pure decisions for Network Load Balancers: listeners (TCP, UDP, TCP_UDP, TLS) and the
health checks NLB target groups allow. No Pulumi resources here; see
``network_load_balancer_component.py``.

AWS limits encoded below:

- Listener protocols ``TCP``, ``UDP``, ``TCP_UDP`` and ``TLS``; a TLS listener needs a
  certificate and a security policy (Elastic Load Balancing API reference,
  ``CreateListener``: "Network Load Balancers: TCP, TLS, UDP, TCP_UDP"); ports 1-65535.
- Health checks ("Health checks for Network Load Balancer target groups", Elastic Load
  Balancing user guide): protocol ``TCP``, ``HTTP`` or ``HTTPS`` (TCP by default), interval
  5-300 s, timeout 2-120 s, healthy and unhealthy thresholds 2-10, HTTP matcher codes
  200-599, path for HTTP/HTTPS only. UDP can't be health checked with UDP: a UDP or TCP_UDP
  target group is checked over TCP/HTTP/HTTPS, so the task must answer one of those.
- Deregistration delay 0-3600 s, as for the ALB (``check_deregistration_delay``).
- An existing NLB's listener forwards to its target group(s) through its default action: NLB
  listeners have no rules (``CreateRule`` is for Application Load Balancers), so a service
  can't add itself to a listener it doesn't own. It either registers its tasks in the
  listener's target group (:class:`ExistingNetworkListener`; ECS needs ``target_type="ip"``
  for ``awsvpc`` tasks: "you must choose ip as the target type", ECS developer guide, "Use a
  Network Load Balancer for Amazon ECS") or creates its own listener on a free port of the
  existing NLB (a :class:`NetworkListener`). ARNs: ``arn:<partition>:elasticloadbalancing:
  <region>:<account>:targetgroup/<name>/<id>`` and ``...:loadbalancer/net/<name>/<id>``
  (ELB API reference, ``TargetGroup`` / ``LoadBalancer``).
- What a target group reaches in the task (:func:`check_target_protocol`): ECS registers the
  service's ``containerPort``, which "must correspond to a containerPort in the task
  definition" (ECS API reference, ``LoadBalancer``), and a port mapping has one protocol
  ("You can't expose the same container port for multiple protocols", ``PortMapping``). A
  ``TCP`` (or ``TLS``, which reaches the tasks as TCP) target group "attempts to open a TCP
  connection to the selected target" (ECS developer guide, "Use a Network Load Balancer for
  Amazon ECS", https://docs.aws.amazon.com/AmazonECS/latest/developerguide/nlb.html), an
  ALB's ``HTTP``/``HTTPS`` one too: the port mapping must be ``tcp``; a ``UDP`` target group
  sends datagrams: ``udp``. A ``TCP_UDP`` one carries both, which no single port mapping can
  declare (amazon-ecs-agent issue 3428: "Container port xxxx is used in more than one port
  mapping"), so either protocol is accepted there.
- Health checks reach the tasks over TCP (NLB: TCP, HTTP or HTTPS; ALB: HTTP or HTTPS), on
  the health check's port: "The security groups associated with an instance must allow
  traffic from the load balancer using the health check port and health check protocol"
  (ELB, "Troubleshoot your Network Load Balancer",
  https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-troubleshooting.html;
  "You must ensure that your load balancer can communicate with registered targets on both
  the listener port and the health check port", "Security groups for your Application Load
  Balancer"). :func:`health_check_ingress_port` says which port the tasks' group must admit
  over TCP beyond the traffic rules: a UDP target group's TCP check on the traffic port, or
  any check on another port.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import ValidationError, argument_path, check_choice, check_int_range, is_known
from .load_balancing import DEFAULT_SSL_POLICY

__all__ = [
    "NLB_HEALTH_CHECK_PROTOCOLS",
    "NLB_PROTOCOLS",
    "ExistingNetworkListener",
    "NetworkHealthCheck",
    "NetworkListener",
    "check_listeners",
    "check_target_protocol",
    "health_check_ingress_port",
    "ingress_protocols",
]

NLB_PROTOCOLS = ("TCP", "UDP", "TCP_UDP", "TLS")
NLB_HEALTH_CHECK_PROTOCOLS = ("TCP", "HTTP", "HTTPS")
_HTTP_CODE_ITEM = re.compile(r"^(\d{3})(?:-(\d{3}))?$")
_SSL_POLICY = re.compile(r"^ELBSecurityPolicy-[A-Za-z0-9-]+$")
_ELB_ARN = r"^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:"
TARGET_GROUP_ARN = re.compile(_ELB_ARN + r"targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-f]+$")
NLB_ARN = re.compile(_ELB_ARN + r"loadbalancer/net/[A-Za-z0-9-]{1,32}/[0-9a-f]+$")


@dataclass(frozen=True, kw_only=True)
class NetworkListener:
    """One NLB listener; the service that attaches on its ``port`` receives its traffic.

    Example::

        CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
        NetworkListener(port=5432)                                  # TCP
        NetworkListener(port=443, protocol="TLS", certificate_arn=CERT)  # an ACM certificate ARN
    """

    port: int
    """The port clients connect to, 1-65535. Required."""
    protocol: str = "TCP"
    """``"TCP"``, ``"UDP"``, ``"TCP_UDP"`` or ``"TLS"`` (TLS ends at the NLB). Default
    ``"TCP"``."""
    certificate_arn: Any = None
    """ACM certificate ARN (``pulumi.Input[str]``), required for and only for ``TLS``.
    Default none."""
    ssl_policy: str = DEFAULT_SSL_POLICY
    """The TLS listener's security policy. Default ``"ELBSecurityPolicy-TLS13-1-2-2021-06"``."""

    def validate(self) -> None:
        """Raise ``ValidationError`` naming ``NetworkListener.<field>`` for any bad value (the
        argument holding it re-raises under its own path, ``errors.argument_path``)."""
        argument = "NetworkListener"
        check_int_range(f"{argument}.port", self.port, 1, 65535)
        check_choice(f"{argument}.protocol", self.protocol, NLB_PROTOCOLS)
        if self.protocol == "TLS" and self.certificate_arn is None:
            raise ValidationError(
                f"{argument}.certificate_arn", None, "an ACM certificate ARN for a TLS listener"
            )
        if self.protocol != "TLS" and self.certificate_arn is not None:
            raise ValidationError(
                f"{argument}.certificate_arn",
                self.certificate_arn,
                f"none for a {self.protocol} listener (only TLS terminates at the NLB)",
            )
        if not isinstance(self.ssl_policy, str) or not _SSL_POLICY.match(self.ssl_policy):
            raise ValidationError(
                f"{argument}.ssl_policy", self.ssl_policy, "an ELBSecurityPolicy-* policy name"
            )

    @property
    def target_protocol(self) -> str:
        """The target group's protocol: TLS is terminated at the NLB, so tasks get TCP."""
        return "TCP" if self.protocol == "TLS" else self.protocol


@dataclass(frozen=True, kw_only=True)
class ExistingNetworkListener:
    """A listener of an existing NLB that forwards to a target group the service registers
    its tasks in (:meth:`NetworkLoadBalancer.existing`); the target group, its health check
    and the listener stay the other stack's.

    Example::

        TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/mqtt/73e2d6bc24d8a067"
        ExistingNetworkListener(port=8883, target_group_arn=TG, protocol="TLS")
    """

    port: int
    """The listener's port, 1-65535 (what ``FargateServiceArgs.listener_port`` names).
    Required."""
    target_group_arn: Any
    """The ARN of the ``ip`` target group the listener forwards to (``pulumi.Input[str]``).
    Required."""
    protocol: str = "TCP"
    """The listener's protocol (``"TCP"``, ``"UDP"``, ``"TCP_UDP"``, ``"TLS"``): which
    protocols the tasks' security group admits from the NLB. Default ``"TCP"``."""

    def validate(self) -> None:
        """Raise ``ValidationError`` naming ``ExistingNetworkListener.<field>``."""
        argument = "ExistingNetworkListener"
        check_int_range(f"{argument}.port", self.port, 1, 65535)
        check_choice(f"{argument}.protocol", self.protocol, NLB_PROTOCOLS)
        arn = self.target_group_arn
        if arn is None or (
            is_known(arn) and not (isinstance(arn, str) and TARGET_GROUP_ARN.match(arn))
        ):
            raise ValidationError(
                f"{argument}.target_group_arn",
                arn,
                "a target group ARN (arn:aws:elasticloadbalancing:<region>:<account>:"
                "targetgroup/<name>/<id>) or an Output of one",
            )

    @property
    def target_protocol(self) -> str:
        """The protocol the tasks receive (TLS ends at the NLB)."""
        return "TCP" if self.protocol == "TLS" else self.protocol


def check_listeners(listeners: Any, *, existing: bool = False) -> None:
    r"""At least one listener, each valid, ports unique (a port may carry TCP and UDP only
    as one ``TCP_UDP`` listener). Raises under ``listeners`` (``listeners[0].port``); the
    load balancer's arguments re-raise under their own path (``errors.argument_path``).
    ``existing``: an existing NLB's, which may also be ``ExistingNetworkListener``\ s."""
    argument = "listeners"
    kinds: tuple[type, ...] = (
        (NetworkListener, ExistingNetworkListener) if existing else (NetworkListener,)
    )
    allowed = " or ".join(k.__name__ for k in kinds)
    if isinstance(listeners, (str, *kinds)) or not isinstance(listeners, Sequence):
        raise ValidationError(argument, listeners, f"a list of {allowed}")
    if not listeners:
        raise ValidationError(argument, [], f"at least one {allowed}")
    seen: dict[int, int] = {}
    for index, listener in enumerate(listeners):
        where = f"{argument}[{index}]"
        if not isinstance(listener, (NetworkListener, ExistingNetworkListener)) or not isinstance(
            listener, kinds
        ):
            raise ValidationError(where, listener, f"a {allowed}")
        with argument_path(where, type(listener).__name__):
            listener.validate()
        if listener.port in seen:
            raise ValidationError(
                f"{where}.port",
                listener.port,
                f"a port not used by another listener (listeners[{seen[listener.port]}]); "
                "use protocol='TCP_UDP' for TCP and UDP on one port",
            )
        seen[listener.port] = index


def ingress_protocols(protocol: str) -> tuple[str, ...]:
    """Security-group protocols a listener's (or target group's) traffic uses."""
    return {"UDP": ("udp",), "TCP_UDP": ("tcp", "udp")}.get(protocol, ("tcp",))


#: The port-mapping protocols (``PortMapping.protocol``) a target group's protocol reaches: TCP
#: and TLS (ended at the NLB) open TCP connections, as an ALB's HTTP/HTTPS do; UDP sends
#: datagrams; TCP_UDP carries both, and ECS can't map one port for both, so either will do.
TARGET_MAPPING_PROTOCOLS: dict[str, tuple[str, ...]] = {
    "TCP": ("tcp",),
    "TLS": ("tcp",),
    "HTTP": ("tcp",),
    "HTTPS": ("tcp",),
    "UDP": ("udp",),
    "TCP_UDP": ("tcp", "udp"),
}


def check_target_protocol(
    argument: str, target_protocol: str, *, container: str, port: int, mapping_protocol: str
) -> None:
    """Raise ``ValidationError`` (naming ``argument``, relative: the caller re-raises under
    its own path) when a ``target_protocol`` target group can't reach ``container``'s port
    mapping ``port``/``mapping_protocol`` (module docstring: what ECS and ELB document)."""
    reaches = TARGET_MAPPING_PROTOCOLS.get(target_protocol, ("tcp",))
    if mapping_protocol in reaches:
        return
    fix = (
        f"PortMapping(container_port={port}, protocol={reaches[0]!r}) in {container!r}"
        if target_protocol in ("UDP", "TCP", "TLS")
        else f"a tcp port of {container!r}"
    )
    raise ValidationError(
        argument,
        f"a {target_protocol} target group to {container!r} port {port}/{mapping_protocol}",
        f"a target group whose protocol reaches the port mapping's: {target_protocol} "
        f"reaches {' or '.join(reaches)} port mappings only, and ECS registers port {port} "
        f"of {container!r}, mapped {mapping_protocol}; use {fix}, or a listener of a "
        "protocol that carries it",
    )


def health_check_ingress_port(
    traffic_port: int, traffic_protocols: Sequence[str], health_port: int | None
) -> int | None:
    """The port the tasks' security group must also admit over TCP from the load balancer's
    group for its health checks (which are TCP, HTTP or HTTPS: TCP underneath), or ``None``
    when the traffic rules already admit it: ``health_port`` (``None``: the traffic port)
    when it is another port, or the traffic port when the traffic is UDP only."""
    port = traffic_port if health_port is None else health_port
    if port == traffic_port and "tcp" in traffic_protocols:
        return None
    return port


@dataclass(frozen=True, kw_only=True)
class NetworkHealthCheck:
    """The NLB's health check of a service's tasks.

    Example::

        NetworkHealthCheck()                                    # a TCP connect every 10 s
        NetworkHealthCheck(protocol="HTTP", path="/healthz")
    """

    protocol: str = "TCP"
    """``"TCP"``, ``"HTTP"`` or ``"HTTPS"`` (UDP services need one of these). Default ``"TCP"``."""
    port: int | None = None
    """Port probed, 1-65535. Default: the traffic port."""
    path: str | None = None
    """HTTP/HTTPS only: the path probed. Default ``"/"`` for HTTP/HTTPS."""
    interval: int = 10
    """Seconds between checks, 5-300. Default 10 (AWS: 30)."""
    timeout: int = 5
    """Seconds before a check fails, 2-120, less than ``interval``. Default 5."""
    healthy_threshold: int = 3
    """Consecutive successes before healthy, 2-10. Default 3 (AWS: 5)."""
    unhealthy_threshold: int = 3
    """Consecutive failures before unhealthy, 2-10. Default 3 (AWS: 2)."""
    matcher: str = "200-399"
    """HTTP/HTTPS only: healthy codes within 200-599. Default ``"200-399"``."""

    def validate(self) -> None:
        """Raise ``ValidationError`` naming ``NetworkHealthCheck.<field>`` for any bad value (the
        argument holding it re-raises under its own path, ``errors.argument_path``)."""
        argument = "NetworkHealthCheck"
        check_choice(f"{argument}.protocol", self.protocol, NLB_HEALTH_CHECK_PROTOCOLS)
        if self.port is not None:
            check_int_range(f"{argument}.port", self.port, 1, 65535)
        check_int_range(f"{argument}.interval", self.interval, 5, 300)
        check_int_range(f"{argument}.timeout", self.timeout, 2, 120)
        if self.timeout >= self.interval:
            raise ValidationError(
                f"{argument}.timeout", self.timeout, f"less than the interval ({self.interval} s)"
            )
        check_int_range(f"{argument}.healthy_threshold", self.healthy_threshold, 2, 10)
        check_int_range(f"{argument}.unhealthy_threshold", self.unhealthy_threshold, 2, 10)
        if self.protocol == "TCP":
            if self.path is not None:
                raise ValidationError(
                    f"{argument}.path", self.path, "none for a TCP health check (HTTP/HTTPS only)"
                )
            return
        if self.path is not None and (
            not isinstance(self.path, str) or not self.path.startswith("/") or len(self.path) > 1024
        ):
            raise ValidationError(
                f"{argument}.path", self.path, "a path starting with '/', at most 1024 characters"
            )
        _check_nlb_matcher(f"{argument}.matcher", self.matcher)

    def to_args(self) -> dict[str, Any]:
        """The ``health_check`` argument of ``aws.lb.TargetGroup`` (snake_case keys)."""
        args: dict[str, Any] = {
            "enabled": True,
            "protocol": self.protocol,
            "port": str(self.port) if self.port is not None else "traffic-port",
            "interval": self.interval,
            "timeout": self.timeout,
            "healthy_threshold": self.healthy_threshold,
            "unhealthy_threshold": self.unhealthy_threshold,
        }
        if self.protocol != "TCP":
            args.update(path=self.path or "/", matcher=self.matcher)
        return args


def _check_nlb_matcher(argument: str, value: Any) -> None:
    allowed = "HTTP codes from 200 to 599: '200', '200,202' or '200-399'"
    if not isinstance(value, str) or not value:
        raise ValidationError(argument, value, allowed)
    for item in value.split(","):
        match = _HTTP_CODE_ITEM.match(item)
        if not match:
            raise ValidationError(argument, value, allowed)
        low, high = int(match.group(1)), int(match.group(2) or match.group(1))
        if not 200 <= low <= high <= 599:
            raise ValidationError(argument, value, allowed)
