"""model.Graph's load-balancing and deploy-order questions, on hand-written records (pure)."""

from __future__ import annotations

from typing import Any

from fargate_components.model import Graph, ResourceRecord, replace_values
from fargate_components.model.tokens import (
    ECS_SERVICE,
    LISTENER,
    LISTENER_RULE,
    LOAD_BALANCER,
    TARGET_GROUP,
)

UNKNOWN = "[unknown]"


def _record(
    name: str,
    type_: str,
    inputs: dict[str, Any] | None = None,
    *,
    arn: str | None = None,
    parent: str | None = None,
    custom: bool = True,
    deps: dict[str, list[str]] | None = None,
    depends_on: list[str] | None = None,
) -> ResourceRecord:
    return ResourceRecord(
        urn=f"urn:{name}",
        type=type_,
        name=name,
        id=arn,
        parent=parent,
        custom=custom,
        inputs=inputs or {},
        outputs={"arn": arn} if arn else {},
        depends_on=depends_on or [],
        property_dependencies=deps or {},
    )


def _graph() -> Graph:
    lb = _record("edge", LOAD_BALANCER, arn="arn:lb/edge")
    other = _record("other", LOAD_BALANCER, arn="arn:lb/other")
    web = _record("web-tg", TARGET_GROUP, arn="arn:tg/web")
    api = _record("api-tg", TARGET_GROUP, arn="arn:tg/api")
    lonely = _record("lonely-tg", TARGET_GROUP, arn="arn:tg/lonely")
    listener = _record(
        "http",
        LISTENER,
        {
            "loadBalancerArn": "arn:lb/edge",
            "defaultActions": [{"type": "forward", "targetGroupArn": "arn:tg/web"}],
        },
        arn="arn:listener/http",
    )
    # Known only by property dependency (as in a real preview): ids unknown.
    rule = _record(
        "api-rule",
        LISTENER_RULE,
        {
            "listenerArn": UNKNOWN,
            "actions": [{"type": "forward", "forward": {"targetGroups": [{"arn": UNKNOWN}]}}],
        },
        deps={"listenerArn": ["urn:http"], "actions": ["urn:api-tg"]},
    )
    service = _record(
        "api-service",
        ECS_SERVICE,
        {"loadBalancers": [{"targetGroupArn": "arn:tg/api", "containerName": "api"}]},
    )
    return Graph([lb, other, web, api, lonely, listener, rule, service])


def test_load_balancers_of_a_target_group_by_value_and_by_dependency() -> None:
    graph = _graph()
    by_name = {r.name: r for r in graph}
    assert [lb.name for lb in graph.load_balancers_of(by_name["web-tg"])] == ["edge"]
    assert [lb.name for lb in graph.load_balancers_of(by_name["api-tg"])] == ["edge"]
    assert graph.load_balancers_of(by_name["lonely-tg"]) == []


def test_listener_rules_and_forwards() -> None:
    graph = _graph()
    by_name = {r.name: r for r in graph}
    listener, rule = by_name["http"], by_name["api-rule"]
    assert [r.name for r in graph.rules_of(listener)] == ["api-rule"]
    assert graph.listener_of(rule) is listener
    assert graph.load_balancer_of_listener(listener) is by_name["edge"]
    assert [t.name for t in graph.forwarded_groups(listener)] == ["web-tg"]
    assert [t.name for t in graph.forwarded_groups(rule)] == ["api-tg"]
    assert [t.name for t in graph.target_groups_of(by_name["api-service"])] == ["api-tg"]
    assert [s.name for s in graph.services_of(by_name["api-tg"])] == ["api-service"]


def test_dependencies_expand_components_to_their_resources() -> None:
    component = _record("web", "fargate:ecs:FargateService", custom=False)
    sg = _record("web-sg", "aws:ec2/securityGroup:SecurityGroup", parent="urn:web")
    inner = _record("web-inner", "fargate:x:Inner", parent="urn:web", custom=False)
    rule = _record("web-rule", "aws:x:Rule", parent="urn:web-inner")
    user = _record(
        "user",
        "aws:x:User",
        depends_on=["urn:web", "urn:missing"],
        deps={"groupId": ["urn:web-sg", "urn:user"]},
    )
    graph = Graph([component, sg, inner, rule, user])
    assert graph.resources_under("urn:web") == {"urn:web-sg", "urn:web-rule"}
    assert graph.resources_under("urn:missing") == set()
    assert graph.dependencies_of(user) == {"urn:web-sg", "urn:web-rule"}
    assert [c.name for c in graph.children_of("urn:web")] == ["web-sg", "web-inner"]


def test_replace_values_whole_and_embedded_longest_first() -> None:
    mapping = {"sg-1": "sg-moto", "arn:aws:ecs:cluster/apps-1234": "arn:moto", "apps-1234": "x"}
    value = {"a": ["sg-1", "name sg-1"], "b": '{"c": "arn:aws:ecs:cluster/apps-1234"}', "n": 3}
    assert replace_values(value, mapping) == {
        "a": ["sg-moto", "name sg-1"],  # "sg-1" is short: replaced only as a whole string
        "b": '{"c": "arn:moto"}',
        "n": 3,
    }
    assert replace_values(value, {}) is value
