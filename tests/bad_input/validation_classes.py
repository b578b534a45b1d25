"""Issue 15's classes of bad input, one case per documented rule: Fargate platform versions,
ALB listener-rule condition values, access-log prefixes, CIDR lists on services, container
dependency conditions vs ``essential`` (EKS version strings and Kubernetes names are in
eks_validation.py)."""

from __future__ import annotations

from typing import Any

from fargate_components import CapacityStrategy, Container, HealthCheck, Routing
from fargate_components.ecs.load_balancer_component import plan_target

from . import BadInput
from .ecs import _c, _td
from .ecs_fargate_service import _service
from .ecs_network_load_balancer import _nlb
from .ecs_scheduled import _scheduled
from .ecs_service import _lb
from .eks import _cluster

S = "FargateServiceArgs"
WIN = "WINDOWS_SERVER_2022_CORE"


def _route(**kwargs: Any) -> object:
    return Routing(**kwargs).validate()


def _deps(condition: str, essential: bool = True) -> object:
    return _td(
        containers=[
            _c("web", depends_on={"init": condition}),
            Container(
                name="init",
                image="busybox:1.36",
                essential=essential,
                health_check=HealthCheck(command=["CMD", "true"]),
            ),
        ]
    )


def _many_targets(count: int, target_groups: int) -> object:
    """``count`` services on one ALB, each with ``target_groups`` target groups (2: blue/green)."""
    lb = _lb()
    for i in range(count):
        plan_target(
            f"s{i}",
            lb,
            port=80,
            routing=Routing(path_patterns=[f"/{i}"]),
            target_groups=target_groups,
        )
    return lb


def _start_timeout(depended_on: bool) -> object:
    init = Container(name="init", image="busybox:1.36", essential=False, start_timeout=30)
    web = _c("web", depends_on={"init": "SUCCESS"} if depended_on else {})
    return _td(containers=[web, init])


