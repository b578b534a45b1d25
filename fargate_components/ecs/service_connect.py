"""Pure decisions for ECS Service Connect and Cloud Map service discovery: the value objects a
service is configured with, their checks, and the wire shapes of the ECS service's
``serviceConnectConfiguration`` / ``serviceRegistries``. No Pulumi resources here.

AWS limits encoded below (each checked with the documentation named):

- Port-mapping name (``portName``) and ``discoveryName``: up to 64 characters, lowercase
  letters, digits, ``_`` and ``-``, not starting with ``-`` (ECS API reference,
  ``PortMapping.name`` and ``ServiceConnectService.discoveryName``,
  https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceConnectService.html).
  ``portName`` must name a port mapping of the service's task definition.
- Client alias ``dnsName``: up to 127 characters, lowercase letters, digits, ``_``, ``-`` and
  ``.``, not starting with ``-``; at most ONE client alias per Service Connect service, and
  each name/port pair unique in the namespace (``ServiceConnectClientAlias``, "AWS::ECS::Service
  ServiceConnectClientAlias" in the CloudFormation reference). Its port is a TCP port; we
  accept 1-65535 (the reference gives no narrower range).
- Timeouts: ``idleTimeoutSeconds`` and ``perRequestTimeoutSeconds`` 0-2147483647 (0 turns
  them off); ``perRequestTimeout`` only when ``appProtocol`` isn't TCP, i.e. when the port
  mapping has ``app_protocol`` http, http2 or grpc (ECS API reference,
  ``TimeoutConfiguration``,
  https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TimeoutConfiguration.html).
- Namespace: a new Cloud Map HTTP namespace's name is 1-1024 printable ASCII characters
  (``^(?!arn:)[!-~]{1,1024}$``, Cloud Map ``CreateHttpNamespace``); ECS adds that it can't
  contain ``>``, ``<``, ``"`` or ``/`` (``ClusterServiceConnectDefaultsRequest.namespace``).
  An existing one is given by ARN (``arn:<partition>:servicediscovery:<region>:<account>:
  namespace/ns-...``), in the same account and region.
- Service discovery (``serviceRegistries``) with ``awsvpc`` tasks: A records (or SRV, which
  then need a port); DNS TTL 0-2147483647 s (the range Cloud Map documents for ``SOA.TTL``;
  ``DnsRecord.TTL`` is a Long whose range we assume is the same). The
  service's name becomes a DNS label of the namespace: we accept one label of 1-63
  characters (RFC 1035); Cloud Map's own name pattern could not be confirmed here. ECS reports task
  health to Cloud Map through a custom health check; its ``FailureThreshold`` "is no longer
  supported and is always set to 1" (Cloud Map ``HealthCheckCustomConfig``), so we don't
  offer it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from ..errors import ValidationError, argument_path, check_int_range, is_known, same_input
from ..logs import check_retention_days

__all__ = [
    "DEFAULT_SERVICE_CONNECT_LOG_RETENTION_DAYS",
    "CalleeLike",
    "NamedPort",
    "NamespaceClaims",
    "ResolvedServer",
    "ServiceConnect",
    "ServiceConnectPlan",
    "ServiceConnectServer",
    "ServiceDiscovery",
    "check_namespace",
    "named_ports",
    "namespace_is_existing",
    "plan_service_connect",
    "resolve_servers",
    "service_connect_configuration",
]

#: Service Connect proxy logs are operational: a month, like the task logs.
DEFAULT_SERVICE_CONNECT_LOG_RETENTION_DAYS = 30
MAX_TIMEOUT = 2_147_483_647
DNS_RECORD_TYPES = ("A", "SRV")

_PORT_NAME = re.compile(r"^[a-z0-9_][a-z0-9_-]{0,63}$")
_DNS_NAME = re.compile(r"^[a-z0-9_.][a-z0-9_.-]{0,126}$")
_NAMESPACE_NAME = re.compile(r"^(?!arn:)[!-~]{1,1024}$")
_NAMESPACE_ARN = re.compile(
    r"^arn:aws[a-z-]*:servicediscovery:[a-z0-9-]+:\d{12}:namespace/ns-[a-z0-9]+$"
)
_DNS_LABEL = re.compile(r"^[a-zA-Z0-9_](?:[a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_])?$")


def check_port_name(argument: str, value: Any) -> None:
    """A Service Connect port name or discovery name: 1-64 of ``a-z 0-9 _ -``, no leading
    ``-`` (ECS ``PortMapping.name``, ``ServiceConnectService.discoveryName``)."""
    if not isinstance(value, str) or not _PORT_NAME.match(value):
        raise ValidationError(
            argument,
            value,
            "1-64 lowercase letters, digits, '_' and '-', not starting with '-'",
        )


def check_namespace(argument: str, value: Any) -> None:
    """A new Cloud Map namespace name, or an existing namespace's ARN (an Output is taken as
    an existing namespace's ARN and checked by AWS)."""
    if not is_known(value):
        return
    if not isinstance(value, str):
        raise ValidationError(argument, value, "a namespace name or a Cloud Map namespace ARN")
    if value.startswith("arn:"):
        if not _NAMESPACE_ARN.match(value):
            raise ValidationError(
                argument,
                value,
                "a Cloud Map namespace ARN: "
                "arn:aws:servicediscovery:<region>:<account>:namespace/ns-<id>",
            )
        return
    if not _NAMESPACE_NAME.match(value) or any(c in value for c in '<>"/'):
        raise ValidationError(
            argument,
            value,
            "1-1024 printable ASCII characters without spaces, '<', '>', '\"' or '/' "
            "(or an existing namespace's ARN)",
        )


