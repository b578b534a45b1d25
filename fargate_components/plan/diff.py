"""What changes between two offline plans: resources created, deleted, updated or replaced,
the monthly cost delta, new and resolved findings, changed stack outputs.

A pure function over two plan JSON documents (``format_version`` 1, see README "Plan
JSON"). Resources are matched by URN (without the ``urn:pulumi:<stack>::<project>::``
prefix, so two stacks of one program can be compared too; a URN listed in a resource's
``aliases`` matches its old URN, as in Pulumi). Mock ids derive from a resource's type and
name, so the same resource has the same id in both plans and references compare equal.

A resource is *changed* when its inputs differ (string inputs holding JSON documents, such
as container definitions and IAM policies, are compared parsed, and the change is reported
down to the leaf, e.g. ``containerDefinitions[web].image``) or its options do. It is
*replaced* when a changed input is one the provider cannot update in place
(:data:`REPLACE_KEYS`), is listed in ``replace_on_changes``, or refers to a resource that
is itself replaced (its id is only known after the new one exists): the cascade pulumi
preview shows too (a reference is an input whose recorded property dependency is that
resource, or whose value holds its ARN or distinctive id).

The steps, each a function: :func:`match` pairs the records of two plans, :func:`classify`
compares each pair, :func:`cascade` spreads replacements to what refers to them. The
replacement rules live in :mod:`.replacement`, the result's data in :mod:`.diff_model`, the
text and Markdown in :mod:`.diff_render`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import ValidationError
from ..model import UNKNOWN_MARK, ResourceRecord, distinctive_handles, strings
from ..model.tokens import STACK
from .cloud_map_in_use import in_use
from .data_loss import impacts
from .diff_model import DIFF_FORMAT_VERSION, KeyChange, PlanDiff, ResourceChange
from .diff_render import render_diff_markdown, render_diff_text
from .render import FORMAT_VERSION
from .replacement import (
    REPLACE_KEYS,
    UPDATABLE,
    ReplacementOrder,
    changed_paths,
    forces,
    ignored,
    physical_identity,
    rename_conflict,
    replace_triggers,
    replacement_order,
)

__all__ = [
    "DIFF_FORMAT_VERSION",
    "REPLACE_KEYS",
    "KeyChange",
    "Matched",
    "PlanDiff",
    "ResourceChange",
    "cascade",
    "changed_paths",
    "classify",
    "diff_plans",
    "match",
    "render_diff_markdown",
    "render_diff_text",
    "replace_triggers",
]

_ORDER = {"replace": 0, "delete": 1, "create": 2, "update": 3}


def _critical_path(base: Mapping[str, Any], head: Mapping[str, Any]) -> dict[str, Any]:
    """Base and head critical-path lengths (seconds) and the change; None where a plan
    carries no critical path (plans written before it was added)."""
    b = (base.get("critical_path") or {}).get("total_seconds")
    h = (head.get("critical_path") or {}).get("total_seconds")
    delta = h - b if isinstance(b, (int, float)) and isinstance(h, (int, float)) else None
    return {"base_seconds": b, "head_seconds": h, "delta_seconds": delta}


def _check(doc: Any, which: str) -> Mapping[str, Any]:
    if not isinstance(doc, Mapping):
        raise ValidationError(which, type(doc).__name__, "a plan JSON document (an object)")
    version = doc.get("format_version")
    if version != FORMAT_VERSION:
        raise ValidationError(
            f"{which}.format_version",
            version,
            f"{FORMAT_VERSION} (write plans with `fargate-components plan --format json`)",
        )
    return doc


def _key(urn: str) -> str:
    """The URN without ``urn:pulumi:<stack>::<project>::``."""
    parts = urn.split("::", 2)
    return parts[2] if len(parts) == 3 else urn


def _names(record: Mapping[str, Any]) -> list[str]:
    """The old names an alias of ``record`` gives it: string URN aliases' last part and alias
    specs' ``name`` (a spec without a name keeps the record's)."""
    out = []
    for alias in (record.get("options") or {}).get("aliases") or []:
        if isinstance(alias, str):
            out.append(alias.rsplit("::", 1)[-1])
        elif isinstance(alias, Mapping) and isinstance(alias.get("name"), str):
            out.append(alias["name"])
    return out


def _alias_keys(
    record: Mapping[str, Any], by_urn: Mapping[str, Mapping[str, Any]], depth: int = 0
) -> list[str]:
    """The keys ``record`` had before, through its aliases: URN aliases as given, alias specs
    (``{"name": ...}``) and the aliases it inherits from its parents — a child whose name
    starts with its parent's name is aliased with the parent's old name in its place, as the
    engine does for a renamed component."""
    key = _key(record["urn"])
    prefix = key[: -len(record["name"])] if key.endswith(record["name"]) else None
    out = [
        _key(a) for a in (record.get("options") or {}).get("aliases") or [] if isinstance(a, str)
    ]
    if prefix is None:
        return out
    out += [prefix + name for name in _names(record) if name != record["name"]]
    parent = by_urn.get(str(record.get("parent")))
    if parent is not None and depth < 16 and parent.get("type") != STACK:
        parent_name = str(parent.get("name"))
        old_parents = _names(parent) + [
            k.rsplit("::", 1)[-1] for k in _alias_keys(parent, by_urn, depth + 1)
        ]
        if record["name"].startswith(parent_name):
            rest = record["name"][len(parent_name) :]
            out += [prefix + old + rest for old in dict.fromkeys(old_parents)]
    return list(dict.fromkeys(out))


def _about(doc: Mapping[str, Any]) -> dict[str, Any]:
    cost = doc.get("cost") or {}
    return {
        "program": doc.get("program"),
        "project": doc.get("project"),
        "stack": doc.get("stack"),
        "region": doc.get("region"),
        "resources": sum(1 for r in doc.get("resources") or [] if r.get("type") != STACK),
        "total_monthly": cost.get("total_monthly"),
    }


_OPTION_KEYS = ("protect", "retain_on_delete", "delete_before_replace", "provider")


def _compare(
    base: Mapping[str, Any], head: Mapping[str, Any], unknown_matches: bool = False
) -> list[KeyChange]:
    options = head.get("options") or {}
    triggers = replace_triggers(str(head.get("type")), head.get("inputs")) or ()
    extra = [str(p) for p in options.get("replace_on_changes") or []]
    ignore = [str(p) for p in options.get("ignore_changes") or []]
    by_key: dict[str, KeyChange] = {}
    inputs = base.get("inputs") or {}, head.get("inputs") or {}
    for path in changed_paths(*inputs, unknown_matches=unknown_matches):
        top = re.split(r"[.\[]", path, maxsplit=1)[0]
        change = by_key.setdefault(top, KeyChange(top, []))
        change.paths.append(path)
        change.replaces = change.replaces or forces(path, triggers, extra)
    for change in by_key.values():
        change.ignored = all(ignored(p, ignore) for p in change.paths)
    old_options = base.get("options") or {}
    for name in _OPTION_KEYS:
        old, new = old_options.get(name), options.get(name)
        if name == "provider" and unknown_matches:  # ``urn::id``; an unknown id matches
            old, new = (_provider_urn(v, (old, new)) for v in (old, new))
        if old != new:
            by_key[f"options.{name}"] = KeyChange(f"options.{name}", [name], cause="option")
    return list(by_key.values())


def _provider_urn(reference: Any, pair: tuple[Any, Any]) -> Any:
    """A provider reference without its id when either side's id is unknown."""
    unknown = any(isinstance(v, str) and v.endswith(f"::{UNKNOWN_MARK}") for v in pair)
    return reference.rpartition("::")[0] if unknown and isinstance(reference, str) else reference


