"""The routes of a plan: every load-balancer listener, its rules in evaluation order (priority,
conditions, action, target group, ECS service) and its default action — and the rules that
can never match or that overlap another rule.

Read from the AWS wire shapes of the plan's records (listeners, listener rules, target
groups, ECS services), so it works for any Pulumi program, on a :class:`Plan` and on a plan
JSON document alike. Which requests a rule matches is decided by
:mod:`fargate_components.ecs.rule_conditions` (AWS's matching rules, cited there).

Problems found (:func:`route_problems`):

- ``shadowed`` (error): a rule with a higher priority (lower number) on the same listener
  matches every request this rule matches, so this one never matches; its target is
  unreachable through it. When both rules send requests to the same place the later one is
  only redundant (a warning).
- ``overlap`` (warning): two rules sending requests to different places both match some
  request and neither contains the other, so which one wins is decided by priority alone; the
  message shows such a request.
- ``unverified``: a comparison that depends on a regular expression or a value unknown at
  preview is not guessed at; it is listed instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .._markdown import cell
from ..ecs.rule_conditions import RuleMatch, Verdict, covers, overlap
from ..model import UNKNOWN_MARK, Graph, ResourceRecord
from ..model.tokens import LISTENERS

__all__ = [
    "ListenerRoutes",
    "Route",
    "RouteProblem",
    "build_routes",
    "render_routes_markdown",
    "render_routes_text",
    "route_problems",
    "routes_json",
]


_UNKNOWN = UNKNOWN_MARK


@dataclass(frozen=True)
class Route:
    """One rule of a listener (or its default action, ``priority=None``)."""

    name: str
    urn: str
    priority: int | None
    match: RuleMatch
    action: str
    """``forward ...``, ``redirect ...``, ``fixed-response ...``, in words."""
    target_groups: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    destination: tuple[str, ...] = ()
    """What the action leads to, for comparing two rules (target-group URNs, or the
    action's own description)."""

    @property
    def is_default(self) -> bool:
        return self.priority is None

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.name,
            "urn": self.urn,
            "priority": "default" if self.priority is None else self.priority,
            "conditions": [c.describe() for c in self.match.conditions],
            "action": self.action,
            "target_groups": list(self.target_groups),
            "services": list(self.services),
        }


@dataclass(frozen=True)
class ListenerRoutes:
    """A listener and its rules in evaluation order; the default action last."""

    listener: str
    urn: str
    load_balancer: str | None
    protocol: str | None
    port: int | None
    routes: tuple[Route, ...] = ()

    @property
    def label(self) -> str:
        where = ":".join(str(x) for x in (self.protocol, self.port) if x is not None)
        owner = f"{self.load_balancer} " if self.load_balancer else ""
        return f"{owner}{where or '?'} (listener {self.listener})".strip()

    def to_json(self) -> dict[str, Any]:
        return {
            "listener": self.listener,
            "urn": self.urn,
            "load_balancer": self.load_balancer,
            "protocol": self.protocol,
            "port": self.port,
            "rules": [r.to_json() for r in self.routes if not r.is_default],
            "default": next((r.to_json() for r in self.routes if r.is_default), None),
        }


@dataclass(frozen=True)
class RouteProblem:
    """A rule that never matches, or two rules that overlap, or a comparison not made."""

    kind: str
    """``shadowed``, ``redundant``, ``overlap`` or ``unverified``."""
    severity: str
    """``error``, ``warning``, or ``unverified``."""
    urn: str
    """The later rule (the one affected)."""
    other_urn: str
    message: str

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "severity": self.severity,
            "urn": self.urn,
            "other": self.other_urn,
            "message": self.message,
        }


def _describe_action(actions: Any, groups: Sequence[str]) -> str:
    if not isinstance(actions, list) or not actions:
        return "unknown at preview" if actions == _UNKNOWN else "none"
    last = actions[-1] if isinstance(actions[-1], Mapping) else {}
    kind = last.get("type", "?")
    if kind == "forward":
        return "forward to " + (", ".join(groups) or "a target group unknown at preview")
    if kind == "redirect":
        redirect = last.get("redirect") or {}
        parts = [redirect.get("protocol"), redirect.get("port")]
        where = ":".join(str(p) for p in parts if p)
        return f"redirect to {where or '?'} ({redirect.get('statusCode', '?')})"
    if kind == "fixed-response":
        fixed = last.get("fixedResponse") or {}
        body = fixed.get("messageBody")
        shown = f' "{body}"' if body else ""
        return f"fixed {fixed.get('statusCode', '?')}{shown}"
    return str(kind)


def _route(graph: Graph, record: ResourceRecord, actions: Any, priority: int | None) -> Route:
    groups = {tg.urn: tg for tg in graph.forwarded_groups(record)}
    services: list[str] = []
    for group in groups.values():
        for service in graph.services_of(group):
            if service.name not in services:
                services.append(service.name)
    names = tuple(g.name for g in groups.values())
    action = _describe_action(actions, names)
    match = (
        RuleMatch() if priority is None else RuleMatch.from_wire(record.inputs.get("conditions"))
    )
    return Route(
        name=record.name,
        urn=record.urn,
        priority=priority,
        match=match,
        action=action,
        target_groups=names,
        services=tuple(services),
        destination=tuple(sorted(groups)) or (action,),
    )


