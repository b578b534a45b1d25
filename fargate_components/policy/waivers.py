"""Waivers: how a finding is accepted on purpose, with a reason, for one resource.

Two ways, both documented in the README ("Policy rules"):

1. A tag on the resource itself, ``fargate:waive``, whose value lists rule ids each with a
   reason, separated by ``;``::

       tags={"fargate:waive": "FC-ALB-004: dev stack, deleted nightly; FC-ALB-005: no log bucket"}

2. For resources that take no tags (role policies, capacity providers, ...), a waiver file
   (YAML or JSON) passed to ``evaluate(plan, waivers="waivers.yaml")``: rule id -> list of
   ``{resource: <logical-name glob or URN>, reason: <text>}``::

       FC-IAM-001:
         - resource: "web-exec-*"
           reason: "the managed ECS execution policy is attached as a document"

A waived finding stays in the output with ``"waived": "<reason>"`` and no longer counts for
``--fail-on``. A waiver without a reason waives nothing.
"""

from __future__ import annotations

import fnmatch
import json
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .._component import WAIVER_TAG
from ..errors import ValidationError
from ..testing.recorder import ResourceRecord

__all__ = [
    "WAIVER_TAG",
    "FileWaiver",
    "Waivers",
    "load_waivers",
    "parse_waiver_tag",
    "tag_waivers",
]

RULE_ID = re.compile(r"^FC-[A-Z]+-\d{3}$")


def parse_waiver_tag(value: str) -> tuple[dict[str, str], list[str]]:
    """Parse a ``fargate:waive`` tag value into ``{rule id: reason}`` and the entries that
    could not be read (no ``RULE-ID: reason`` shape, or an empty reason)."""
    waived: dict[str, str] = {}
    problems: list[str] = []
    for raw in value.split(";"):
        entry = raw.strip()
        if not entry:
            continue
        rule, sep, reason = entry.partition(":")
        rule, reason = rule.strip(), reason.strip()
        if not sep or not reason or not RULE_ID.match(rule):
            problems.append(entry)
        else:
            waived[rule] = reason
    return waived, problems


def tag_waivers(record: ResourceRecord | None) -> dict[str, str]:
    """The rules a resource waives through its own ``fargate:waive`` tag."""
    if record is None:
        return {}
    tags = record.inputs.get("tags")
    value = tags.get(WAIVER_TAG) if isinstance(tags, dict) else None
    return parse_waiver_tag(value)[0] if isinstance(value, str) else {}


@dataclass(frozen=True)
class FileWaiver:
    """One waiver-file entry: ``resource`` is a glob over logical names, or a URN (glob)."""

    rule: str
    resource: str
    reason: str

    def matches(self, record: ResourceRecord) -> bool:
        return fnmatch.fnmatchcase(record.name, self.resource) or fnmatch.fnmatchcase(
            record.urn, self.resource
        )


class Waivers:
    """The waivers of one waiver file (empty when none is given)."""

    def __init__(self, entries: Iterable[FileWaiver] = ()) -> None:
        self.entries = list(entries)

    def reason(self, rule: str, record: ResourceRecord | None) -> str | None:
        """The reason ``rule`` is waived for ``record``, or ``None``."""
        if record is None:
            return None
        for entry in self.entries:
            if entry.rule == rule and entry.matches(record):
                return entry.reason
        return None

    @classmethod
    def from_mapping(
        cls, data: Any, known_rules: Collection[str] | None = None, source: str = "waivers"
    ) -> Waivers:
        """Validate a loaded waiver document (see the module docstring for its shape)."""
        if data is None:
            return cls()
        if not isinstance(data, Mapping):
            raise ValidationError(source, data, "a mapping of rule id to a list of waivers")
        entries = []
        for rule, items in data.items():
            where = f"{source}[{rule!r}]"
            if not isinstance(rule, str) or not RULE_ID.match(rule):
                raise ValidationError(where, rule, "a rule id such as 'FC-ALB-004'")
            if known_rules is not None and rule not in known_rules:
                raise ValidationError(where, rule, f"one of {', '.join(sorted(known_rules))}")
            if not isinstance(items, list) or not items:
                raise ValidationError(where, items, "a non-empty list of {resource, reason}")
            for i, item in enumerate(items):
                resource = item.get("resource") if isinstance(item, Mapping) else None
                reason = item.get("reason") if isinstance(item, Mapping) else None
                if not isinstance(resource, str) or not resource.strip():
                    raise ValidationError(
                        f"{where}[{i}].resource", resource, "a logical-name glob or a URN"
                    )
                if not isinstance(reason, str) or not reason.strip():
                    raise ValidationError(
                        f"{where}[{i}].reason", reason, "a non-empty reason for the waiver"
                    )
                entries.append(FileWaiver(rule, resource.strip(), reason.strip()))
        return cls(entries)


def load_waivers(
    source: str | Path | Mapping[str, Any] | Waivers | None,
    known_rules: Collection[str] | None = None,
) -> Waivers:
    """Waivers from a file path (``.json``, else YAML), an already-loaded mapping, or a
    :class:`Waivers`. Bad content raises :class:`~fargate_components.ValidationError`."""
    if source is None:
        return Waivers()
    if isinstance(source, Waivers):
        return source
    if isinstance(source, Mapping):
        return Waivers.from_mapping(source, known_rules)
    if not isinstance(source, (str, Path)):
        return Waivers.from_mapping(source, known_rules)  # rejects it with a clear message
    path = Path(source)
    if not path.is_file():
        raise ValidationError("waivers", str(source), "the path of a YAML or JSON waiver file")
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as exc:
        raise ValidationError("waivers", str(source), f"valid YAML or JSON ({exc})") from exc
    return Waivers.from_mapping(data, known_rules, source=str(source))