def _cost(base: Mapping[str, Any], head: Mapping[str, Any]) -> dict[str, Any]:
    b, h = base.get("cost") or {}, head.get("cost") or {}
    bt, ht = b.get("total_monthly"), h.get("total_monthly")
    delta = (
        round(ht - bt, 2) if isinstance(bt, (int, float)) and isinstance(ht, (int, float)) else None
    )
    items: dict[str, dict[str, Any]] = {}
    for side, report in (("base", b), ("head", h)):
        for item in report.get("items") or []:
            entry = items.setdefault(
                _key(str(item.get("urn"))),
                {
                    "urn": item.get("urn"),
                    "description": item.get("description"),
                    "type": item.get("type"),
                },
            )
            entry[f"{side}_monthly"] = round(
                entry.get(f"{side}_monthly", 0) + item.get("monthly", 0), 2
            )
            if side == "head":
                entry["urn"], entry["description"] = item.get("urn"), item.get("description")
    changed = []
    for key in sorted(items):
        entry = items[key]
        old, new = entry.get("base_monthly"), entry.get("head_monthly")
        if old == new:
            continue
        entry.setdefault("base_monthly", None)
        entry.setdefault("head_monthly", None)
        entry["delta_monthly"] = round((new or 0) - (old or 0), 2)
        changed.append(entry)
    changed.sort(key=lambda e: (-abs(e["delta_monthly"]), str(e["urn"])))
    return {
        "currency": h.get("currency") or b.get("currency") or "USD",
        "base_monthly": bt,
        "head_monthly": ht,
        "delta_monthly": delta,
        "items": changed,
    }