def namespace_is_existing(value: Any) -> bool:
    """True when ``value`` names an existing namespace (an ARN, or an Output of one)."""
    return not is_known(value) or (isinstance(value, str) and value.startswith("arn:"))


@dataclass(frozen=True, kw_only=True)
class ServiceConnectServer:
    """One port a service offers to the other services of its Service Connect namespace.

    Example::

        ServiceConnectServer(port_name="http")              # cart:8080 -> "http:8080"
        ServiceConnectServer(port_name="http", dns_name="cart", port=80)  # http://cart
    """

    port_name: str
    """The ``PortMapping.name`` of a port of the service's task definition. Required."""
    discovery_name: str | None = None
    """The Cloud Map service ECS creates for this port (unique in the namespace).
    Default: ``port_name``."""
    dns_name: str | None = None
    """The name clients connect to (the client alias). Default: ``discovery_name``."""
    port: int | None = None
    """The port clients connect to (the client alias's port). Default: the container port."""
    ingress_port_override: int | None = None
    """The port the server's proxy listens on (the port callers' security groups are let in
    on). Default: none (the container port)."""
    idle_timeout: int | None = None
    """Seconds an idle connection stays open, 0 (off) to 2147483647. Default: AWS's
    (5 minutes for http/http2/grpc, 1 hour for TCP)."""
    per_request_timeout: int | None = None
    """Seconds to wait for a complete response, 0 (off) to 2147483647; only for a port
    with ``app_protocol`` http, http2 or grpc. Default: AWS's (15 s)."""

    def validate(self) -> None:
        """Raises ``ValidationError`` under ``ServiceConnectServer.<field>`` (the holder
        re-raises it under its own path, see ``errors.argument_path``)."""
        argument = "ServiceConnectServer"
        check_port_name(f"{argument}.port_name", self.port_name)
        if self.discovery_name is not None:
            check_port_name(f"{argument}.discovery_name", self.discovery_name)
        if self.dns_name is not None and (
            not isinstance(self.dns_name, str) or not _DNS_NAME.match(self.dns_name)
        ):
            raise ValidationError(
                f"{argument}.dns_name",
                self.dns_name,
                "1-127 lowercase letters, digits, '_', '-' and '.', not starting with '-'",
            )
        for field_name in ("port", "ingress_port_override"):
            value = getattr(self, field_name)
            if value is not None:
                check_int_range(f"{argument}.{field_name}", value, 1, 65535)
        for field_name in ("idle_timeout", "per_request_timeout"):
            value = getattr(self, field_name)
            if value is not None:
                check_int_range(f"{argument}.{field_name}", value, 0, MAX_TIMEOUT)


