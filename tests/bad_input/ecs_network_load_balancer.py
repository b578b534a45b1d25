"""Bad inputs of NetworkLoadBalancer and of services attaching to one."""

from __future__ import annotations

from typing import Any

from fargate_components import (
    Container,
    DeploymentAlarms,
    FargateCluster,
    FargateService,
    FargateServiceArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    Network,
    NetworkHealthCheck,
    NetworkListener,
    NetworkLoadBalancer,
    NetworkLoadBalancerArgs,
    Routing,
    TargetHealthCheck,
)
from tests.bad_input import BadInput

N = "NetworkLoadBalancerArgs"
A = "FargateServiceArgs"
CERT = "arn:aws:acm:us-east-1:123456789012:certificate/abc"


def _net() -> Any:
    return Network.existing("vpc-1", ["subnet-a", "subnet-b"], ["subnet-c", "subnet-d"])


def _nlb(**kwargs: Any) -> NetworkLoadBalancer:
    values: dict[str, Any] = {"network": _net(), "listeners": [NetworkListener(port=80)]}
    values.update(kwargs)
    return NetworkLoadBalancer("nlb", NetworkLoadBalancerArgs(**values))


def _service(nlb_kwargs: dict[str, Any] | None = None, **kwargs: Any) -> FargateService:
    task = FargateTaskDefinition(
        "web",
        FargateTaskDefinitionArgs(
            cpu=256,
            memory=512,
            containers=[Container(name="web", image="nginx", port_mappings=[8080])],
        ),
    )
    return FargateService(
        "web",
        FargateServiceArgs(
            cluster=FargateCluster("c"),
            task_definition=task,
            network=_net(),
            load_balancer=_nlb(**(nlb_kwargs or {})),
            **kwargs,
        ),
    )


def _two_on_one_listener() -> None:
    nlb = _nlb()
    for name in ("a", "b"):
        task = FargateTaskDefinition(
            name,
            FargateTaskDefinitionArgs(
                cpu=256,
                memory=512,
                containers=[Container(name=name, image="nginx", port_mappings=[8080])],
            ),
        )
        FargateService(
            name,
            FargateServiceArgs(
                cluster=FargateCluster(f"{name}-c"),
                task_definition=task,
                network=_net(),
                load_balancer=nlb,
            ),
        )


TWO = [NetworkListener(port=80), NetworkListener(port=81)]
CASES = [
    # A user's DeploymentAlarms(target_5xx_threshold=20) behind an NLB was dropped: no 5xx
    # alarm exists there.
    BadInput(
        "nlb-service-5xx-threshold",
        lambda: _service(alarms=DeploymentAlarms(target_5xx_threshold=20)),
        "FargateServiceArgs.alarms.target_5xx_threshold",
    ),
    BadInput("nlb-no-listeners", lambda: _nlb(listeners=[]), f"{N}.listeners"),
    BadInput(
        "nlb-access-logs-prefix-awslogs",
        lambda: _nlb(access_logs_bucket="logs", access_logs_prefix="nlb/AWSLogs"),
        f"{N}.access_logs_prefix",
    ),
    BadInput(
        "nlb-access-logs-prefix-without-bucket",
        lambda: _nlb(access_logs_bucket=None, access_logs_prefix="nlb"),
        f"{N}.access_logs_prefix",
    ),
    BadInput(
        "nlb-listeners-not-a-list",
        lambda: _nlb(listeners=NetworkListener(port=80)),
        f"{N}.listeners",
    ),
    BadInput(
        "nlb-listener-protocol",
        lambda: _nlb(listeners=[NetworkListener(port=80, protocol="HTTP")]),
        f"{N}.listeners[0].protocol",
    ),
    BadInput(
        "nlb-listener-port",
        lambda: _nlb(listeners=[NetworkListener(port=0)]),
        f"{N}.listeners[0].port",
    ),
    BadInput(
        "nlb-tls-without-certificate",
        lambda: _nlb(listeners=[NetworkListener(port=443, protocol="TLS")]),
        f"{N}.listeners[0].certificate_arn",
    ),
    BadInput(
        "nlb-certificate-on-tcp",
        lambda: _nlb(listeners=[NetworkListener(port=443, certificate_arn=CERT)]),
        f"{N}.listeners[0].certificate_arn",
    ),
    BadInput(
        "nlb-tls-policy-name",
        lambda: _nlb(
            listeners=[
                NetworkListener(port=443, protocol="TLS", certificate_arn=CERT, ssl_policy="TLS1.2")
            ]
        ),
        f"{N}.listeners[0].ssl_policy",
    ),
    BadInput(
        "nlb-duplicate-port",
        lambda: _nlb(
            listeners=[NetworkListener(port=53), NetworkListener(port=53, protocol="UDP")]
        ),
        f"{N}.listeners[1].port",
    ),
    BadInput(
        "nlb-eips-internal",
        lambda: _nlb(internal=True, elastic_ips=True, ingress_cidrs=["10.0.0.0/8"]),
        f"{N}.elastic_ips",
    ),
    BadInput("nlb-internal-unknown-cidr", lambda: _nlb(internal=True), f"{N}.ingress_cidrs"),
    BadInput("nlb-bad-cidr", lambda: _nlb(ingress_cidrs=["10.0.0.1/8"]), f"{N}.ingress_cidrs"),
    BadInput("nlb-private-subnet-public", lambda: _nlb(subnet_ids=["subnet-c"]), f"{N}.subnet_ids"),
    BadInput("nlb-no-subnets", lambda: _nlb(subnet_ids=[]), f"{N}.subnet_ids"),
    BadInput(
        "nlb-service-unknown-listener",
        lambda: _service(listener_port=81),
        f"{A}.listener_port",
    ),
    BadInput(
        "nlb-service-listener-ambiguous",
        lambda: _service({"listeners": TWO}),
        f"{A}.listener_port",
    ),
    BadInput("nlb-service-listener-taken", _two_on_one_listener, f"{A}.listener_port"),
    BadInput(
        "nlb-service-routing",
        lambda: _service(routing=Routing(path_patterns=["/x"])),
        f"{A}.routing",
    ),
    BadInput("nlb-service-protocol", lambda: _service(protocol="HTTPS"), f"{A}.protocol"),
    BadInput(
        "nlb-service-alb-health-check",
        lambda: _service(health_check=TargetHealthCheck()),
        f"{A}.health_check",
    ),
    BadInput(
        "nlb-service-health-interval",
        lambda: _service(health_check=NetworkHealthCheck(interval=400)),
        f"{A}.health_check.interval",
    ),
    BadInput(
        "nlb-service-health-matcher",
        lambda: _service(health_check=NetworkHealthCheck(protocol="HTTP", matcher="100")),
        f"{A}.health_check.matcher",
    ),
    BadInput(
        "listener-port-without-nlb",
        lambda: FargateService(
            "w",
            FargateServiceArgs(
                cluster=FargateCluster("c"),
                task_definition=FargateTaskDefinition(
                    "w",
                    FargateTaskDefinitionArgs(
                        cpu=256,
                        memory=512,
                        containers=[Container(name="w", image="nginx", port_mappings=[80])],
                    ),
                ),
                network=_net(),
                listener_port=80,
            ),
        ),
        f"{A}.listener_port",
    ),
]
