"""Assertions over a plan, with failure messages a reviewer can act on.

Pure functions over a :class:`~fargate_components.testing.Plan` (no mocks, no moto): the
pytest plugin's ``fargate_assert`` fixture exposes them, and they work in any test runner.

Example::

    from fargate_components import (
        Container, FargateCluster, FargateService, FargateServiceArgs, FargateTaskDefinition,
        FargateTaskDefinitionArgs, LoadBalancer, LoadBalancerArgs, Network, NetworkArgs, Routing,
    )
    from fargate_components.testing import run_in_mocks
    from fargate_components.testing.assertions import assert_reachable

    def program():
        net = Network("net", NetworkArgs(nat_gateways="single"))
        alb = LoadBalancer("edge", LoadBalancerArgs(network=net))
        task = FargateTaskDefinition("api", FargateTaskDefinitionArgs(
            cpu=256, memory=512,
            containers=[Container(name="api", image="public.ecr.aws/nginx/nginx:1.27",
                                  port_mappings=[80])]))
        FargateService("api", FargateServiceArgs(
            cluster=FargateCluster("apps"), task_definition=task, network=net,
            load_balancer=alb, routing=Routing(path_patterns=["/api/*"])))

    plan = run_in_mocks(program)
    route = assert_reachable(plan, "api", path="/api/orders")
    assert route.listener_port == 80
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..ecs.rule_conditions import HOST, PATH, Condition, RuleMatch, Verdict, covers
from ..errors import ValidationError
from ..model import Graph
from ..model.tokens import ECS_SERVICE, LISTENERS, TARGET_GROUPS

__all__ = [
    "Route",
    "assert_no_findings_at_or_above",
    "assert_reachable",
    "find_route",
    "routes_to",
]


def _of(plan: Any, types: tuple[str, ...]) -> list[Any]:
    """The plan's records of any of ``types`` (``aws:lb`` and its ``aws:alb`` aliases)."""
    return [r for r in plan if r.type in types]


@dataclass(frozen=True)
class Route:
    """How a request reaches a service: the load balancer, the listener, the rule (``None``
    for the listener's default action) and the target group."""

    load_balancer: str
    internet_facing: bool
    listener: str
    listener_protocol: str
    listener_port: int
    rule: str | None
    priority: int | None
    target_group: str

    def describe(self) -> str:
        """One line, e.g. ``web-alb (internet-facing) HTTPS:443 rule web-rule (priority 10)
        -> web-tg``."""
        facing = "internet-facing" if self.internet_facing else "internal"
        via = f"rule {self.rule} (priority {self.priority})" if self.rule else "default action"
        return (
            f"{self.load_balancer} ({facing}) {self.listener_protocol}:{self.listener_port} "
            f"{via} -> {self.target_group}"
        )


def _arn(record: Any) -> str | None:
    value = record.outputs.get("arn")
    return value if isinstance(value, str) else None


def _forwarded_groups(actions: Iterable[Mapping[str, Any]]) -> set[str]:
    """Target group ARNs an action list forwards to (simple and weighted forwards)."""
    groups: set[str] = set()
    for action in actions or ():
        if action.get("type") != "forward":
            continue
        if action.get("targetGroupArn"):
            groups.add(action["targetGroupArn"])
        for tg in (action.get("forward") or {}).get("targetGroups") or ():
            if tg.get("arn") and tg.get("weight", 1) != 0:
                groups.add(tg["arn"])
    return groups