@dataclass(frozen=True, kw_only=True)
class ServiceConnect:
    """A service's Service Connect settings: the ports it serves (server side) and, always,
    the client side (its tasks resolve every name of the namespace through the proxy).

    Example::

        ServiceConnect(servers=[ServiceConnectServer(port_name="http")])  # server + client
        ServiceConnect()                                                  # client only
    """

    servers: Sequence[ServiceConnectServer] = ()
    """Ports served to the namespace. Default: none (a client only)."""
    namespace: Any = None
    """Namespace name or ARN (``pulumi.Input[str]``). Default: the cluster's
    ``service_connect_namespace``."""
    log_retention_days: int = DEFAULT_SERVICE_CONNECT_LOG_RETENTION_DAYS
    """Retention of the log group the Service Connect proxy logs to. Default: 30."""

    def validate(self) -> None:
        """Raises ``ValidationError`` under ``ServiceConnect.<field>``."""
        argument = "ServiceConnect"
        if isinstance(self.servers, (str, ServiceConnectServer)) or not isinstance(
            self.servers, Sequence
        ):
            raise ValidationError(
                f"{argument}.servers", self.servers, "a list of ServiceConnectServer"
            )
        names: dict[str, int] = {}
        discovery: dict[str, int] = {}
        for index, server in enumerate(self.servers):
            where = f"{argument}.servers[{index}]"
            if not isinstance(server, ServiceConnectServer):
                raise ValidationError(where, server, "a ServiceConnectServer")
            with argument_path(where, "ServiceConnectServer"):
                server.validate()
            if server.port_name in names:
                raise ValidationError(
                    f"{where}.port_name",
                    server.port_name,
                    f"a port not already served (servers[{names[server.port_name]}])",
                )
            names[server.port_name] = index
            key = server.discovery_name or server.port_name
            if key in discovery:
                raise ValidationError(
                    f"{where}.discovery_name",
                    key,
                    f"a discovery name unique in the namespace (servers[{discovery[key]}] uses it)",
                )
            discovery[key] = index
        if self.namespace is not None:
            check_namespace(f"{argument}.namespace", self.namespace)
        check_retention_days(f"{argument}.log_retention_days", self.log_retention_days)


@dataclass(frozen=True)
class NamedPort:
    """A named port mapping of a task definition, as Service Connect sees it."""

    container: str
    container_port: int
    protocol: str
    app_protocol: str | None


@dataclass(frozen=True)
class ResolvedServer:
    """A server with every default filled in from the task definition."""

    port_name: str
    discovery_name: str
    dns_name: str
    port: int
    ingress_port: int
    """The port the server tasks accept Service Connect traffic on (security groups)."""
    app_protocol: str | None
    idle_timeout: int | None
    per_request_timeout: int | None


