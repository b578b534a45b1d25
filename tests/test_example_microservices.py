"""Issue 12's Done-when, line by line, on the ecs-microservices starter: three services on one
HTTPS ALB (two call the third over Service Connect), one TCP service behind an NLB, one on
blue/green with alarms and one on canary, all on an existing cluster whose ids come from a
StackReference; the markdown comment shows routes, strategy and surge cost.

Read from the example's snapshot (tests/test_snapshots.py proves it is the example's plan
today), so no planning here; zero error findings and a zero-failure moto simulation are
tests/test_examples.py's parametrised tests for every example."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from fargate_components.model import Plan
from fargate_components.model.tokens import ECS_CLUSTER, ECS_SERVICE, LISTENERS
from fargate_components.plan.markdown import render_markdown
from fargate_components.plan.review import build_review

SNAPSHOT = Path(__file__).parent / "snapshots" / "example-ecs-microservices.json"
INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"


@cache
def _plan() -> Plan:
    return Plan.from_json(json.loads(SNAPSHOT.read_text()))


@cache
def _markdown() -> str:
    plan = _plan()
    return render_markdown(plan, "examples/ecs-microservices", build_review(plan))


def _service(name: str) -> dict[str, Any]:
    return _plan().named(f"{name}-service", ECS_SERVICE).inputs


def test_every_service_runs_on_the_existing_cluster_from_the_stack_reference() -> None:
    plan = _plan()
    assert not plan.of_type(ECS_CLUSTER)  # nothing created: the platform stack's cluster
    assert any(r.type == "pulumi:pulumi:StackReference" for r in plan.resources)
    clusters = {_service(n)["cluster"] for n in ("web", "api", "cart", "mqtt")}
    assert clusters == {"arn:aws:ecs:us-east-1:123456789012:cluster/platform"}


def test_two_services_call_the_third_over_service_connect_and_only_they_reach_it() -> None:
    server = _service("cart")["serviceConnectConfiguration"]
    assert server["enabled"] and server["services"][0]["clientAlias"] == [
        {"dnsName": "cart", "port": 80}
    ]
    for caller in ("web", "api"):
        assert _service(caller)["serviceConnectConfiguration"]["enabled"] is True
    calls = sorted(r.name for r in _plan().of_type(INGRESS) if "-calls-" in r.name)
    assert calls == ["api-calls-cart-8080", "web-calls-cart-8080"]
    assert all(
        r.inputs.get("cidrIpv4") is None for r in _plan().of_type(INGRESS) if "-calls-" in r.name
    )


def test_blue_green_with_alarms_canary_and_an_nlb() -> None:
    api, web = _service("api"), _service("web")
    assert api["deploymentConfiguration"]["strategy"] == "BLUE_GREEN"
    assert (
        api["alarms"]["enable"]
        and api["alarms"]["rollback"]
        and len(api["alarms"]["alarmNames"]) == 2
    )
    assert web["deploymentConfiguration"]["strategy"] == "CANARY"
    listeners = [r for t in LISTENERS for r in _plan().of_type(t)]
    assert any(
        r.inputs.get("protocol") == "TLS" and r.inputs.get("port") == 8883 for r in listeners
    )
    assert _service("mqtt")["loadBalancers"][0]["containerPort"] == 1883


def test_the_markdown_comment_shows_routes_strategy_and_surge_cost() -> None:
    text = _markdown()
    routes = text.split("### Routes", 1)[1].split("\n### ", 1)[0]
    assert "| path /cart/* | forward to cart-tg | cart-service |" in routes
    assert "| path /api/* | forward to api-tg, api-tg-green | api-service |" in routes
    assert "mqtt-nlb TLS:8883" in routes
    deployments = text.split("### Deployments", 1)[1].split("\n### ", 1)[0]
    assert (
        "| api-service | BLUE_GREEN | 2 | +2 tasks (2x), +2 private IPs | 15 min | $0.02/h |"
        in deployments
    )
    assert "| web-service | CANARY |" in deployments
