"""Bad inputs of Service Connect, `calls` and Cloud Map service discovery."""

from __future__ import annotations

from typing import Any

from fargate_components import (
    Container,
    FargateCluster,
    FargateClusterArgs,
    FargateService,
    FargateServiceArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    Network,
    PortMapping,
    ServiceConnect,
    ServiceConnectServer,
    ServiceDiscovery,
)
from tests.bad_input import BadInput

A = "FargateServiceArgs"
SC = f"{A}.service_connect"


def _service(
    name: str = "web",
    *,
    namespace: Any = "shop.local",
    port: PortMapping | None = None,
    **kwargs: Any,
) -> FargateService:
    net = Network.existing("vpc-1", ["subnet-a", "subnet-b"], ["subnet-c", "subnet-d"])
    task = FargateTaskDefinition(
        name,
        FargateTaskDefinitionArgs(
            cpu=256,
            memory=512,
            containers=[
                Container(
                    name=name,
                    image="nginx",
                    port_mappings=[port or PortMapping(container_port=8080, name="http")],
                )
            ],
        ),
    )
    cluster = FargateCluster(f"{name}-c", FargateClusterArgs(service_connect_namespace=namespace))
    return FargateService(
        name,
        FargateServiceArgs(cluster=cluster, task_definition=task, network=net, **kwargs),
    )


def _server(**kwargs: Any) -> ServiceConnect:
    return ServiceConnect(servers=[ServiceConnectServer(**{"port_name": "http", **kwargs})])


def _calls(callee_kwargs: dict[str, Any], **kwargs: Any) -> FargateService:
    callee = _service("cart", **callee_kwargs)
    return _service("web", calls=[callee], **kwargs)


def _twice(**server: Any) -> FargateService:
    """Two services serving port "http" in one namespace (named the same in both); the
    second one's server takes ``server``'s fields."""
    sc = ServiceConnect(namespace="apps.local", servers=[ServiceConnectServer(port_name="http")])
    _service("cart", service_connect=sc)
    second = ServiceConnectServer(**{"port_name": "http", **server})
    return _service(
        "orders", service_connect=ServiceConnect(namespace="apps.local", servers=[second])
    )


CASES = [
    BadInput(
        "cluster-namespace-bad-name",
        lambda: FargateCluster("c", FargateClusterArgs(service_connect_namespace="a/b")),
        "FargateClusterArgs.service_connect_namespace",
    ),
    BadInput(
        "cluster-namespace-bad-arn",
        lambda: FargateCluster(
            "c", FargateClusterArgs(service_connect_namespace="arn:aws:s3:::bucket")
        ),
        "FargateClusterArgs.service_connect_namespace",
    ),
    BadInput(
        "sc-not-a-service-connect",
        lambda: _service(service_connect={"servers": []}),
        SC,
    ),
    BadInput(
        "sc-no-namespace",
        lambda: _service(namespace=None, service_connect=_server()),
        f"{SC}.namespace",
    ),
    BadInput(
        "sc-unknown-port-name",
        lambda: _service(service_connect=_server(port_name="grpc")),
        f"{SC}.servers[0].port_name",
    ),
    BadInput(
        "sc-udp-port",
        lambda: _service(
            port=PortMapping(container_port=53, protocol="udp", name="http"),
            service_connect=_server(),
        ),
        f"{SC}.servers[0].port_name",
    ),
    BadInput(
        "sc-port-name-uppercase",
        lambda: _service(service_connect=_server(port_name="HTTP")),
        f"{SC}.servers[0].port_name",
    ),
    BadInput(
        "sc-discovery-name-too-long",
        lambda: _service(service_connect=_server(discovery_name="d" * 65)),
        f"{SC}.servers[0].discovery_name",
    ),
    BadInput(
        "sc-dns-name-bad",
        lambda: _service(service_connect=_server(dns_name="-cart")),
        f"{SC}.servers[0].dns_name",
    ),
    BadInput(
        "sc-alias-port-zero",
        lambda: _service(service_connect=_server(port=0)),
        f"{SC}.servers[0].port",
    ),
    BadInput(
        "sc-ingress-override-too-big",
        lambda: _service(service_connect=_server(ingress_port_override=70000)),
        f"{SC}.servers[0].ingress_port_override",
    ),
    BadInput(
        "sc-idle-timeout-negative",
        lambda: _service(service_connect=_server(idle_timeout=-1)),
        f"{SC}.servers[0].idle_timeout",
    ),
    BadInput(
        "sc-per-request-timeout-on-tcp",
        lambda: _service(service_connect=_server(per_request_timeout=10)),
        f"{SC}.servers[0].per_request_timeout",
    ),
    BadInput(
        "sc-duplicate-discovery-name",
        lambda: _service(
            port=PortMapping(container_port=8080, name="http"),
            service_connect=ServiceConnect(
                servers=[
                    ServiceConnectServer(port_name="http", discovery_name="x"),
                    ServiceConnectServer(port_name="admin", discovery_name="x"),
                ]
            ),
        ),
        f"{SC}.servers[1].discovery_name",
    ),
    BadInput(
        "sc-log-retention-not-allowed",
        lambda: _service(service_connect=ServiceConnect(log_retention_days=17)),
        f"{SC}.log_retention_days",
    ),
    BadInput(
        "calls-not-a-service",
        lambda: _service(calls=["cart"]),
        f"{A}.calls[0]",
    ),
    BadInput(
        "calls-not-a-list",
        lambda: _service(calls="cart"),
        f"{A}.calls",
    ),
    BadInput(
        "calls-callee-serves-nothing",
        lambda: _calls({}),
        f"{A}.calls[0]",
    ),
    BadInput(
        "calls-callee-other-namespace",
        lambda: _calls({"namespace": "other.local", "service_connect": _server()}),
        f"{A}.calls[0]",
    ),
    BadInput(
        "sd-not-a-namespace-id",
        lambda: _service(service_discovery=ServiceDiscovery(namespace_id="internal")),
        f"{A}.service_discovery.namespace_id",
    ),
    BadInput(
        "sd-name-not-a-label",
        lambda: _service(service_discovery=ServiceDiscovery(namespace_id="ns-1", name="a.b")),
        f"{A}.service_discovery.name",
    ),
    BadInput(
        "sd-record-type",
        lambda: _service(
            service_discovery=ServiceDiscovery(namespace_id="ns-1", record_type="CNAME")
        ),
        f"{A}.service_discovery.record_type",
    ),
    BadInput(
        "sd-ttl-negative",
        lambda: _service(service_discovery=ServiceDiscovery(namespace_id="ns-1", ttl=-5)),
        f"{A}.service_discovery.ttl",
    ),
    BadInput(
        "sc-discovery-name-claimed-by-another-service",
        _twice,  # both default to the port name "http"
        f"{SC}.servers[0].discovery_name = 'http'",
    ),
    BadInput(
        "sc-client-alias-claimed-by-another-service",
        lambda: _twice(discovery_name="orders", dns_name="http", port=8080),
        f"{SC}.servers[0].dns_name = 'http:8080'",
    ),
]
