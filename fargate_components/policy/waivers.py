"""Waivers: how a finding is accepted on purpose, with a reason, for one resource.

Two ways, both documented in the README ("Policy rules"):

1. A tag on the resource itself, one per rule: key ``fargate:waive:<RULE-ID>``, value the
   reason (``fargate_components.tags.waiver_tag`` builds it)::

       tags={"fargate:waive:FC-ALB-004": "dev stack - deleted nightly expires=2027-06-30"}

   The value is the reason, optionally followed by one last word ``expires=YYYY-MM-DD``
   (``fargate_components.tags.parse_waiver_value``): from that day (UTC) on the tag waives
   nothing and is itself reported as ``FC-WAIVE-002`` on its resource, like an expired file
   entry. Components refuse a malformed waiver tag at construction; on resources the library
   didn't build, ``FC-WAIVE-001`` reports it. Tag values may only hold letters, digits, spaces and ``_ . : / = + - @`` on most
   services (ELB, ECS, IAM, CloudWatch Logs; see ``fargate_components.tags``), so a reason
   can't use ``,`` ``;`` or parentheses. The older single tag ``fargate:waive`` whose value
   lists ``RULE-ID: reason`` entries separated by ``;`` is still read, but ``;`` is refused
   by all of those services: it only works on EC2 resources.

2. For resources that take no tags (role policies, capacity providers, ...), a waiver file
   (YAML or JSON) passed to ``evaluate(plan, waivers="waivers.yaml")``: rule id -> list of
   ``{resource: <logical-name glob or URN>, reason: <text>}``::

       FC-IAM-001:
         - resource: "web-exec-*"
           reason: "the managed ECS execution policy is attached as a document"
           expires: 2027-06-30        # optional

   An entry has exactly the keys ``resource`` and ``reason``, and optionally ``expires``
   (an ISO date, ``YYYY-MM-DD``); any other key is an error, so a misspelt ``expire:`` can't
   make a waiver last for ever. From its ``expires`` date on (UTC), an entry waives nothing and
   is itself reported as an ``FC-WAIVE-002`` finding on each resource it used to waive (or
   once on the stack when it matches nothing).

3. On a Kubernetes object (no tags), Checkov's own annotation
   ``checkov.io/skip1: CKV_K8S_43=<reason>`` waives that Checkov check and the rule of ours
   that names it (``Rule.checkov``: FC-K8S-008 for CKV_K8S_43), which judges the same thing
   and is reported in its place.

A waived finding stays in the output with ``"waived": "<reason>"`` and no longer counts for
``--fail-on``. A waiver without a reason waives nothing.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import json
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .._component import WAIVER_TAG
from ..eks.support_calendar import today as pinned_today
from ..errors import ValidationError
from ..model import ResourceRecord
from ..model.tokens import KUBERNETES_PREFIX, STACK
from ..tags import WAIVER_TAG_PREFIX, parse_waiver_value
from ..timefmt import day
from .model import Finding

__all__ = [
    "EXPIRED_RULE",
    "WAIVER_KEYS",
    "WAIVER_TAG",
    "WAIVER_TAG_PREFIX",
    "FileWaiver",
    "TagWaiver",
    "Waivers",
    "checkov_annotation_waivers",
    "load_waivers",
    "parse_waiver_tag",
    "rule_tag_waivers",
    "tag_waiver_entries",
    "tag_waivers",
]

#: Our rule ids (``FC-ALB-004``) and Checkov's (``CKV_AWS_91``, ``CKV2_AWS_28``,
#: ``CKV_K8S_8``: ``plan --scan checkov``).
RULE_ID = re.compile(r"^(FC-[A-Z]+-\d{3}|CKV2?_[A-Z0-9]+_\d+)$")
CHECKOV_ID = re.compile(r"^CKV2?_[A-Z0-9]+_\d+$")

#: The keys a waiver-file entry may have.
WAIVER_KEYS = ("resource", "reason", "expires")

#: The id of the finding that reports an expired waiver-file entry.
EXPIRED_RULE = "FC-WAIVE-002"


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


@dataclass(frozen=True)
class TagWaiver:
    """One ``fargate:waive:<RULE-ID>`` tag, read."""

    rule: str
    reason: str
    expires: dt.date | None = None
    """The first day (UTC) on which the tag waives nothing. Default: None (never)."""

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and today >= self.expires


def tag_waiver_entries(tags: Mapping[str, Any]) -> tuple[list[TagWaiver], list[str]]:
    """The ``fargate:waive:<RULE-ID>`` tags, read, and the keys that could not be read (no
    rule id after the prefix, no reason, or a malformed ``expires=``), each with why."""
    entries: list[TagWaiver] = []
    problems: list[str] = []
    for key, value in tags.items():
        if not isinstance(key, str) or not key.startswith(WAIVER_TAG_PREFIX):
            continue
        rule = key[len(WAIVER_TAG_PREFIX) :]
        if not RULE_ID.match(rule):
            problems.append(f"{key!r} (no rule id after the prefix)")
            continue
        if not isinstance(value, str):
            continue  # unknown at preview: nothing to read, and nothing waived
        try:
            reason, expires = parse_waiver_value(value)
        except ValueError as exc:
            problems.append(f"{key!r} (the value should be {exc})")
            continue
        entries.append(TagWaiver(rule, reason, expires))
    return entries, problems


def rule_tag_waivers(
    tags: Mapping[str, Any], today: dt.date | None = None
) -> tuple[dict[str, str], list[str]]:
    """The ``fargate:waive:<RULE-ID>`` tags still in force on ``today`` (default: today):
    ``{rule id: reason}``, and the tags that could not be read (see :func:`tag_waiver_entries`)."""
    entries, problems = tag_waiver_entries(tags)
    day = today or utc_today()
    return {e.rule: e.reason for e in entries if not e.expired(day)}, problems


def _tags(record: ResourceRecord | None) -> dict[str, Any]:
    tags = record.inputs.get("tags") if record is not None else None
    return tags if isinstance(tags, dict) else {}


def tag_waivers(record: ResourceRecord | None, today: dt.date | None = None) -> dict[str, str]:
    """The rules a resource waives through its own tags on ``today`` (default: today):
    ``fargate:waive:<RULE-ID>`` keys not expired, and the older combined ``fargate:waive`` tag."""
    tags = _tags(record)
    value = tags.get(WAIVER_TAG)
    combined = parse_waiver_tag(value)[0] if isinstance(value, str) else {}
    return {**combined, **rule_tag_waivers(tags, today)[0]}


#: Checkov's own skip on a Kubernetes object: ``checkov.io/skip<N>: <CHECK-ID>=<reason>``.
_CHECKOV_SKIP = re.compile(r"^checkov\.io/skip\d+$")


def checkov_annotation_waivers(record: ResourceRecord | None) -> dict[str, str]:
    """``{Checkov id: reason}`` of a Kubernetes object's ``checkov.io/skipN`` annotations
    (Checkov's format, ``CKV_K8S_43=<reason>``); a skip without a reason waives nothing.
    Kubernetes objects take no tags: this is how one of our rules that names a Checkov check
    (``Rule.checkov``) is waived on one, by the same annotation that waives the check."""
    if record is None or not record.type.startswith(KUBERNETES_PREFIX):
        return {}
    metadata = record.inputs.get("metadata")
    annotations = metadata.get("annotations") if isinstance(metadata, Mapping) else None
    found: dict[str, str] = {}
    for key, value in annotations.items() if isinstance(annotations, Mapping) else ():
        if not (isinstance(key, str) and _CHECKOV_SKIP.match(key) and isinstance(value, str)):
            continue
        check, _, reason = value.partition("=")
        if CHECKOV_ID.match(check.strip()) and reason.strip():
            found[check.strip()] = reason.strip()
    return found


def _expired_message(name: str, what: str, rule: str, since: Any, reason: str, hit: bool) -> str:
    verdict = "no longer waives it" if hit else "matches no finding; remove it"
    return (
        f"{name}: the waiver of {rule} {what} expired on {day(since) if isinstance(since, dt.date) else since} ({reason!r}) and {verdict}. "
        "Fix: fix the finding, or renew the waiver with a new expiry and a reason"
    )


def expired_tag_findings(
    findings: Iterable[Finding], records: Iterable[ResourceRecord], today: dt.date
) -> list[Finding]:
    """One ``FC-WAIVE-002`` finding per expired ``fargate:waive:<RULE-ID>`` tag, on its
    resource: it no longer waives the finding there (or there is none to waive)."""
    found = {(f.rule, f.urn) for f in findings}
    out: list[Finding] = []
    for record in records:
        for entry in tag_waiver_entries(_tags(record))[0]:
            if entry.expired(today):
                hit = (entry.rule, record.urn) in found
                what = f"by the tag {WAIVER_TAG_PREFIX}{entry.rule}"
                message = _expired_message(
                    record.name, what, entry.rule, entry.expires, entry.reason, hit
                )
                out.append(Finding(EXPIRED_RULE, "warning", record.urn, message))
    return out


@dataclass(frozen=True)
class FileWaiver:
    """One waiver-file entry: ``resource`` is a glob over logical names, or a URN (glob)."""

    rule: str
    resource: str
    reason: str
    expires: dt.date | None = None
    """The first day (UTC) on which the entry waives nothing. Default: None (never)."""

    def matches(self, record: ResourceRecord) -> bool:
        return fnmatch.fnmatchcase(record.name, self.resource) or fnmatch.fnmatchcase(
            record.urn, self.resource
        )

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and today >= self.expires


def utc_today() -> dt.date:
    """Today in UTC, or ``FARGATE_COMPONENTS_TODAY`` when set (so plans are reproducible)."""
    return pinned_today()


class Waivers:
    """The waivers of one waiver file (empty when none is given). ``today`` decides which
    entries have expired. Default: the current UTC date."""

    def __init__(self, entries: Iterable[FileWaiver] = (), today: dt.date | None = None) -> None:
        self.entries = list(entries)
        self.today = today or utc_today()

    def reason(self, rule: str, record: ResourceRecord | None) -> str | None:
        """The reason ``rule`` is waived for ``record``, or ``None`` (also when the only
        matching entries have expired)."""
        if record is None:
            return None
        for entry in self.entries:
            if entry.rule == rule and entry.matches(record) and not entry.expired(self.today):
                return entry.reason
        return None

    def expired_findings(
        self, findings: Iterable[Finding], records: Iterable[ResourceRecord]
    ) -> list[Finding]:
        """One ``FC-WAIVE-002`` finding per resource an expired entry would have waived a
        finding of; once on the stack (or the first resource) for an entry that matches none."""
        expired = [e for e in self.entries if e.expired(self.today)]
        if not expired:
            return []
        by_urn = {r.urn: r for r in records}
        stack = next((u for u, r in by_urn.items() if r.type == STACK), None)
        out: list[Finding] = []
        for entry in expired:
            hits = sorted(
                {
                    f.urn
                    for f in findings
                    if f.rule == entry.rule and f.urn in by_urn and entry.matches(by_urn[f.urn])
                }
            )
            targets = hits or [stack or next(iter(by_urn), "")]
            for urn in targets:
                name = urn.rsplit("::", 1)[-1]
                what = f"for {entry.resource!r}"
                message = _expired_message(
                    name, what, entry.rule, entry.expires, entry.reason, bool(hits)
                )
                out.append(Finding(EXPIRED_RULE, "warning", urn, message))
        return out

    @classmethod
    def from_mapping(
        cls, data: Any, known_rules: Collection[str] | None = None, source: str = "waivers"
    ) -> Waivers:
        """Validate a loaded waiver document (see the module docstring for its shape)."""
        if data is None:
            return cls()
        if not isinstance(data, Mapping):
            raise ValidationError(source, data, "a mapping of rule id to a list of waivers")
        entries: list[FileWaiver] = []
        for rule, items in data.items():
            where = f"{source}[{rule!r}]"
            if not isinstance(rule, str) or not RULE_ID.match(rule):
                raise ValidationError(where, rule, "a rule id such as 'FC-ALB-004'")
            if known_rules is not None and rule not in known_rules and not CHECKOV_ID.match(rule):
                raise ValidationError(where, rule, f"one of {', '.join(sorted(known_rules))}")
            if not isinstance(items, list) or not items:
                raise ValidationError(where, items, "a non-empty list of {resource, reason}")
            entries.extend(_entry(f"{where}[{i}]", rule, item) for i, item in enumerate(items))
        return cls(entries)


def _expiry(where: str, value: Any) -> dt.date | None:
    """``expires``: a date (YAML reads ``2027-06-30`` as one) or an ISO date string."""
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValidationError(
        where, value, "a date written YYYY-MM-DD (the first day it waives nothing)"
    )


def _entry(where: str, rule: str, item: Any) -> FileWaiver:
    """One waiver-file entry, validated (exactly the keys of :data:`WAIVER_KEYS`)."""
    if not isinstance(item, Mapping):
        raise ValidationError(where, item, "a mapping with resource, reason (and expires)")
    unknown = sorted(str(k) for k in item if k not in WAIVER_KEYS)
    if unknown:
        raise ValidationError(
            f"{where}.{unknown[0]}", item[unknown[0]], f"only the keys {', '.join(WAIVER_KEYS)}"
        )
    resource, reason = item.get("resource"), item.get("reason")
    if not isinstance(resource, str) or not resource.strip():
        raise ValidationError(f"{where}.resource", resource, "a logical-name glob or a URN")
    if not isinstance(reason, str) or not reason.strip():
        raise ValidationError(f"{where}.reason", reason, "a non-empty reason for the waiver")
    expires = _expiry(f"{where}.expires", item.get("expires"))
    return FileWaiver(rule, resource.strip(), reason.strip(), expires)


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