def _redirect(actions: Iterable[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    for action in actions or ():
        if action.get("type") == "redirect":
            return dict(action.get("redirect") or {})
    return None


def _values(condition: Mapping[str, Any], key: str) -> list[str]:
    return list((condition.get(key) or {}).get("values") or ())


def _rule_matches(conditions: Any, host: str | None, path: str) -> bool:
    """Whether the request (host, path) satisfies a rule's wire-format ``conditions``, by the
    library's one model of ALB matching (:mod:`fargate_components.ecs.rule_conditions`,
    which cites AWS): the request is a rule that matches only itself, and the rule matches
    it when it covers that. A rule that also needs a header, method, query string or source
    address never matches a request given by host and path alone; an undecidable one
    (a regular expression, a value unknown at preview) is not counted as a match."""
    request = [Condition(PATH, (path,))]
    if host is not None:
        request.append(Condition(HOST, (host,)))
    return covers(RuleMatch.from_wire(list(conditions)), RuleMatch(tuple(request))) is Verdict.YES


def routes_to(plan: Any, service: str) -> tuple[Any, set[str]]:
    """The ECS service record named ``service`` (its logical name, e.g. ``"web-service"`` or
    the component name ``"web"``) and the target group ARNs it registers its tasks in."""
    services = list(_of(plan, (ECS_SERVICE,)))
    matches = [s for s in services if s.name in (service, f"{service}-service")]
    if not matches:
        names = ", ".join(sorted(s.name for s in services)) or "none"
        raise AssertionError(f"no ECS service named {service!r} in the plan (services: {names})")
    record = matches[0]
    groups = {lb.get("targetGroupArn") for lb in record.inputs.get("loadBalancers") or ()}
    return record, {g for g in groups if isinstance(g, str)}


def _listeners(graph: Graph) -> list[tuple[Any, Any]]:
    """Every listener with its load balancer (``None`` when the plan does not hold it)."""
    return [
        (listener, graph.load_balancer_of_listener(listener))
        for listener in graph.of_type(*LISTENERS)
    ]


def _evaluate_listener(
    graph: Graph, listener: Any, host: str | None, path: str
) -> tuple[Any | None, set[str], Mapping[str, Any] | None]:
    """The rule that wins for (host, path) on ``listener`` (``None``: the default action), the
    target groups it forwards to and its redirect, if any."""
    rules = graph.rules_of(listener)
    for rule in sorted(rules, key=lambda r: int(r.inputs.get("priority") or 0)):
        if _rule_matches(rule.inputs.get("conditions") or (), host, path):
            actions = rule.inputs.get("actions") or ()
            return rule, _forwarded_groups(actions), _redirect(actions)
    defaults = listener.inputs.get("defaultActions") or ()
    return None, _forwarded_groups(defaults), _redirect(defaults)


def find_route(plan: Any, service: str, host: str | None = None, path: str = "/") -> Route | None:
    """The route a request for ``host`` + ``path`` takes to ``service``, following ALB rule
    priority (lowest first, then the listener's default action) on every listener of the
    plan; a listener that redirects (HTTP to HTTPS) is followed to the listener it names.

    Args:
        plan: the plan to search.
        service: the ECS service's logical name (``"web-service"``) or component name (``"web"``).
        host: the request's host. Default ``None``: a request to the load balancer's own DNS
            name, which matches no host-header condition.
        path: the request path (no query string). Default ``"/"``.
    """
    _check_request(host, path, "find_route")
    _, groups = routes_to(plan, service)
    graph = Graph(plan)
    names = {_arn(tg): tg.name for tg in graph.of_type(*TARGET_GROUPS)}
    listeners = _listeners(graph)
    for listener, balancer in listeners:
        current, seen = listener, set()
        while current is not None and current.urn not in seen:
            seen.add(current.urn)
            rule, forwarded, redirect = _evaluate_listener(graph, current, host, path)
            hit = forwarded & groups
            if hit:
                return Route(
                    load_balancer=balancer.name if balancer else "?",
                    internet_facing=not bool(balancer and balancer.inputs.get("internal")),
                    listener=current.name,
                    listener_protocol=str(current.inputs.get("protocol") or "?"),
                    listener_port=int(current.inputs.get("port") or 0),
                    rule=rule.name if rule else None,
                    priority=int(rule.inputs["priority"]) if rule else None,
                    target_group=names.get(sorted(hit)[0], sorted(hit)[0]),
                )
            current = _redirect_target(listeners, balancer, current, redirect)
    return None


def _check_request(host: str | None, path: str, where: str) -> None:
    """A request path starts with ``/`` and has no query string; a host has no scheme; neither
    has a wildcard (a request is one concrete host and path)."""
    if not isinstance(path, str) or not path.startswith("/") or any(c in path for c in "?*"):
        raise ValidationError(f"{where}.path", path, "a request path such as '/api/orders'")
    bad_host = not isinstance(host, str) or not host or any(c in host for c in "/*?")
    if host is not None and bad_host:
        raise ValidationError(f"{where}.host", host, "a host name such as 'shop.example.com'")


def _redirect_target(
    listeners: list[tuple[Any, Any]],
    balancer: Any,
    listener: Any,
    redirect: Mapping[str, Any] | None,
) -> Any | None:
    """The listener of the same load balancer that a redirect action sends the request to."""
    if not redirect or balancer is None:
        return None
    port = str(redirect.get("port") or listener.inputs.get("port"))
    for other, lb in listeners:
        if lb is not None and lb.urn == balancer.urn and str(other.inputs.get("port")) == port:
            return other
    return None


def assert_reachable(plan: Any, service: str, host: str | None = None, path: str = "/") -> Route:
    """Assert that a request for ``host`` + ``path`` is routed to ``service``; return the
    :class:`Route`. The failure message lists every route the service does have.

    Args:
        plan: the plan to check.
        service: the ECS service's logical name (``"web-service"``) or component name (``"web"``).
        host: the request's host. Default ``None`` (the load balancer's DNS name).
        path: the request path. Default ``"/"``.
    """
    _check_request(host, path, "assert_reachable")
    route = find_route(plan, service, host, path)
    if route is not None:
        return route
    record, groups = routes_to(plan, service)
    where = f"{host or '<load balancer DNS name>'}{path}"
    if not groups:
        raise AssertionError(
            f"service {record.name} is not reachable at {where}: it is attached to no target group"
        )
    raise AssertionError(
        f"service {record.name} is not reachable at {where}; what routes to it:\n"
        + "\n".join(_describe_routes(Graph(plan), groups))
    )


def _describe_routes(graph: Graph, groups: set[str]) -> list[str]:
    lines = []
    for listener, balancer in _listeners(graph):
        where = f"{balancer.name if balancer else '?'} {listener.inputs.get('protocol')}:{listener.inputs.get('port')}"
        for rule in graph.rules_of(listener):
            if _forwarded_groups(rule.inputs.get("actions") or ()) & groups:
                conditions = [
                    f"{key} {values}"
                    for c in rule.inputs.get("conditions") or ()
                    for key, spec in c.items()
                    if isinstance(spec, dict) and (values := spec.get("values"))
                ]
                lines.append(
                    f"  {where} rule {rule.name} (priority {rule.inputs.get('priority')}): "
                    + (" and ".join(conditions) or "no conditions")
                )
        if _forwarded_groups(listener.inputs.get("defaultActions") or ()) & groups:
            lines.append(f"  {where} default action")
    return lines or ["  nothing: no listener or rule forwards to its target groups"]


def assert_no_findings_at_or_above(
    plan: Any, severity: str = "error", *, waivers: Any = None, unverified: bool = False
) -> list[Any]:
    """Assert that no unwaived policy finding is at or above ``severity``; return all findings.

    Counts what ``plan --fail-on <severity>`` counts: an *unverified* result (a rule that could
    not decide, e.g. on a value unknown at preview) is returned but does not fail the
    assertion unless ``unverified=True``, which, like ``--fail-on-unverified``, fails on any
    unwaived one.

    Args:
        plan: the plan to check.
        severity: ``"error"``, ``"warning"`` or ``"advisory"``. Default ``"error"``.
        waivers: a waiver file path, mapping or ``Waivers``. Default none (tags still waive).
        unverified: also fail on an unwaived unverified result. Default ``False``.
    """
    from ..policy import SEVERITIES, evaluate, render_findings_text

    if severity not in SEVERITIES:
        raise ValidationError(
            "assert_no_findings_at_or_above.severity", severity, f"one of {', '.join(SEVERITIES)}"
        )
    if not isinstance(unverified, bool):
        raise ValidationError(
            "assert_no_findings_at_or_above.unverified", unverified, "True or False"
        )
    findings = evaluate(plan, waivers)
    limit = SEVERITIES.index(severity)
    bad = [
        f
        for f in findings
        if not f.waived and (unverified if f.unverified else SEVERITIES.index(f.severity) <= limit)
    ]
    if bad:
        raise AssertionError(
            f"expected no finding at or above {severity}"
            + (" and no unverified result" if unverified else "")
            + f", found {len(bad)}:\n"
            + render_findings_text(bad)
        )
    return findings
