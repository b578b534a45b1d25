"""Render a Plan: the JSON document (a contract, see README "Plan JSON") and the tree text."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from typing import Any

from ..model import Plan, ResourceRecord
from ..model.tokens import STACK
from .preview_gaps import preview_gaps, render_preview_gaps

__all__ = ["FORMAT_VERSION", "display_type", "plan_document", "render_tree", "type_counts"]

#: Version of the plan JSON format. Additive changes keep it; anything that removes or
#: changes the meaning of a key bumps it (and is noted in the README's changelog).
FORMAT_VERSION = 1


def display_type(type_token: str) -> str:
    """The type as ``pulumi preview`` shows it: ``aws:ec2/vpc:Vpc`` -> ``aws:ec2:Vpc``."""
    parts = type_token.split(":")
    if len(parts) == 3:
        parts[1] = parts[1].split("/")[0]
    return ":".join(parts)


def type_counts(plan: Plan) -> list[tuple[str, int]]:
    """Resource counts by type token, most frequent first (the Stack not counted)."""
    counts = Counter(r.type for r in plan.resources if r.type != STACK)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def plan_document(plan: Plan, program: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The plan as JSON-ready data. ``extra`` adds sections (``cost``, ``findings``,
    ``simulation``) under their own keys."""
    doc: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "program": program,
        "project": plan.project,
        "stack": plan.stack,
        "region": plan.region,
        "resources": [r.to_json() for r in plan.resources],
        "outputs": {k: v.to_json() for k, v in plan.outputs.items()},
        "diagnostics": [d.to_json() for d in plan.diagnostics],
        "preview_faithful": plan.preview_faithful,
    }
    if plan.preview_faithful:
        doc["preview_gaps"] = [g.to_json() for g in preview_gaps(plan)]
    doc.update(extra or {})
    return doc


def _children(plan: Plan) -> dict[str | None, list[ResourceRecord]]:
    tree: dict[str | None, list[ResourceRecord]] = {}
    known = {r.urn for r in plan.resources}
    for r in plan.resources:
        parent = r.parent if r.parent in known else None
        tree.setdefault(parent, []).append(r)
    return tree


def _output_text(value: Any) -> str:
    return json.dumps(value, sort_keys=True) if not isinstance(value, str) else value


def render_tree(plan: Plan, program: str, info: Mapping[str, str] | None = None) -> str:
    """The resource tree as ``pulumi preview`` draws it, then outputs and counts. ``info``
    (URN -> text) fills the Info column, as the engine's own notes do in a preview."""
    tree = _children(plan)
    rows: list[tuple[str, str, str]] = []
    notes = info or {}

    def walk(record: ResourceRecord, prefix: str, last: bool, depth: int) -> None:
        branch = "" if depth == 0 else ("└─ " if last else "├─ ")
        rows.append(
            (f"{prefix}{branch}{display_type(record.type)}", record.name, notes.get(record.urn, ""))
        )
        kids = tree.get(record.urn, [])
        child_prefix = prefix if depth == 0 else prefix + ("   " if last else "│  ")
        for i, kid in enumerate(kids):
            walk(kid, child_prefix, i == len(kids) - 1, depth + 1)

    for i, root in enumerate(tree.get(None, [])):
        walk(root, "", i == len(tree[None]) - 1, 0)

    type_width = max((len(t) for t, _, _ in rows), default=4) + 2
    name_width = max((len(n) for _, n, _ in rows), default=4) + 2
    creates = sum(1 for r in plan.resources if r.type != STACK)
    lines = [
        f"Offline plan of {program} (stack {plan.stack}, region {plan.region}; "
        "mocked AWS, no credentials used)",
        *(
            [
                "As the first `pulumi preview` of a new stack: [unknown] marks what the "
                "provider computes on create (known after apply)."
            ]
            if plan.preview_faithful
            else []
        ),
        "",
        f"     {'Type':<{type_width}}{'Name':<{name_width}}Plan"
        + ("    Info" if any(note for _, _, note in rows) else ""),
    ]
    lines += [
        f" +   {t:<{type_width}}{n:<{name_width}}create" + (f"  {note}" if note else "")
        for t, n, note in rows
    ]
    if plan.outputs:
        lines += ["", "Outputs:"]
        width = max(len(k) for k in plan.outputs) + 1
        for key, out in sorted(plan.outputs.items()):
            if out.secret:
                text = "[secret]"
            elif out.known:
                text = _output_text(out.value)
            else:
                text = "[unknown until deploy]"
                if not plan.preview_faithful:
                    text += f" (mock: {_output_text(out.value)})"
            lines.append(f"    {key + ':':<{width}} {text}")
    if plan.diagnostics:
        lines += ["", "Diagnostics:"]
        lines += [f"    {d.severity}: {d.message}" for d in plan.diagnostics]
    if plan.preview_faithful:
        lines += ["", *render_preview_gaps(preview_gaps(plan))]
    lines += ["", "Resources:", f"    + {creates} to create", "", "By type:"]
    lines += [f"    {n:>4}  {display_type(t)}" for t, n in type_counts(plan)]
    return "\n".join(lines) + "\n"
