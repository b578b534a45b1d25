"""One registered resource as every consumer of a plan reads it, and the marks for values a
preview cannot see.

Inputs and outputs are in wire shape (camelCase keys, JSON documents as strings); a value a
real ``pulumi preview`` would not know is :data:`UNKNOWN_MARK`, a secret :data:`SECRET_MARK`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "SECRET_MARK",
    "UNKNOWN_MARK",
    "ResourceRecord",
    "is_known",
    "parse_json",
    "replace_values",
    "strings",
    "truthy",
]

#: How the plan shows a value that is a secret, and one that is unknown until deploy.
SECRET_MARK = "[secret]"
UNKNOWN_MARK = "[unknown]"


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


def strings(value: Any, *, documents: bool = False) -> Iterator[str]:
    """Every string inside ``value`` (mappings, lists and tuples walked). With
    ``documents``, a string holding a JSON object or array (an IAM policy, container
    definitions) is yielded and then walked too."""
    if isinstance(value, str):
        yield value
        if documents:
            text = value.strip()
            if text[:1] in ("{", "[") and len(text) > 1:
                try:
                    parsed = json.loads(text)
                except ValueError:
                    return
                yield from strings(parsed, documents=True)
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from strings(item, documents=documents)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings(item, documents=documents)


def replace_values(value: Any, mapping: Mapping[str, str], *, min_embedded: int = 8) -> Any:
    """``value`` with every string in ``mapping`` replaced (mappings and lists walked): a
    whole string that is a key, and a key of at least ``min_embedded`` characters inside a
    longer string (an ARN, a JSON document, container definitions), longest first so an
    ARN is replaced before the id inside it. How the simulator turns the mock ids a plan
    holds into the ids moto gave the resources they refer to."""
    if not mapping:
        return value
    embedded = sorted((k for k in mapping if len(k) >= min_embedded), key=len, reverse=True)

    def one(text: str) -> str:
        if text in mapping:
            return mapping[text]
        for key in embedded:
            if key in text:
                text = text.replace(key, mapping[key])
        return text

    def walk(item: Any) -> Any:
        if isinstance(item, str):
            return one(item)
        if isinstance(item, dict):
            return {k: walk(v) for k, v in item.items()}
        if isinstance(item, list):
            return [walk(v) for v in item]
        return item

    return walk(value)


@dataclass
class ResourceRecord:
    """One registered resource, as the plan, its consumers and the tests see it.

    ``property_dependencies`` maps a top-level input (wire name) to the URNs of the
    resources its value came from, as the engine receives them: how a reference is found
    when the referenced id is unknown (a real preview) or not distinctive.
    """

    urn: str
    type: str
    name: str
    id: str | None
    parent: str | None
    custom: bool
    inputs: dict[str, Any]
    outputs: dict[str, Any]
    depends_on: list[str]
    property_dependencies: dict[str, list[str]]
    options: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The record in the plan's JSON format (see README, "Plan JSON")."""
        return {
            "urn": self.urn,
            "type": self.type,
            "name": self.name,
            "id": self.id,
            "parent": self.parent,
            "custom": self.custom,
            "inputs": self.inputs,
            "outputs": self.outputs,
            "depends_on": self.depends_on,
            "property_dependencies": self.property_dependencies,
            "options": self.options,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ResourceRecord:
        """A record from its plan JSON (plans written before ``property_dependencies``
        existed read as having none)."""
        return cls(
            urn=str(data.get("urn")),
            type=str(data.get("type")),
            name=str(data.get("name")),
            id=data.get("id"),
            parent=data.get("parent"),
            custom=bool(data.get("custom", True)),
            inputs=dict(data.get("inputs") or {}),
            outputs=dict(data.get("outputs") or {}),
            depends_on=list(data.get("depends_on") or []),
            property_dependencies={
                str(k): list(v) for k, v in (data.get("property_dependencies") or {}).items()
            },
            options=dict(data.get("options") or {}),
        )
