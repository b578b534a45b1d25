"""Issue 15's classes of bad input, one case per documented rule: Fargate platform versions,
ALB listener-rule condition values, access-log prefixes, CIDR lists on services, container
dependency conditions vs ``essential``, EKS version strings, Kubernetes names."""

from __future__ import annotations

from typing import Any

from fargate_components import CapacityStrategy, Container, HealthCheck, Routing
from fargate_components.eks.validation import ProfileSelector, check_service_account

from . import BadInput
from .ecs import _c, _td
from .ecs_fargate_service import _service
from .ecs_scheduled import _scheduled
from .ecs_service import _lb
from .eks import _cluster, _profile

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
    # -- container dependencies vs essential ------------------------------------------------
    BadInput("deps-success-on-essential", lambda: _deps("SUCCESS"), "depends_on['init']"),
    BadInput("deps-complete-on-essential", lambda: _deps("COMPLETE"), "depends_on['init']"),
    # -- EKS version strings ----------------------------------------------------------------
    BadInput(
        "eks-version-leading-zero",
        lambda: _cluster(version="1.029"),
        "EksFargateClusterArgs.version",
    ),
    BadInput(
        "eks-version-zero-minor", lambda: _cluster(version="1.0"), "EksFargateClusterArgs.version"
    ),
    BadInput(
        "eks-version-patch", lambda: _cluster(version="1.31.2"), "EksFargateClusterArgs.version"
    ),
    BadInput(
        "eks-version-v-prefix", lambda: _cluster(version="v1.31"), "EksFargateClusterArgs.version"
    ),
    BadInput("eks-version-number", lambda: _cluster(version=1.31), "EksFargateClusterArgs.version"),
    # -- Kubernetes names -------------------------------------------------------------------
    BadInput(
        "k8s-selector-namespace-uppercase",
        lambda: _profile(selectors=[ProfileSelector(namespace="Apps")]),
        "ProfileSelector(namespace=",
    ),
    BadInput(
        "k8s-selector-namespace-too-long",
        lambda: _profile(selectors=[ProfileSelector(namespace="a" * 64)]),
        "ProfileSelector(namespace=",
    ),
    BadInput(
        "k8s-selector-namespace-dot",
        lambda: _profile(selectors=[ProfileSelector(namespace="team.apps")]),
        "ProfileSelector(namespace=",
    ),
    BadInput(
        "k8s-selector-namespace-dash-end",
        lambda: _profile(selectors=[ProfileSelector(namespace="apps-")]),
        "ProfileSelector(namespace=",
    ),
    BadInput("k8s-irsa-namespace-dot", lambda: check_service_account("a.b", "sa"), "namespace"),
    BadInput("k8s-irsa-namespace-upper", lambda: check_service_account("Apps", "sa"), "namespace"),
    BadInput(
        "k8s-irsa-sa-upper", lambda: check_service_account("apps", "Worker"), "service_account"
    ),
    BadInput(
        "k8s-irsa-sa-underscore", lambda: check_service_account("apps", "my_sa"), "service_account"
    ),
    BadInput(
        "k8s-irsa-sa-too-long", lambda: check_service_account("apps", "a" * 254), "service_account"
    ),
]
