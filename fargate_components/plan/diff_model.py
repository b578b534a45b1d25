"""The plan diff as data: what changes per resource and per key, and the whole diff with its
documented JSON (README "Plan diff JSON")."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .data_loss import DATA_LOSS, Impact
from .replacement import ReplacementOrder

__all__ = ["DIFF_FORMAT_VERSION", "KeyChange", "PlanDiff", "ResourceChange"]

#: Version of the diff JSON (README "Plan diff JSON"); bumped only when a key is removed
#: or changes meaning.
DIFF_FORMAT_VERSION = 1


@dataclass
class KeyChange:
    """One changed top-level input (or option) of a resource."""

    key: str
    paths: list[str]
    replaces: bool = False
    cause: str = "input"  # "input", "cascade" (refers to a replaced resource), "option"
    via: list[str] = field(default_factory=list)
    ignored: bool = False  # listed in ignore_changes: pulumi will not apply it

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "paths": self.paths,
            "replaces": self.replaces,
            "cause": self.cause,
            "via": self.via,
            "ignored": self.ignored,
        }


@dataclass
class ResourceChange:
    """A resource that is created, deleted, updated or replaced."""

    urn: str
    type: str
    name: str
    action: str  # "create", "delete", "update", "replace"
    keys: list[KeyChange] = field(default_factory=list)
    known_type: bool = True
    protected: bool = False
    custom: bool = True
    order: ReplacementOrder | None = None
    """A replacement's order: the old one deleted first or the new one created first, and
    what goes wrong when both share a physical name (:func:`.replacement.replacement_order`)."""

    @property
    def replace_keys(self) -> list[str]:
        return [k.key for k in self.keys if k.replaces and not k.ignored]

    def to_json(self) -> dict[str, Any]:
        return {
            "urn": self.urn,
            "type": self.type,
            "name": self.name,
            "action": self.action,
            "custom": self.custom,
            "replace_keys": self.replace_keys,
            "keys": [k.to_json() for k in self.keys],
            "known_type": self.known_type,
            "protected": self.protected,
            "replacement": self.order.to_json() if self.order is not None else None,
        }


@dataclass
class PlanDiff:
    """Two plans compared. ``to_json()`` is the documented diff JSON."""

    base: dict[str, Any]
    head: dict[str, Any]
    changes: list[ResourceChange]
    unchanged: int
    cost: dict[str, Any]
    findings: dict[str, list[dict[str, Any]]]
    outputs: dict[str, list[str]]
    critical_path: dict[str, Any] = field(default_factory=dict)
    impacts: list[Impact] = field(default_factory=list)
    """Replacements and deletes that lose data or interrupt service (``data_loss`` module)."""

    def count(self, action: str) -> int:
        return sum(1 for c in self.changes if c.action == action)

    @property
    def summary(self) -> dict[str, int]:
        counts = {a: self.count(a) for a in ("create", "update", "replace", "delete")}
        return {**counts, "same": self.unchanged}

    @property
    def has_changes(self) -> bool:
        return bool(self.changes)

    @property
    def data_loss(self) -> list[Impact]:
        return [i for i in self.impacts if i.kind == DATA_LOSS]

    @property
    def downtime(self) -> list[Impact]:
        return [i for i in self.impacts if i.kind != DATA_LOSS]

    def to_json(self) -> dict[str, Any]:
        return {
            "format_version": DIFF_FORMAT_VERSION,
            "kind": "plan-diff",
            "base": self.base,
            "head": self.head,
            "summary": self.summary,
            "changes": [c.to_json() for c in self.changes],
            "cost": self.cost,
            "findings": self.findings,
            "outputs": self.outputs,
            "critical_path": self.critical_path,
            "data_loss": [i.to_json() for i in self.data_loss],
            "downtime": [i.to_json() for i in self.downtime],
        }