def _findings(base: Mapping[str, Any], head: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    def index(doc: Mapping[str, Any]) -> dict[tuple[str, str, str], dict[str, Any]]:
        return {
            (str(f.get("rule")), _key(str(f.get("urn"))), str(f.get("message"))): f
            for f in doc.get("findings") or []
        }

    old, new = index(base), index(head)
    return {
        "new": [new[k] for k in new if k not in old],
        "resolved": [old[k] for k in old if k not in new],
    }


def _outputs(base: Mapping[str, Any], head: Mapping[str, Any]) -> dict[str, list[str]]:
    old, new = base.get("outputs") or {}, head.get("outputs") or {}
    mixed = _mixed(base, head)

    def changed(key: str) -> bool:
        a, b = old[key], new[key]
        unknown = any(isinstance(x, Mapping) and x.get("known") is False for x in (a, b))
        return a != b and not (mixed and unknown)

    return {
        "added": sorted(set(new) - set(old)),
        "removed": sorted(set(old) - set(new)),
        "changed": sorted(k for k in set(old) & set(new) if changed(k)),
    }


def _mixed(base: Mapping[str, Any], head: Mapping[str, Any]) -> bool:
    """One plan preview-faithful (``[unknown]`` where the other has mock values), one not:
    e.g. a base written by an earlier version, whose default was mock values. An unknown
    value then matches whatever the other side holds (see :func:`changed_paths`)."""
    return bool(base.get("preview_faithful")) != bool(head.get("preview_faithful"))


# -- match -> classify -> cascade ---------------------------------------------------------


@dataclass
class Matched:
    """The records of two plans paired up by URN (an alias pairs a renamed one):
    ``pairs`` key -> (base, head); ``created`` and ``deleted`` the keys only one side has."""

    old: dict[str, dict[str, Any]]
    new: dict[str, dict[str, Any]]
    pairs: dict[str, tuple[dict[str, Any], dict[str, Any]]]
    created: list[str]
    deleted: list[str]


def match(base: Mapping[str, Any], head: Mapping[str, Any]) -> Matched:
    """Pair the resources of two plan documents (the stack itself left out); a renamed
    resource pairs through its aliases, inherited ones included."""
    old = {_key(r["urn"]): r for r in base.get("resources") or [] if r.get("type") != STACK}
    new = {_key(r["urn"]): r for r in head.get("resources") or [] if r.get("type") != STACK}
    renamed: dict[str, str] = {}  # head key -> base key, through aliases
    by_urn = {r["urn"]: r for r in head.get("resources") or []}
    for key, record in new.items():
        if key in old:
            continue
        for alias in _alias_keys(record, by_urn):
            if alias in old and alias not in new:
                renamed[key] = alias
                break
    pairs = {k: (old[renamed.get(k, k)], new[k]) for k in new if renamed.get(k, k) in old}
    gone = set(old) - {renamed.get(k, k) for k in pairs}
    return Matched(old, new, pairs, sorted(set(new) - set(pairs)), sorted(gone))


def _change(base: Mapping[str, Any], head: Mapping[str, Any], action: str) -> ResourceChange:
    return ResourceChange(
        head["urn"],
        head["type"],
        head["name"],
        action,
        known_type=replace_triggers(head["type"]) is not None,
        protected=bool((base.get("options") or {}).get("protect")),
        custom=bool(head.get("custom", True)),
    )


def _refresh(change: ResourceChange) -> None:
    change.action = "replace" if change.replace_keys else "update"
    if all(k.ignored for k in change.keys):
        change.action = "same"


def classify(matched: Matched, unknown_matches: bool = False) -> dict[str, ResourceChange]:
    """Each matched pair whose inputs or options differ, as an update or a replacement
    (``unknown_matches``: an ``[unknown]`` input matches any value, :func:`_mixed`)."""
    changes: dict[str, ResourceChange] = {}
    for key, (b, h) in matched.pairs.items():
        keys = _compare(b, h, unknown_matches)
        if keys:
            changes[key] = _change(b, h, "update")
            changes[key].keys = keys
            _refresh(changes[key])
    return changes


def _references(
    head: Mapping[str, Any], source: tuple[dict[str, Any], dict[str, Any]]
) -> list[str]:
    """The top-level inputs of ``head`` that refer to ``source`` (its base and head
    records): by recorded property dependency, else by its ARN or distinctive id."""
    handles = distinctive_handles(ResourceRecord.from_json(source[0]))
    deps = head.get("property_dependencies") or {}
    return [
        k
        for k, v in (head.get("inputs") or {}).items()
        if k not in UPDATABLE
        and (source[1]["urn"] in deps.get(k, []) or handles & set(strings(v, documents=True)))
    ]


def _cascade_into(
    change: ResourceChange, head: Mapping[str, Any], hits: list[str], via: str
) -> None:
    options = head.get("options") or {}
    triggers = replace_triggers(head["type"], head.get("inputs")) or ()
    extra = [str(p) for p in options.get("replace_on_changes") or []]
    ignore = [str(p) for p in options.get("ignore_changes") or []]
    for hit in hits:
        existing = next((k for k in change.keys if k.key == hit), None)
        if existing is None:
            existing = KeyChange(hit, [hit], cause="cascade")
            change.keys.append(existing)
            existing.ignored = ignored(hit, ignore)
        existing.via.append(via)
        existing.replaces = existing.replaces or forces(hit, triggers, extra)
    _refresh(change)


def cascade(matched: Matched, changes: dict[str, ResourceChange]) -> None:
    """Replacing a resource gives it a new id: whatever refers to it changes too, and is
    replaced in turn when that input forces it (until nothing new is replaced)."""
    done: set[str] = set()
    while True:
        replaced = [k for k, c in changes.items() if c.action == "replace" and k not in done]
        if not replaced:
            return
        for key in replaced:
            done.add(key)
            source = matched.pairs[key]
            for other, (b, h) in matched.pairs.items():
                hits = _references(h, source) if other != key else []
                if hits:
                    change = changes.setdefault(other, _change(b, h, "update"))
                    _cascade_into(change, h, hits, source[0]["urn"])


def _rename_conflicts(changes: list[ResourceChange], matched: Matched) -> None:
    """A create reusing the physical name of a resource this diff deletes fails in AWS: both
    changes carry the conflict (``order``)."""
    deleted: dict[tuple[str, str], ResourceChange] = {}
    by_urn = {c.urn: c for c in changes}
    for key in matched.deleted:
        record = matched.old[key]
        identity = physical_identity(record["type"], record.get("inputs") or {})
        if identity is not None and record["urn"] in by_urn:
            deleted[(record["type"], identity)] = by_urn[record["urn"]]
    for key in matched.created:
        record = matched.new[key]
        identity = physical_identity(record["type"], record.get("inputs") or {})
        gone = deleted.get((record["type"], identity)) if identity is not None else None
        if gone is not None and identity is not None and record["urn"] in by_urn:
            by_urn[record["urn"]].order = gone.order = rename_conflict(record["type"], identity)


def _in_use_conflicts(changes: list[ResourceChange], matched: Matched) -> None:
    """A delete (or the delete half of a replacement) of a Cloud Map service or namespace
    that ECS still uses fails in AWS (:mod:`.cloud_map_in_use`): the change carries why."""
    head_to_base = {h["urn"]: b["urn"] for b, h in matched.pairs.values()}
    by_base = {
        head_to_base.get(c.urn, c.urn): c for c in changes if c.action in ("delete", "replace")
    }
    deleted = {matched.old[k]["urn"] for k in matched.deleted}
    # the delete half of a replacement that deletes first finds ECS as a plain delete does
    gone = {
        urn: "delete" if c.order is not None and c.order.delete_first else c.action
        for urn, c in by_base.items()
    }
    for urn, why in in_use(matched.old.values(), matched.new.values(), gone, deleted).items():
        change = by_base[urn]
        order = change.order or ReplacementOrder(False, "deletes run after creates and updates")
        change.order = dataclasses.replace(order, conflict=why)


def diff_plans(base: Mapping[str, Any], head: Mapping[str, Any]) -> PlanDiff:
    """Compare two plan JSON documents (``base`` before the change, ``head`` after).

    Raises :class:`~fargate_components.errors.ValidationError` when either is not a
    ``format_version`` 1 plan. Only ``format_version`` and ``resources`` are required;
    ``cost``, ``findings`` and ``outputs`` are compared when present.
    """
    base, head = _check(base, "base"), _check(head, "head")
    matched = match(base, head)
    changes = classify(matched, _mixed(base, head))
    cascade(matched, changes)
    for key, change in changes.items():
        if change.action == "replace":
            change.order = replacement_order(change.type, *matched.pairs[key])
    result = [c for c in changes.values() if c.action != "same"]
    for key in matched.created:
        r = matched.new[key]
        custom = bool(r.get("custom", True))
        result.append(ResourceChange(r["urn"], r["type"], r["name"], "create", custom=custom))
    for key in matched.deleted:
        r = matched.old[key]
        protected = bool((r.get("options") or {}).get("protect"))
        custom = bool(r.get("custom", True))
        result.append(
            ResourceChange(
                r["urn"], r["type"], r["name"], "delete", protected=protected, custom=custom
            )
        )
    _rename_conflicts(result, matched)
    _in_use_conflicts(result, matched)
    result.sort(key=lambda c: (_ORDER[c.action], c.urn))
    unchanged = len(matched.pairs) - sum(1 for c in result if c.action in ("update", "replace"))
    return PlanDiff(
        base=_about(base),
        head=_about(head),
        changes=result,
        unchanged=unchanged,
        cost=_cost(base, head),
        findings=_findings(base, head),
        outputs=_outputs(base, head),
        critical_path=_critical_path(base, head),
        impacts=impacts(result, base, head),
    )
