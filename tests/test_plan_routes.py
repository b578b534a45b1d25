"""The routes table and the route problems of a plan: the issue's shadowing case (a host-only
rule at 100 hides a host+path rule at 120), overlaps, defaults, and every format."""

from __future__ import annotations

import json
from functools import cache

from fargate_components import (
    Container,
    FargateCluster,
    FargateService,
    FargateServiceArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    Network,
    NetworkArgs,
)
from fargate_components.ecs.load_balancer_component import LoadBalancer, LoadBalancerArgs
from fargate_components.ecs.load_balancing import Routing
from fargate_components.plan.routes import (
    build_routes,
    render_routes_markdown,
    render_routes_text,
    route_problems,
    routes_json,
)
from fargate_components.testing import Plan, run_in_mocks

CERT = "arn:aws:acm:us-east-1:123456789012:certificate/abc"


def _services(routes: dict[str, Routing | None], certificate: str | None = None) -> None:
    net = Network("net", NetworkArgs(az_count=2, nat_gateways="single", flow_logs=False))
    cluster = FargateCluster("apps")
    lb = LoadBalancer("web", LoadBalancerArgs(network=net, certificate_arn=certificate))
    for name, routing in routes.items():
        task = FargateTaskDefinition(
            name,
            FargateTaskDefinitionArgs(
                containers=[Container(name=name, image="nginx:1.27", port_mappings=[80])]
            ),
        )
        FargateService(
            name,
            FargateServiceArgs(
                cluster=cluster,
                task_definition=task,
                network=net,
                load_balancer=lb,
                routing=routing,
            ),
        )


@cache
def shadowed_plan() -> Plan:
    return run_in_mocks(
        lambda: _services(
            {
                "api": Routing(host_headers=["api.example.com"], priority=100),
                "v2": Routing(
                    host_headers=["api.example.com"], path_patterns=["/v2/*"], priority=120
                ),
                "web": None,
            },
            certificate=CERT,
        )
    )


def test_routes_table_in_evaluation_order() -> None:
    listeners = build_routes(shadowed_plan())
    https = next(listener for listener in listeners if listener.protocol == "HTTPS")
    rows = [(r.priority, r.match.describe(), r.services) for r in https.routes]
    assert rows == [
        (100, "host api.example.com", ("api-service",)),
        (120, "host api.example.com and path /v2/*", ("v2-service",)),
        (50000, "path /*", ("web-service",)),
        (None, "any request", ()),
    ]
    assert https.routes[-1].action == 'fixed 404 "no route"'
    http = next(listener for listener in listeners if listener.protocol == "HTTP")
    assert [r.action for r in http.routes] == ["redirect to HTTPS:443 (HTTP_301)"]


def test_shadowed_rule_is_an_error_naming_both_rules() -> None:
    problems = route_problems(build_routes(shadowed_plan()))
    (problem,) = [p for p in problems if p.kind == "shadowed"]
    assert problem.severity == "error"
    assert problem.urn.endswith("::v2-rule") and problem.other_urn.endswith("::api-rule")
    assert "'v2-rule' (priority 120" in problem.message
    assert "'api-rule' (priority 100" in problem.message
    assert "never match" in problem.message
    # The catch-all at 50000 comes after narrower rules: the normal order, no finding.
    assert all(not p.urn.endswith("::web-rule") for p in problems)


def test_specific_first_is_fine_and_partial_overlap_warns() -> None:
    plan = run_in_mocks(
        lambda: _services(
            {
                "v2": Routing(
                    host_headers=["api.example.com"], path_patterns=["/v2/*"], priority=100
                ),
                "api": Routing(host_headers=["api.example.com"], priority=120),
                "admin": Routing(path_patterns=["/admin/*"], priority=130),
            }
        )
    )
    problems = route_problems(build_routes(plan))
    assert [
        (p.kind, p.urn.rsplit("::", 1)[1], p.other_urn.rsplit("::", 1)[1]) for p in problems
    ] == [("overlap", "admin-rule", "api-rule")]
    assert "Host: api.example.com, path /admin/x" in problems[0].message


def test_formats() -> None:
    listeners = build_routes(shadowed_plan())
    text = render_routes_text(listeners)
    assert (
        "120      host api.example.com and path /v2/*  -> forward to v2-tg (service v2-service)"
        in text
    )
    markdown = render_routes_markdown(listeners)
    assert (
        "| 120 | host api.example.com and path /v2/* | forward to v2-tg | v2-service |" in markdown
    )
    data = routes_json(listeners)
    json.dumps(data)
    https = next(item for item in data if item["protocol"] == "HTTPS")
    assert https["rules"][1]["conditions"] == ["host api.example.com", "path /v2/*"]
    assert https["default"]["priority"] == "default"


def test_works_on_plan_json_too() -> None:
    document = json.loads(
        json.dumps({"resources": [r.to_json() for r in shadowed_plan().resources]})
    )
    assert routes_json(build_routes(document)) == routes_json(build_routes(shadowed_plan()))


def test_unknown_arns_fall_back_to_property_dependencies() -> None:
    plan = shadowed_plan()
    records = []
    for r in plan.resources:
        data = r.to_json()
        data["property_dependencies"] = r.property_dependencies
        if r.type == "aws:lb/listenerRule:ListenerRule":
            data["inputs"] = {**data["inputs"], "listenerArn": "[unknown]"}
            data["inputs"]["actions"] = [{"type": "forward", "targetGroupArn": "[unknown]"}]
        records.append(data)
    https = next(x for x in build_routes(records) if x.protocol == "HTTPS")
    assert [r.services for r in https.routes][:3] == [
        ("api-service",),
        ("v2-service",),
        ("web-service",),
    ]


def test_policy_rules_report_shadowed_and_overlapping_rules() -> None:
    from fargate_components.policy import evaluate

    findings = [f for f in evaluate(shadowed_plan()) if f.rule.startswith("FC-ROUTE-")]
    assert [(f.rule, f.severity, f.resource_name) for f in findings] == [
        ("FC-ROUTE-001", "error", "v2-rule")
    ]
    assert "'api-rule' (priority 100" in findings[0].message
    assert findings[0].message.endswith("or narrow the broader rule")
