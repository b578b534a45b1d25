"""One small index over a captured resource graph, so rules stay short.

Rules read resources as :class:`~fargate_components.testing.ResourceRecord` (AWS wire shapes:
camelCase inputs, JSON documents as strings). References between resources are resolved two
ways, so the same rule works on an offline plan (ids and ARNs known from the mocks) and on a
real ``pulumi preview`` (ids unknown, but the engine still knows which resource an input came
from): first the property dependencies the engine recorded, then the values themselves
(ids, ARNs and names of the resources in the graph).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from ..testing.recorder import SECRET_MARK, UNKNOWN_MARK, ResourceRecord

__all__ = ["Graph", "is_known", "parse_json", "truthy"]

# Output keys whose values identify a resource when another resource refers to it.
_IDENTITY_KEYS = ("id", "arn", "arnWithoutRevision", "name")


def is_known(value: Any) -> bool:
    """False for the marks the plan uses for values a preview cannot see (unknown, secret)."""
    return value not in (UNKNOWN_MARK, SECRET_MARK)


def truthy(value: Any) -> bool:
    """A wire boolean: ``True`` or the string ``"true"`` (providers accept both)."""
    return value is True or (isinstance(value, str) and value.lower() == "true")


def parse_json(value: Any) -> Any:
    """A JSON document given as a string (task definitions, IAM policies), already parsed
    when it is not a string; ``None`` when it is unknown or not JSON."""
    if isinstance(value, (dict, list)):
        return value
    if not isinstance(value, str) or not is_known(value):
        return None
    try:
        return json.loads(value)
    except ValueError:
        return None


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


class Graph:
    """The resources of one plan (or one preview), indexed by URN, type and identity.

    Example::

        graph = Graph(plan.resources)
        for service in graph.of_type("aws:ecs/service:Service"):
            task_defs = graph.refs(service, "taskDefinition", "aws:ecs/taskDefinition:TaskDefinition")
    """

    def __init__(self, resources: Iterable[ResourceRecord]) -> None:
        self.resources = list(resources)
        self._by_urn = {r.urn: r for r in self.resources}
        self._by_type: dict[str, list[ResourceRecord]] = defaultdict(list)
        self._by_value: dict[str, list[ResourceRecord]] = defaultdict(list)
        for r in self.resources:
            self._by_type[r.type].append(r)
            values = {r.id, *(r.outputs.get(k) for k in _IDENTITY_KEYS)}
            for value in values:
                if isinstance(value, str) and value and is_known(value):
                    self._by_value[value].append(r)

    def __iter__(self) -> Iterator[ResourceRecord]:
        return iter(self.resources)

    def of_type(self, *types: str) -> list[ResourceRecord]:
        """All resources of these type tokens, in registration order."""
        if len(types) == 1:
            return list(self._by_type.get(types[0], []))
        return [r for r in self.resources if r.type in types]

    def by_urn(self, urn: str) -> ResourceRecord | None:
        return self._by_urn.get(urn)

    def lookup(self, value: str, *types: str) -> list[ResourceRecord]:
        """Resources whose id, ARN or name is ``value`` (optionally only of ``types``)."""
        found = self._by_value.get(value, [])
        return [r for r in found if not types or r.type in types]

    def refs(self, record: ResourceRecord, prop: str, *types: str) -> list[ResourceRecord]:
        """The resources (of ``types``, when given) that ``record``'s top-level input ``prop``
        refers to: by recorded property dependency, else by id / ARN / name value."""
        found: dict[str, ResourceRecord] = {}
        for urn in record.property_dependencies.get(prop, []):
            target = self._by_urn.get(urn)
            if target is not None and (not types or target.type in types):
                found[target.urn] = target
        for text in _strings(record.inputs.get(prop)):
            for target in self.lookup(text, *types):
                found.setdefault(target.urn, target)
        return list(found.values())

    def referrers(self, target: ResourceRecord, type_: str, prop: str) -> list[ResourceRecord]:
        """Resources of ``type_`` whose input ``prop`` refers to ``target``."""
        return [
            r for r in self.of_type(type_) if any(t.urn == target.urn for t in self.refs(r, prop))
        ]