def build_routes(source: Any) -> list[ListenerRoutes]:
    """Every listener of the plan with its rules (lowest priority number first) and its
    default action, in registration order of the listeners."""
    graph = Graph(source)
    out: list[ListenerRoutes] = []
    for listener in graph.of_type(*LISTENERS):
        inputs = listener.inputs
        owner = graph.load_balancer_of_listener(listener)
        routes = []
        for rule in graph.rules_of(listener):
            priority = rule.inputs.get("priority")
            if not isinstance(priority, int):
                priority = 0  # unknown: shown first, compared with nothing (see route_problems)
            routes.append(_route(graph, rule, rule.inputs.get("actions"), priority))
        routes.sort(key=lambda r: (r.priority or 0, r.name))
        routes.append(_route(graph, listener, inputs.get("defaultActions"), None))
        port = inputs.get("port")
        protocol = inputs.get("protocol")
        out.append(
            ListenerRoutes(
                listener=listener.name,
                urn=listener.urn,
                load_balancer=owner.name if owner else None,
                protocol=protocol if isinstance(protocol, str) else None,
                port=port if isinstance(port, int) else None,
                routes=tuple(routes),
            )
        )
    return out


def _request(example: Mapping[str, str]) -> str:
    parts = []
    for key, value in example.items():
        if key == "host":
            parts.append(f"Host: {value}")
        elif key == "path":
            parts.append(f"path {value}")
        elif key == "query":
            parts.append(f"query ?{value}")
        elif key == "method":
            parts.append(f"method {value}")
        elif key == "source_ip":
            parts.append(f"from {value}")
        else:
            parts.append(f"{key.removeprefix('header ')}: {value}")
    return ", ".join(parts) or "any request"


def _who(route: Route) -> str:
    where = ", ".join(route.services) or ", ".join(route.target_groups) or route.action
    return f"rule {route.name!r} (priority {route.priority}: {route.match.describe()} -> {where})"


def _pair(listener: ListenerRoutes, first: Route, later: Route) -> RouteProblem | None:
    verdict = covers(first.match, later.match)
    same = first.destination == later.destination
    if verdict is Verdict.YES:
        if same:
            return RouteProblem(
                "redundant",
                "warning",
                later.urn,
                first.urn,
                f"{_who(later)} never matches on {listener.label}: {_who(first)} is evaluated "
                "first and matches every request it does, sending them to the same place",
            )
        return RouteProblem(
            "shadowed",
            "error",
            later.urn,
            first.urn,
            f"{_who(later)} can never match on {listener.label}: {_who(first)} is evaluated "
            "first and matches every request it does, so its target is unreachable through it",
        )
    if verdict is Verdict.UNDECIDED:
        reason = first.match.undecidable or later.match.undecidable or "a regular expression"
        return RouteProblem(
            "unverified",
            "unverified",
            later.urn,
            first.urn,
            f"whether {_who(first)} shadows {_who(later)} on {listener.label} is not checked: "
            f"it depends on {reason}",
        )
    if same:
        return None
    example = overlap(first.match, later.match)
    if not isinstance(example, dict) or covers(later.match, first.match) is Verdict.YES:
        # Disjoint, undecidable, or the earlier rule is the narrower one (the usual
        # "specific before general" order): nothing to say.
        return None
    return RouteProblem(
        "overlap",
        "warning",
        later.urn,
        first.urn,
        f"{_who(first)} and {_who(later)} on {listener.label} both match some requests "
        f"(e.g. {_request(example)}) and neither contains the other; priority alone sends "
        f"them to {first.name!r}",
    )


def route_problems(listeners: Iterable[ListenerRoutes]) -> list[RouteProblem]:
    """Shadowed, redundant and overlapping rules of every listener, plus the comparisons
    that could not be made (``unverified``). A rule shadowed by one rule is not also
    reported as overlapping others."""
    problems: list[RouteProblem] = []
    for listener in listeners:
        rules = [r for r in listener.routes if not r.is_default]
        for i, later in enumerate(rules):
            found: list[RouteProblem] = []
            for first in rules[:i]:
                if first.priority == later.priority:
                    continue  # unknown priorities: no order to reason about
                problem = _pair(listener, first, later)
                if problem is not None:
                    found.append(problem)
            dead = [p for p in found if p.kind in ("shadowed", "redundant")]
            problems.extend(dead[:1] if dead else found)
    return problems


def routes_json(listeners: Iterable[ListenerRoutes]) -> list[dict[str, Any]]:
    """The plan JSON key ``routes``."""
    return [listener.to_json() for listener in listeners]


def _where(route: Route) -> str:
    if route.services:
        return f"{route.action} (service {', '.join(route.services)})"
    return route.action


def render_routes_text(listeners: Sequence[ListenerRoutes]) -> str:
    """Routes as an indented table, one listener per block."""
    if not listeners:
        return "Routes: no load-balancer listeners."
    lines = ["Routes (evaluated top to bottom)"]
    for listener in listeners:
        lines.append(f"  {listener.label}")
        rows = [
            (
                "default" if r.is_default else str(r.priority),
                "-" if r.is_default else r.match.describe(),
                _where(r),
            )
            for r in listener.routes
        ]
        width = max(len(p) for p, _, _ in rows)
        cond = max(len(c) for _, c, _ in rows)
        for priority, conditions, where in rows:
            lines.append(f"    {priority:<{width}}  {conditions:<{cond}}  -> {where}")
    return "\n".join(lines)


def render_routes_markdown(listeners: Sequence[ListenerRoutes]) -> str:
    """Routes as one Markdown table (listener, priority, conditions, action, service)."""
    if not listeners:
        return "**Routes:** no load-balancer listeners."
    lines = [
        "| Listener | Priority | Conditions | Action | Service |",
        "|---|---|---|---|---|",
    ]
    for listener in listeners:
        for r in listener.routes:
            lines.append(
                f"| {cell(listener.label)} | {'default' if r.is_default else r.priority} "
                f"| {cell('-' if r.is_default else r.match.describe())} | {cell(r.action)} "
                f"| {cell(', '.join(r.services) or '-')} |"
            )
    return "\n".join(lines)