def resolve_servers(
    service_connect: ServiceConnect, named_ports: Mapping[str, NamedPort]
) -> tuple[ResolvedServer, ...]:
    """Match each server to its named port mapping and fill in the defaults. Raises
    ``ValidationError`` (under ``ServiceConnect.servers[i]``) for an unknown port name, a
    UDP port, or a per-request timeout on a TCP port."""
    resolved: list[ResolvedServer] = []
    for index, server in enumerate(service_connect.servers):
        where = f"ServiceConnect.servers[{index}]"
        port = named_ports.get(server.port_name)
        if port is None:
            known = ", ".join(repr(n) for n in named_ports) or "none"
            raise ValidationError(
                f"{where}.port_name",
                server.port_name,
                f"the name of a port mapping of the task definition (named ports: {known}; "
                "set PortMapping(name=...))",
            )
        if port.protocol != "tcp":
            # Service Connect proxies TCP (and HTTP/gRPC over it) only.
            raise ValidationError(
                f"{where}.port_name",
                server.port_name,
                f"a TCP port mapping (this one is {port.protocol})",
            )
        if server.per_request_timeout is not None and port.app_protocol is None:
            raise ValidationError(
                f"{where}.per_request_timeout",
                server.per_request_timeout,
                "only for a port mapping with app_protocol 'http', 'http2' or 'grpc' "
                "(TCP ports take idle_timeout only)",
            )
        discovery = server.discovery_name or server.port_name
        resolved.append(
            ResolvedServer(
                port_name=server.port_name,
                discovery_name=discovery,
                dns_name=server.dns_name or discovery,
                port=server.port if server.port is not None else port.container_port,
                ingress_port=server.ingress_port_override or port.container_port,
                app_protocol=port.app_protocol,
                idle_timeout=server.idle_timeout,
                per_request_timeout=server.per_request_timeout,
            )
        )
    return tuple(resolved)


def service_connect_configuration(
    servers: Sequence[ResolvedServer],
    *,
    namespace: Any,
    ingress_overrides: Mapping[str, int] | None = None,
    log_group_name: Any,
    region: Any,
) -> dict[str, Any]:
    """The ``serviceConnectConfiguration`` of an ECS service (Pulumi input names), with the
    proxy logging to ``log_group_name`` with ``awslogs``."""
    overrides = ingress_overrides or {}
    services: list[dict[str, Any]] = []
    for server in servers:
        entry: dict[str, Any] = {
            "port_name": server.port_name,
            "discovery_name": server.discovery_name,
            "client_alias": [{"port": server.port, "dns_name": server.dns_name}],
        }
        if server.port_name in overrides:
            entry["ingress_port_override"] = overrides[server.port_name]
        timeout = {
            key: value
            for key, value in (
                ("idle_timeout_seconds", server.idle_timeout),
                ("per_request_timeout_seconds", server.per_request_timeout),
            )
            if value is not None
        }
        if timeout:
            entry["timeout"] = timeout
        services.append(entry)
    config: dict[str, Any] = {
        "enabled": True,
        "namespace": namespace,
        "log_configuration": {
            "log_driver": "awslogs",
            "options": {
                "awslogs-group": log_group_name,
                "awslogs-region": region,
                "awslogs-stream-prefix": "service-connect",
            },
        },
    }
    if services:
        config["services"] = services
    return config


@dataclass(frozen=True, kw_only=True)
class ServiceDiscovery:
    """Register a service's tasks in a Cloud Map private DNS namespace (``serviceRegistries``)
    so clients outside ECS resolve ``<name>.<namespace>`` to task IPs.

    Example::

        # fragment: `aws` (pulumi_aws) and `net` are yours
        ns = aws.servicediscovery.PrivateDnsNamespace("internal", name="internal", vpc=net.vpc_id)
        ServiceDiscovery(namespace_id=ns.id, name="cart")          # cart.internal, A records
    """

    namespace_id: Any
    """The private DNS namespace's id (``ns-...``, ``pulumi.Input[str]``). Required."""
    name: str | None = None
    """The DNS label (``<name>.<namespace>``), 1-63 characters. Default: the component name."""
    record_type: str = "A"
    """``"A"`` (task IPs) or ``"SRV"`` (IP and port). Default: ``"A"``."""
    ttl: int = 10
    """DNS TTL in seconds (short: tasks come and go). Default: 10."""

    def validate(self) -> None:
        """Raises ``ValidationError`` under ``ServiceDiscovery.<field>``."""
        argument = "ServiceDiscovery"
        if self.namespace_id is None or (
            is_known(self.namespace_id)
            and (not isinstance(self.namespace_id, str) or not self.namespace_id.startswith("ns-"))
        ):
            raise ValidationError(
                f"{argument}.namespace_id",
                self.namespace_id,
                "a Cloud Map namespace id ('ns-...'), e.g. PrivateDnsNamespace(...).id",
            )
        if self.name is not None and (
            not isinstance(self.name, str) or not _DNS_LABEL.match(self.name)
        ):
            raise ValidationError(
                f"{argument}.name",
                self.name,
                "one DNS label: 1-63 letters, digits, '_' and '-', not starting or ending with '-'",
            )
        if self.record_type not in DNS_RECORD_TYPES:
            raise ValidationError(f"{argument}.record_type", self.record_type, "'A' or 'SRV'")
        check_int_range(f"{argument}.ttl", self.ttl, 0, MAX_TIMEOUT)


