"""Pure tests of the Service Connect / service discovery decisions (no mocks)."""

from __future__ import annotations

import pytest

from fargate_components.ecs.service_connect import (
    NamedPort,
    NamespaceClaims,
    ResolvedServer,
    ServiceConnect,
    ServiceConnectServer,
    ServiceDiscovery,
    check_namespace,
    namespace_is_existing,
    resolve_servers,
    service_connect_configuration,
)
from fargate_components.errors import ValidationError

PORTS = {
    "http": NamedPort("cart", 8080, "tcp", "http"),
    "raw": NamedPort("cart", 9000, "tcp", None),
    "dns": NamedPort("cart", 53, "udp", None),
}


def test_defaults_come_from_the_port_mapping() -> None:
    (server,) = resolve_servers(
        ServiceConnect(servers=[ServiceConnectServer(port_name="http")]), PORTS
    )
    assert (server.discovery_name, server.dns_name, server.port, server.ingress_port) == (
        "http",
        "http",
        8080,
        8080,
    )
    assert server.app_protocol == "http"


def test_alias_and_override() -> None:
    sc = ServiceConnect(
        servers=[
            ServiceConnectServer(
                port_name="http",
                discovery_name="cart",
                dns_name="cart.shop",
                port=80,
                ingress_port_override=15000,
                idle_timeout=60,
                per_request_timeout=10,
            )
        ]
    )
    sc.validate()
    (server,) = resolve_servers(sc, PORTS)
    assert (server.dns_name, server.port, server.ingress_port) == ("cart.shop", 80, 15000)
    config = service_connect_configuration(
        [server],
        namespace="shop",
        ingress_overrides={"http": 15000},
        log_group_name="g",
        region="us-east-1",
    )
    assert config["services"] == [
        {
            "port_name": "http",
            "discovery_name": "cart",
            "client_alias": [{"port": 80, "dns_name": "cart.shop"}],
            "ingress_port_override": 15000,
            "timeout": {"idle_timeout_seconds": 60, "per_request_timeout_seconds": 10},
        }
    ]
    assert config["log_configuration"]["options"]["awslogs-group"] == "g"


def test_client_only_has_no_services() -> None:
    config = service_connect_configuration(
        resolve_servers(ServiceConnect(), PORTS),
        namespace="shop",
        log_group_name="g",
        region="r",
    )
    assert config["enabled"] is True and "services" not in config


@pytest.mark.parametrize(
    ("server", "argument"),
    [
        (ServiceConnectServer(port_name="nope"), "ServiceConnect.servers[0].port_name"),
        (ServiceConnectServer(port_name="dns"), "ServiceConnect.servers[0].port_name"),
        (ServiceConnectServer(port_name="raw", per_request_timeout=5), "per_request_timeout"),
    ],
)
def test_resolution_errors(server: ServiceConnectServer, argument: str) -> None:
    with pytest.raises(ValidationError, match=argument.replace("[", r"\[").replace("]", r"\]")):
        resolve_servers(ServiceConnect(servers=[server]), PORTS)


@pytest.mark.parametrize(
    ("sc", "argument"),
    [
        (ServiceConnect(servers=[ServiceConnectServer(port_name="Http")]), "port_name"),
        (ServiceConnect(servers=[ServiceConnectServer(port_name="-x")]), "port_name"),
        (ServiceConnect(servers=[ServiceConnectServer(port_name="a" * 65)]), "port_name"),
        (
            ServiceConnect(servers=[ServiceConnectServer(port_name="a", dns_name="A.b")]),
            "dns_name",
        ),
        (ServiceConnect(servers=[ServiceConnectServer(port_name="a", port=0)]), "port"),
        (
            ServiceConnect(servers=[ServiceConnectServer(port_name="a", idle_timeout=-1)]),
            "idle_timeout",
        ),
        (
            ServiceConnect(
                servers=[ServiceConnectServer(port_name="a"), ServiceConnectServer(port_name="a")]
            ),
            "servers[1].port_name",
        ),
        (
            ServiceConnect(
                servers=[
                    ServiceConnectServer(port_name="a", discovery_name="x"),
                    ServiceConnectServer(port_name="b", discovery_name="x"),
                ]
            ),
            "servers[1].discovery_name",
        ),
        (ServiceConnect(namespace="a/b"), "namespace"),
        (ServiceConnect(servers=ServiceConnectServer(port_name="a")), "servers"),  # type: ignore[arg-type]
    ],
)
def test_validation(sc: ServiceConnect, argument: str) -> None:
    with pytest.raises(ValidationError) as info:
        sc.validate()
    assert argument in info.value.argument