CASES = [
    # -- Fargate platform versions (ecs/platform_versions.py) ------------------------------
    BadInput(
        "pv-linux-retired-1-3", lambda: _service(platform_version="1.3.0"), f"{S}.platform_version"
    ),
    BadInput(
        "pv-linux-retired-1-2", lambda: _service(platform_version="1.2.0"), f"{S}.platform_version"
    ),
    BadInput("pv-linux-short", lambda: _service(platform_version="1.4"), f"{S}.platform_version"),
    BadInput(
        "pv-linux-lowercase-latest",
        lambda: _service(platform_version="latest"),
        f"{S}.platform_version",
    ),
    BadInput(
        "pv-linux-windows-number",
        lambda: _service(platform_version="1.0.0"),
        f"{S}.platform_version",
    ),
    BadInput(
        "pv-windows-linux-number",
        lambda: _service(
            task_kwargs={"operating_system": WIN, "cpu": 1024, "memory": 2048},
            platform_version="1.4.0",
            capacity_strategy=CapacityStrategy.on_demand(),
        ),
        f"{S}.platform_version",
    ),
    BadInput(
        "pv-scheduled-retired",
        lambda: _scheduled(platform_version="1.3.0"),
        "ScheduledTaskArgs.platform_version",
    ),
    # -- ALB listener-rule conditions (ecs/load_balancing.py) ------------------------------
    BadInput(
        "alb-host-four-values",
        lambda: _route(
            host_headers=["a.example.com", "b.example.com", "c.example.com", "d.example.com"]
        ),
        "Routing.host_headers",
    ),
    BadInput(
        "alb-path-four-values",
        lambda: _route(path_patterns=["/a", "/b", "/c", "/d"]),
        "Routing.path_patterns",
    ),
    BadInput(
        "alb-five-values-per-rule",
        lambda: _route(
            path_patterns=["/a", "/b", "/c"],
            host_headers=["a.example.com", "b.example.com", "c.example.com"],
        ),
        "Routing.path_patterns",
    ),
    BadInput("alb-host-no-dot", lambda: _route(host_headers=["localhost"]), "Routing.host_headers"),
    BadInput(
        "alb-host-wildcard-tld", lambda: _route(host_headers=["example.*"]), "Routing.host_headers"
    ),
    BadInput(
        "alb-host-trailing-dot",
        lambda: _route(host_headers=["example.com."]),
        "Routing.host_headers",
    ),
    BadInput(
        "alb-host-port", lambda: _route(host_headers=["example.com:8443"]), "Routing.host_headers"
    ),
    BadInput(
        "alb-host-underscore",
        lambda: _route(host_headers=["my_app.example.com"]),
        "Routing.host_headers",
    ),
    BadInput(
        "alb-host-too-long",
        lambda: _route(host_headers=["a" * 125 + ".com"]),
        "Routing.host_headers",
    ),
    BadInput(
        "alb-path-too-long",
        lambda: _route(path_patterns=["/" + "a" * 128]),
        "Routing.path_patterns",
    ),
    BadInput("alb-path-bad-char", lambda: _route(path_patterns=["/a b"]), "Routing.path_patterns"),
    BadInput(
        "alb-six-wildcards",
        lambda: _route(path_patterns=["/*/*/*", "/?/?/?"]),
        "Routing.path_patterns",
    ),
    BadInput(
        "alb-six-wildcards-host-and-path",
        lambda: _route(path_patterns=["/*/*/*"], host_headers=["*.?.*.example.com"]),
        "Routing.path_patterns",
    ),
    BadInput("alb-path-empty", lambda: _route(path_patterns=[""]), "Routing.path_patterns"),
    BadInput("alb-host-empty", lambda: _route(host_headers=[""]), "Routing.host_headers"),
    BadInput(
        "alb-path-duplicate", lambda: _route(path_patterns=["/a", "/a"]), "Routing.path_patterns"
    ),
    BadInput(
        "alb-host-duplicate",
        lambda: _route(host_headers=["a.example.com", "a.example.com"]),
        "Routing.host_headers",
    ),
    BadInput("alb-path-string", lambda: _route(path_patterns="/api/*"), "Routing.path_patterns"),
    BadInput(
        "alb-host-string", lambda: _route(host_headers="api.example.com"), "Routing.host_headers"
    ),
    BadInput(
        "alb-path-no-leading-slash",
        lambda: _route(path_patterns=["api/*"]),
        "Routing.path_patterns",
    ),
    BadInput(
        "alb-host-non-ascii",
        lambda: _route(host_headers=["shop.exämple.com"]),
        "Routing.host_headers",
    ),
    BadInput(
        "alb-priority-zero", lambda: _route(path_patterns=["/a"], priority=0), "Routing.priority"
    ),
    BadInput(
        "alb-priority-too-high",
        lambda: _route(path_patterns=["/a"], priority=50001),
        "Routing.priority",
    ),
    BadInput(
        "alb-priority-bool", lambda: _route(path_patterns=["/a"], priority=True), "Routing.priority"
    ),
    BadInput("alb-priority-on-catch-all", lambda: _route(priority=10), "Routing.priority"),
    BadInput(
        "alb-target-groups-per-alb",
        lambda: _many_targets(51, target_groups=2),
        "routing",
    ),
    # -- access logs ------------------------------------------------------------------------
    BadInput(
        "alb-log-prefix-awslogs",
        lambda: _lb(access_logs_bucket="logs", access_logs_prefix="prod/AWSLogs"),
        "LoadBalancerArgs.access_logs_prefix",
    ),
    BadInput(
        "alb-log-prefix-without-bucket",
        lambda: _lb(access_logs_bucket=None, access_logs_prefix="prod"),
        "LoadBalancerArgs.access_logs_prefix",
    ),
    BadInput(
        "alb-log-prefix-empty",
        lambda: _lb(access_logs_bucket="logs", access_logs_prefix=" "),
        "LoadBalancerArgs.access_logs_prefix",
    ),
    BadInput(
        "alb-log-prefix-leading-slash",
        lambda: _lb(access_logs_prefix="/prod"),
        "LoadBalancerArgs.access_logs_prefix",
    ),
    BadInput(
        "alb-log-prefix-trailing-slash",
        lambda: _lb(access_logs_prefix="prod/"),
        "LoadBalancerArgs.access_logs_prefix",
    ),
    BadInput(
        "alb-log-prefix-empty-segment",
        lambda: _lb(access_logs_prefix="prod//alb"),
        "LoadBalancerArgs.access_logs_prefix",
    ),
    BadInput(
        "alb-log-prefix-too-long",
        lambda: _lb(access_logs_prefix="p" * 1025),
        "LoadBalancerArgs.access_logs_prefix",
    ),
    BadInput(
        "alb-log-prefix-not-string",
        lambda: _lb(access_logs_prefix=7),
        "LoadBalancerArgs.access_logs_prefix",
    ),
    BadInput(
        "nlb-log-prefix-leading-slash",
        lambda: _nlb(access_logs_prefix="/nlb"),
        "NetworkLoadBalancerArgs.access_logs_prefix",
    ),
    BadInput(
        "nlb-log-prefix-too-long",
        lambda: _nlb(access_logs_prefix="é" * 513),
        "NetworkLoadBalancerArgs.access_logs_prefix",
    ),
    BadInput(
        "nlb-log-bucket-reserved-suffix",
        lambda: _nlb(access_logs_bucket="logs--ol-s3"),
        "NetworkLoadBalancerArgs.access_logs_bucket",
    ),
    # -- CIDR lists on services (network/cidr_lists.py) -------------------------------------
    BadInput(
        "svc-cidrs-string", lambda: _service(allowed_cidrs="10.0.0.0/8"), f"{S}.allowed_cidrs"
    ),
    BadInput(
        "svc-cidrs-not-cidr", lambda: _service(allowed_cidrs=["office"]), f"{S}.allowed_cidrs[0]"
    ),
    BadInput(
        "svc-cidrs-host-bits",
        lambda: _service(allowed_cidrs=["10.0.0.1/16"]),
        f"{S}.allowed_cidrs[0]",
    ),
    BadInput(
        "svc-cidrs-ipv6", lambda: _service(allowed_cidrs=["2001:db8::/32"]), f"{S}.allowed_cidrs[0]"
    ),
    BadInput(
        "svc-cidrs-duplicate",
        lambda: _service(allowed_cidrs=["10.0.0.0/8", "10.0.0.0/8"]),
        f"{S}.allowed_cidrs[1]",
    ),
    BadInput(
        "alb-ingress-cidrs-duplicate",
        lambda: _lb(ingress_cidrs=["203.0.113.0/24", "203.0.113.0/24"]),
        "LoadBalancerArgs.ingress_cidrs[1]",
    ),
    BadInput(
        "alb-ingress-cidrs-ipv6",
        lambda: _lb(ingress_cidrs=["::/0"]),
        "LoadBalancerArgs.ingress_cidrs[0]",
    ),
    BadInput(
        "alb-ingress-cidrs-not-cidr",
        lambda: _lb(ingress_cidrs=["office"]),
        "LoadBalancerArgs.ingress_cidrs[0]",
    ),
    BadInput(
        "nlb-ingress-cidrs-duplicate",
        lambda: _nlb(ingress_cidrs=["10.0.0.0/8", "10.0.0.0/8"]),
        "NetworkLoadBalancerArgs.ingress_cidrs[1]",
    ),
    BadInput(
        "nlb-ingress-cidrs-string",
        lambda: _nlb(ingress_cidrs="10.0.0.0/8"),
        "NetworkLoadBalancerArgs.ingress_cidrs",
    ),
    BadInput(
        "eks-public-cidrs-string",
        lambda: _cluster(public_access_cidrs="203.0.113.0/24"),
        "EksFargateClusterArgs.public_access_cidrs",
    ),
    BadInput(
        "eks-public-cidrs-duplicate",
        lambda: _cluster(public_access_cidrs=["203.0.113.0/24", "203.0.113.0/24"]),
        "EksFargateClusterArgs.public_access_cidrs[1]",
    ),
    BadInput(
        "eks-public-cidrs-ipv6",
        lambda: _cluster(public_access_cidrs=["2001:db8::/32"]),
        "EksFargateClusterArgs.public_access_cidrs[0]",
    ),
    BadInput(
        "eks-public-cidrs-private",
        lambda: _cluster(public_access_cidrs=["10.20.0.0/16"]),
        "EksFargateClusterArgs.public_access_cidrs[0]",
    ),
    BadInput(
        "eks-public-cidrs-too-many",  # EKS's quota: 40 per cluster, not adjustable
        lambda: _cluster(public_access_cidrs=[f"203.0.{i}.0/24" for i in range(41)]),
        "EksFargateClusterArgs.public_access_cidrs",
    ),
    BadInput(
        "eks-public-cidrs-loopback",
        lambda: _cluster(public_access_cidrs=["127.0.0.1/32"]),
        "EksFargateClusterArgs.public_access_cidrs[0]",
    ),
    # -- container dependencies vs essential ------------------------------------------------
    BadInput("deps-success-on-essential", lambda: _deps("SUCCESS"), "depends_on['init']"),
    BadInput("deps-complete-on-essential", lambda: _deps("COMPLETE"), "depends_on['init']"),
    BadInput("deps-unknown-condition", lambda: _deps("READY", False), "depends_on['init']"),
    BadInput("deps-lowercase-condition", lambda: _deps("success", False), "depends_on['init']"),
    BadInput(
        "deps-healthy-without-health-check",
        lambda: _td(containers=[_c("web", depends_on={"side": "HEALTHY"}), _c("side")]),
        "Container(name='web').depends_on['side']",
    ),
    BadInput(
        "deps-missing-container",
        lambda: _td(containers=[_c("web", depends_on={"db": "START"})]),
        "Container(name='web').depends_on",
    ),
    BadInput(
        "deps-self",
        lambda: _c("web", depends_on={"web": "START"}),
        "Container(name='web').depends_on",
    ),
    BadInput(
        "deps-cycle-three",
        lambda: _td(
            containers=[
                _c("a", depends_on={"b": "START"}),
                _c("b", depends_on={"c": "START"}),
                _c("c", depends_on={"a": "START"}),
            ]
        ),
        ".depends_on",
    ),
    BadInput(
        "deps-not-mapping",
        lambda: _c("web", depends_on=["init"]),
        "Container(name='web').depends_on",
    ),
    BadInput(
        "deps-start-timeout-too-short",
        lambda: _c("init", start_timeout=1),
        "Container(name='init').start_timeout",
    ),
    BadInput(
        "deps-start-timeout-too-long",
        lambda: _c("init", start_timeout=121),
        "Container(name='init').start_timeout",
    ),
    BadInput(
        "deps-start-timeout-unused",
        lambda: _start_timeout(depended_on=False),
        "Container(name='init').start_timeout",
    ),
    BadInput(
        "deps-stop-timeout-zero", lambda: _c(stop_timeout=0), "Container(name='web').stop_timeout"
    ),
    BadInput(
        "deps-stop-timeout-too-long",
        lambda: _c(stop_timeout=121),
        "Container(name='web').stop_timeout",
    ),
]