def named_ports(containers: Sequence[Any]) -> dict[str, NamedPort]:
    """The named port mappings of a task definition's containers (``Container`` objects)."""
    found: dict[str, NamedPort] = {}
    for container in containers:
        for port in container.ports:
            if port.name is not None:
                found[port.name] = NamedPort(
                    container.name, port.container_port, port.protocol, port.app_protocol
                )
    return found


@runtime_checkable
class CalleeLike(Protocol):
    """What a caller needs of a service it calls (``FargateService`` provides it)."""

    component_name: str
    security_group_id: Any
    service_connect_servers: tuple[ResolvedServer, ...]
    service_connect_namespace: Any


@dataclass(frozen=True)
class ServiceConnectPlan:
    """A service's Service Connect settings once checked: ``None`` fields mean off."""

    settings: ServiceConnect | None
    servers: tuple[ResolvedServer, ...]
    namespace: Any
    callees: tuple[CalleeLike, ...]


def _shown(namespace: Any) -> str:
    """A namespace as an error shows it: an Output is named as such, not as its repr."""
    return repr(namespace) if is_known(namespace) else "an Output known only after apply"


def _same_output_hint(*namespaces: Any) -> str:
    """Advice when a namespace is an Output: said once (a user's error said it twice)."""
    if all(is_known(n) for n in namespaces):
        return ""
    return (
        ": an Output is the same namespace only as the very same Output (a cluster's "
        "namespace is its own: services on two clusters with namespaces of their own are in "
        "two namespaces)"
    )


def plan_service_connect(
    *,
    service_connect: Any,
    calls: Any,
    ports: Mapping[str, NamedPort],
    cluster_namespace: Any,
) -> ServiceConnectPlan:
    """Check a service's ``service_connect`` and ``calls`` (errors name ``service_connect``
    and ``calls[i]``, relative to the caller's path, e.g. ``FargateServiceArgs``). A service that calls others and sets no ``service_connect``
    is a Service Connect client (``ServiceConnect()``) in the cluster's namespace. Each callee
    must serve at least one port, in the caller's namespace (compared when both are known)."""
    if service_connect is not None and not isinstance(service_connect, ServiceConnect):
        raise ValidationError("service_connect", service_connect, "a ServiceConnect or None")
    if isinstance(calls, (str, bytes)) or not isinstance(calls, Sequence):
        raise ValidationError("calls", calls, "a list of FargateService")
    for index, callee in enumerate(calls):
        if not isinstance(callee, CalleeLike):
            raise ValidationError(f"calls[{index}]", callee, "a FargateService")
    settings = service_connect
    if settings is None and calls:
        settings = ServiceConnect()
    if settings is None:
        return ServiceConnectPlan(None, (), None, ())
    with argument_path("service_connect", "ServiceConnect"):
        settings.validate()
    namespace = settings.namespace if settings.namespace is not None else cluster_namespace
    if namespace is None:
        raise ValidationError(
            "service_connect.namespace",
            None,
            "a namespace: set FargateClusterArgs.service_connect_namespace (or "
            "ServiceConnect(namespace=...))",
        )
    with argument_path("service_connect", "ServiceConnect"):
        servers = resolve_servers(settings, ports)
    seen: set[str] = set()
    for index, callee in enumerate(calls):
        label = f"calls[{index}]"
        if callee.component_name in seen:
            raise ValidationError(label, callee.component_name, "each service once")
        seen.add(callee.component_name)
        if not callee.service_connect_servers:
            raise ValidationError(
                label,
                callee.component_name,
                "a service that serves a port over Service Connect "
                "(its FargateServiceArgs.service_connect has servers)",
            )
        if not same_input(callee.service_connect_namespace, namespace):
            raise ValidationError(
                label,
                callee.component_name,
                f"a service in the same Service Connect namespace ({_shown(namespace)}; it is "
                f"in {_shown(callee.service_connect_namespace)})"
                f"{_same_output_hint(namespace, callee.service_connect_namespace)}",
            )
    return ServiceConnectPlan(settings, servers, namespace, tuple(calls))


