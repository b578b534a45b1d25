"""Policy rules over a listener's routes: a rule that can never match (FC-ROUTE-001) and two
rules that overlap so that priority alone decides (FC-ROUTE-002).

The analysis is :func:`fargate_components.plan.routes.route_problems` (AWS's matching rules
in :mod:`fargate_components.ecs.rule_conditions`); it is computed once per graph and each
listener rule reports the problems it is the later rule of.
"""

from __future__ import annotations

from collections.abc import Iterator
from weakref import WeakKeyDictionary

from ..model import Graph, ResourceRecord
from ..model.tokens import LISTENER_RULES
from ..plan.routes import RouteProblem, build_routes, route_problems
from .rules import _rule

__all__ = ["route_problems_of"]

_CACHE: WeakKeyDictionary[Graph, dict[str, list[RouteProblem]]] = WeakKeyDictionary()


def route_problems_of(graph: Graph) -> dict[str, list[RouteProblem]]:
    """The route problems of ``graph``, by the URN of the rule they are about."""
    cached = _CACHE.get(graph)
    if cached is None:
        cached = {}
        for problem in route_problems(build_routes(graph.resources)):
            cached.setdefault(problem.urn, []).append(problem)
        _CACHE[graph] = cached
    return cached


@_rule(
    "FC-ROUTE-001",
    "error",
    LISTENER_RULES,
    "No listener rule is shadowed by a higher-priority rule that matches all its requests",
    "give the narrower rule a lower priority number than the broader one (e.g. host+path "
    "before host only), or narrow the broader rule",
    needs_graph=True,
)
def _shadowed(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    for problem in route_problems_of(graph).get(record.urn, []):
        if problem.kind == "shadowed":
            yield problem.message


@_rule(
    "FC-ROUTE-002",
    "warning",
    LISTENER_RULES,
    "Listener rules to different targets do not overlap, and no rule is redundant",
    "make the conditions disjoint (or remove the redundant rule); when the overlap is "
    "intended, waive it with the reason",
    needs_graph=True,
)
def _overlap(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    for problem in route_problems_of(graph).get(record.urn, []):
        if problem.kind in ("overlap", "redundant"):
            yield problem.message