def test_namespaces() -> None:
    arn = "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-abc123"
    check_namespace("n", arn)
    check_namespace("n", "shop.local")
    assert namespace_is_existing(arn) and not namespace_is_existing("shop.local")
    for bad in ("arn:aws:s3:::bucket", "", "has space", "x" * 1025, 'q"uote'):
        with pytest.raises(ValidationError):
            check_namespace("n", bad)


def test_service_discovery_validation() -> None:
    ServiceDiscovery(namespace_id="ns-1", name="cart").validate()
    for kwargs, argument in (
        ({"namespace_id": "vpc-1"}, "namespace_id"),
        ({"namespace_id": "ns-1", "name": "a.b"}, "name"),
        ({"namespace_id": "ns-1", "record_type": "CNAME"}, "record_type"),
        ({"namespace_id": "ns-1", "ttl": -1}, "ttl"),
    ):
        with pytest.raises(ValidationError) as info:
            ServiceDiscovery(**kwargs).validate()  # type: ignore[arg-type]
        assert info.value.argument == f"ServiceDiscovery.{argument}"


def test_an_output_namespace_is_named_not_printed_as_its_repr() -> None:
    """A callee in another namespace known only after apply: the error says so instead of
    ``<pulumi.output.Output object at 0x...>``."""
    from dataclasses import dataclass as _dataclass
    from unittest import mock

    import pulumi

    from fargate_components.ecs.service_connect import ResolvedServer, plan_service_connect
    from fargate_components.errors import ValidationError

    @_dataclass
    class Callee:
        component_name: str
        security_group_id: object
        service_connect_servers: tuple[ResolvedServer, ...]
        service_connect_namespace: object

    unknown = mock.MagicMock(spec=pulumi.Output)  # an Output without an event loop
    callee = Callee("cart", "sg-1", (object.__new__(ResolvedServer),), unknown)
    try:
        plan_service_connect(
            service_connect=None, calls=[callee], ports={}, cluster_namespace="shop.local"
        )
    except ValidationError as error:
        assert "MagicMock" not in str(error) and "Output object at" not in str(error)
        assert "known only after apply" in str(error)
        # Said once (a user's error on two clusters' namespaces repeated its advice).
        assert str(error).count("very same Output") == 1, str(error)
    else:
        raise AssertionError("a callee in an unknown other namespace was accepted")


def _server(discovery: str, dns: str, port: int) -> ResolvedServer:
    return ResolvedServer("http", discovery, dns, port, 8080, "http", None, None)


def test_namespace_claims_refuse_a_second_claim_in_the_same_namespace() -> None:
    from unittest import mock

    import pulumi

    claims = NamespaceClaims()
    output = mock.MagicMock(spec=pulumi.Output)  # compared by identity only
    claims.claim("cart", "shop.local", [_server("http", "cart", 80)])
    claims.claim("cart", output, [_server("http", "cart", 80)])
    claims.check("orders", "other.local", [_server("http", "cart", 80)])  # another namespace
    claims.check("orders", mock.MagicMock(spec=pulumi.Output), [_server("http", "cart", 80)])
    claims.check("orders", "shop.local", [_server("orders", "cart", 8080)])  # another port
    with pytest.raises(ValidationError, match=r"\[0\]\.discovery_name = 'http'.*'cart' claims"):
        claims.check("orders", "shop.local", [_server("http", "orders", 80)])
    with pytest.raises(ValidationError, match=r"\[0\]\.dns_name = 'cart:80'.*'cart' serves"):
        claims.check("orders", output, [_server("orders", "cart", 80)])
    # two servers of one service that share an alias are refused too; a check claims nothing
    with pytest.raises(ValidationError, match=r"\[1\]\.dns_name = 'api:80'.*'orders' serves"):
        claims.check("orders", "shop.local", [_server("a", "api", 80), _server("b", "api", 80)])
    claims.check("orders", "shop.local", [_server("a", "api", 80)])
