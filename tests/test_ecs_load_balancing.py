"""Pure load-balancing decisions: names, health checks, matchers, routing, priorities."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fargate_components.ecs.load_balancing import (
    CATCH_ALL_PRIORITY,
    Routing,
    TargetHealthCheck,
    check_matcher,
    next_free_priority,
    short_name,
)
from fargate_components.errors import ValidationError

SAFE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$")
names = st.text(st.characters(min_codepoint=32, max_codepoint=0x17F), min_size=1, max_size=80)


# --- short_name --------------------------------------------------------------------------
def test_short_name_keeps_short_safe_names() -> None:
    assert short_name("orders", "tg") == "orders-tg"
    assert short_name("web", "alb", max_length=24) == "web-alb"


def test_short_name_shortens_long_names_readably() -> None:
    name = short_name("a-very-long-service-name", "tg", max_length=24)
    assert len(name) == 24
    assert name.startswith("a-very-long-ser")
    assert name == short_name("a-very-long-service-name", "tg", max_length=24)  # stable


def test_short_name_rewrites_internal_prefix_and_bad_chars() -> None:
    assert not short_name("internal-api").lower().startswith("internal-")
    assert SAFE.match(short_name("my_app", "tg"))
    assert SAFE.match(short_name("---", max_length=24))


@given(names, st.sampled_from([24, 32]))
def test_short_name_is_aws_safe(name: str, max_length: int) -> None:
    result = short_name(name, max_length=max_length)
    assert len(result) <= max_length
    assert SAFE.match(result), result
    assert not result.lower().startswith("internal-")


@given(names, names, st.sampled_from([24, 32]))
def test_short_name_never_collides(a: str, b: str, max_length: int) -> None:
    if a != b:
        assert short_name(a, max_length=max_length) != short_name(b, max_length=max_length)


def test_short_name_no_collision_with_a_hashed_lookalike() -> None:
    # A hashed result is exactly max_length long; a kept name is always shorter, so a
    # user name that looks like a hashed one is hashed again instead of colliding.
    hashed = short_name("x" * 40, max_length=24)
    assert len(hashed) == 24
    assert short_name(hashed, max_length=24) != hashed
    assert short_name("a_b") != short_name("a-b") == "a-b"


# --- health check ------------------------------------------------------------------------
def test_health_check_defaults_are_valid_and_render() -> None:
    check = TargetHealthCheck()
    check.validate()
    args = check.to_args()
    assert args["path"] == "/" and args["matcher"] == "200-399"
    assert args["port"] == "traffic-port" and "protocol" not in args
    assert TargetHealthCheck(port=8081, protocol="HTTPS").to_args()["port"] == "8081"


def test_an_https_target_group_is_health_checked_over_https() -> None:
    """AWS's health-check protocol default is HTTP for ALB target groups, whatever the target
    group speaks: a TLS-only container would never turn healthy. The check follows the target
    group unless it names its own protocol."""
    assert TargetHealthCheck().to_args("HTTPS")["protocol"] == "HTTPS"
    assert "protocol" not in TargetHealthCheck().to_args("HTTP")
    assert TargetHealthCheck(protocol="HTTP").to_args("HTTPS")["protocol"] == "HTTP"


def test_a_service_speaking_https_to_its_tasks() -> None:
    """FargateServiceArgs(protocol="HTTPS"): the target group and its health check speak
    HTTPS, and FC-ALB-007 has nothing to say."""
    from fargate_components.policy import RULES, evaluate
    from fargate_components.testing import run_in_mocks
    from tests.bad_input.ecs_fargate_service import _service

    plan = run_in_mocks(lambda: _service(lb=True, protocol="HTTPS"))
    (group,) = plan.of_type("aws:lb/targetGroup:TargetGroup")
    assert group.inputs["protocol"] == "HTTPS"
    assert group.inputs["healthCheck"]["protocol"] == "HTTPS"
    assert evaluate(plan, rules=[RULES["FC-ALB-007"]]) == []


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"interval": 4}, "interval"),
        ({"interval": 301}, "interval"),
        ({"timeout": 1}, "timeout"),
        ({"interval": 10, "timeout": 10}, "timeout"),
        ({"healthy_threshold": 1}, "healthy_threshold"),
        ({"unhealthy_threshold": 11}, "unhealthy_threshold"),
        ({"matcher": "600"}, "matcher"),
        ({"path": "health"}, "path"),
        ({"path": "/" + "a" * 1024}, "path"),
        ({"protocol": "TCP"}, "protocol"),
        ({"port": 0}, "port"),
    ],
)
def test_health_check_rejects(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError, match=rf"TargetHealthCheck\.{field}"):
        TargetHealthCheck(**kwargs).validate()  # type: ignore[arg-type]


@pytest.mark.parametrize("good", ["200", "200,202", "200-299", "200-299,404", "499"])
def test_matcher_accepts(good: str) -> None:
    check_matcher("m", good)


@pytest.mark.parametrize(
    "bad", ["", "199", "500", "200-", "299-200", "2xx", "200, 202", "200-600", 200]
)
def test_matcher_rejects(bad: object) -> None:
    with pytest.raises(ValidationError):
        check_matcher("m", bad)


# --- routing -----------------------------------------------------------------------------
def test_routing_catch_all_conditions() -> None:
    routing = Routing()
    routing.validate()
    assert routing.is_catch_all
    assert routing.conditions() == [{"path_pattern": {"values": ["/*"]}}]
    assert routing.url_path() == ""


def test_routing_path_and_host_conditions() -> None:
    routing = Routing(path_patterns=["/api/*"], host_headers=["api.example.com"], priority=20)
    routing.validate()
    assert routing.conditions() == [
        {"host_header": {"values": ["api.example.com"]}},
        {"path_pattern": {"values": ["/api/*"]}},
    ]
    assert routing.url_path() == "/api/"
    assert routing.url_host() == "api.example.com"
    assert Routing(host_headers=["*.example.com"]).url_host() is None


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"path_patterns": ["/a"], "priority": 0}, "priority"),
        ({"path_patterns": ["/a"], "priority": 50001}, "priority"),
        ({"priority": 10}, "priority"),
        ({"path_patterns": "/api/*"}, "path_patterns"),
        ({"path_patterns": ["/a b"]}, "path_patterns"),
        ({"path_patterns": ["/" + "a" * 128]}, "path_patterns"),
        ({"path_patterns": ["/a", "/a"]}, "path_patterns"),
        ({"host_headers": ["bad_host.example.com"]}, "host_headers"),
        ({"path_patterns": ["/a", "/b", "/c"], "host_headers": ["x.io", "y.io", "z.io"]}, "path"),
        ({"path_patterns": ["/*/*/*", "/*/*/*"]}, "path_patterns"),
    ],
)
def test_routing_rejects(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError, match=rf"Routing\.{field}"):
        Routing(**kwargs).validate()  # type: ignore[arg-type]


def test_next_free_priority() -> None:
    assert next_free_priority(set()) == 100
    assert next_free_priority({100, 110, 130}) == 120
    assert next_free_priority({CATCH_ALL_PRIORITY}) == 100