def _named(namespace: Any) -> str:
    """`` 'shop.local'`` for a known namespace, nothing for an Output (it has no name yet)."""
    return f" {namespace!r}" if is_known(namespace) else ""


@dataclass
class _Claimed:
    """What the services of one program claimed in one namespace."""

    namespace: Any
    discovery: dict[str, str]
    aliases: dict[tuple[str, int], str]


class NamespaceClaims:
    """The discovery names and client aliases (DNS name, port) each namespace's services
    claimed, in program order: a second service claiming either in the same namespace is
    refused as AWS would refuse it (``ServiceAlreadyExists``). Namespaces compare as inputs
    (:func:`errors.same_input`): equal names or ARNs, or the very same Output.

    Example::

        claims = NamespaceClaims()
        server = ResolvedServer("http", "http", "http", 8080, 8080, None, None, None)
        claims.claim("cart", "shop.local", [server])
        try:
            claims.check("orders", "shop.local", [server])
        except ValidationError as error:
            assert "the service 'cart' claims it" in str(error)
    """

    def __init__(self) -> None:
        self._namespaces: list[_Claimed] = []

    def _of(self, namespace: Any) -> _Claimed | None:
        return next((c for c in self._namespaces if same_input(c.namespace, namespace)), None)

    def check(self, owner: str, namespace: Any, servers: Sequence[ResolvedServer]) -> None:
        """Raise ``ValidationError`` (under ``service_connect.servers[i]``) when a server of
        ``owner`` claims a discovery name or a client alias already taken in ``namespace``
        (by another service, or by an earlier server of the same one). Claims nothing."""
        claimed = self._of(namespace) or _Claimed(namespace, {}, {})
        discovery, aliases = dict(claimed.discovery), dict(claimed.aliases)
        for index, server in enumerate(servers):
            where = f"service_connect.servers[{index}]"
            holder = discovery.get(server.discovery_name)
            if holder is not None:
                raise ValidationError(
                    f"{where}.discovery_name",
                    server.discovery_name,
                    f"a discovery name unique in the namespace{_named(namespace)}: the "
                    f"service {holder!r} claims it (ECS creates one Cloud Map service per "
                    "discovery name; it defaults to the port name: set "
                    "ServiceConnectServer(discovery_name=...))",
                )
            alias = (server.dns_name, server.port)
            holder = aliases.get(alias)
            if holder is not None:
                raise ValidationError(
                    f"{where}.dns_name",
                    f"{server.dns_name}:{server.port}",
                    f"a client alias (DNS name and port) unique in the namespace"
                    f"{_named(namespace)}: the service {holder!r} serves it (set "
                    "ServiceConnectServer(dns_name=...) or port=...)",
                )
            discovery[server.discovery_name] = owner
            aliases[alias] = owner

    def claim(self, owner: str, namespace: Any, servers: Sequence[ResolvedServer]) -> None:
        """Record ``owner``'s servers in ``namespace`` (after :meth:`check` passed)."""
        claimed = self._of(namespace)
        if claimed is None:
            claimed = _Claimed(namespace, {}, {})
            self._namespaces.append(claimed)
        for server in servers:
            claimed.discovery[server.discovery_name] = owner
            claimed.aliases[(server.dns_name, server.port)] = owner
