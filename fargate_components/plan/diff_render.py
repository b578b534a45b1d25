"""The plan diff rendered: plain text (one line per changed resource) and GitHub Markdown."""

from __future__ import annotations

from typing import Any

from .._markdown import cell
from ..timefmt import duration, signed_duration
from .data_loss import render_impacts_markdown, render_impacts_text
from .diff_model import PlanDiff, ResourceChange
from .render import display_type

__all__ = ["render_diff_markdown", "render_diff_text"]


def _critical_path_line(diff: PlanDiff) -> str:
    cp = diff.critical_path
    if cp.get("delta_seconds") is None:
        return "n/a"
    return (
        f"{duration(cp['base_seconds'])} -> {duration(cp['head_seconds'])} "
        f"({signed_duration(cp['delta_seconds'])})"
    )


_SYMBOL = {"create": "+", "delete": "-", "update": "~", "replace": "+-"}


def _money(value: Any, missing: str = "n/a") -> str:
    return f"${value:,.2f}" if isinstance(value, (int, float)) else missing


def _signed(value: Any) -> str:
    if not isinstance(value, (int, float)):
        return "n/a"
    return f"{'+' if value >= 0 else '-'}${abs(value):,.2f}"


def _describe(change: ResourceChange, limit: int = 6) -> str:
    parts = []
    for k in change.keys:
        paths = [p for p in k.paths if p != k.key][:limit]
        text = k.key if not paths else ", ".join(paths)
        notes = []
        if k.replaces and not k.ignored:
            notes.append("forces replacement")
        if k.cause == "cascade":
            notes.append("refers to a replaced resource")
        if k.ignored:
            notes.append("ignored (ignore_changes)")
        parts.append(text + (f" ({'; '.join(notes)})" if notes else ""))
    if change.action in ("update", "replace") and not change.known_type and change.custom:
        parts.append("[replacement rules for this type unknown: the provider decides]")
    if change.order is not None and change.order.text():
        parts.append(change.order.text())
    if change.protected and change.action in ("replace", "delete"):
        parts.append("[PROTECTED: pulumi will refuse this]")
    return "; ".join(parts)


def _headline(diff: PlanDiff) -> str:
    s = diff.summary
    return (
        f"{s['create']} to create, {s['update']} to update, {s['replace']} to replace, "
        f"{s['delete']} to delete, {s['same']} unchanged"
    )


def _cost_line(diff: PlanDiff) -> str:
    c = diff.cost
    return f"{_money(c['base_monthly'])} -> {_money(c['head_monthly'])} ({_signed(c['delta_monthly'])})"


def render_diff_text(diff: PlanDiff) -> str:
    """The diff as plain text (one line per changed resource)."""
    b, h = diff.base, diff.head
    lines = [
        f"Plan diff: {b.get('program')} ({b.get('stack')}) -> {h.get('program')} ({h.get('stack')})",
        "",
    ]
    if not diff.changes:
        lines.append("No resource changes.")
    width_t = max((len(display_type(c.type)) for c in diff.changes), default=4) + 2
    width_n = max((len(c.name) for c in diff.changes), default=4) + 2
    for c in diff.changes:
        detail = _describe(c)
        lines.append(
            f" {_SYMBOL[c.action]:<3}{c.action:<8} {display_type(c.type):<{width_t}}{c.name:<{width_n}}{detail}".rstrip()
        )
    if diff.impacts:
        lines += [
            "",
            f"Data loss: {len(diff.data_loss)}, downtime: {len(diff.downtime)}",
            render_impacts_text(diff.impacts),
        ]
    lines += [
        "",
        f"Resources: {_headline(diff)}",
        f"Deployment critical path: {_critical_path_line(diff)}",
        f"Monthly cost: {_cost_line(diff)}",
    ]
    for item in diff.cost["items"]:
        lines.append(f"    {_signed(item['delta_monthly']):>12}  {item['description']}")
    new, resolved = diff.findings["new"], diff.findings["resolved"]
    lines.append(f"Findings: {len(new)} new, {len(resolved)} resolved")
    for f in new:
        waived = " (waived)" if f.get("waived") else ""
        lines.append(f"    + {_label(f).upper():<8} {f.get('rule')}  {f.get('message')}{waived}")
    for f in resolved:
        lines.append(f"    - {_label(f).upper():<8} {f.get('rule')}  {f.get('message')}")
    out = diff.outputs
    if any(out.values()):
        lines.append("Outputs: " + "; ".join(f"{k} {', '.join(v)}" for k, v in out.items() if v))
    return "\n".join(lines) + "\n"


def render_diff_markdown(diff: PlanDiff, *, max_rows: int = 200, headline: bool = True) -> str:
    """The diff as GitHub Markdown: headline, a table of changed resources (replacements
    first), the cost delta per item, new and resolved findings. ``headline=False`` leaves
    out what a PR comment's own headline already counts (changes, data loss and downtime,
    the monthly cost and its delta, new and resolved findings): the section then lists the
    changes only."""
    marker = "<!-- fargate-components-diff -->"
    s = diff.summary
    icon = ":warning: " if s["replace"] or s["delete"] else ""
    lines = [marker, f"## Plan diff against `{diff.base.get('program')}` (base)", ""]
    path = _critical_path_line(diff).replace("->", "→")
    if headline:
        lines += [
            f"{icon}**{s['create']} to create · {s['update']} to update · {s['replace']} to "
            f"replace · {s['delete']} to delete** ({s['same']} unchanged) · monthly cost "
            f"{_cost_line(diff).replace('->', '→')}",
            "",
            f"Deployment critical path: {path}",
            "",
        ]
    else:
        lines += [f"{s['same']} unchanged · deployment critical path: {path}", ""]
    if diff.impacts:
        if headline:
            lines += [
                f":rotating_light: **{len(diff.data_loss)} data loss · "
                f"{len(diff.downtime)} downtime**",
                "",
            ]
        lines += [render_impacts_markdown(diff.impacts), ""]
    if diff.changes:
        lines += ["| | Resource | Type | What changes |", "|---|---|---|---|"]
        for c in diff.changes[:max_rows]:
            lines.append(
                f"| {_SYMBOL[c.action]} {c.action} | `{cell(c.name)}` | `{display_type(c.type)}` "
                f"| {cell(_describe(c)) or '-'} |"
            )
        if len(diff.changes) > max_rows:
            lines.append(f"\n… {len(diff.changes) - max_rows} more changes (see the JSON diff)")
    else:
        lines.append("No resource changes.")
    if diff.cost["items"]:
        lines += ["", "| Cost item | Before | After | Delta |", "|---|--:|--:|--:|"]
        for item in diff.cost["items"][:max_rows]:
            lines.append(
                f"| {cell(item['description'])} | {_money(item['base_monthly'], '-')} "
                f"| {_money(item['head_monthly'], '-')} | {_signed(item['delta_monthly'])} |"
            )
    new, resolved = diff.findings["new"], diff.findings["resolved"]
    if new or resolved:
        title = f"**Findings:** {len(new)} new, {len(resolved)} resolved" if headline else ""
        lines += ["", title or "**Findings new and resolved:**", ""]
        for f in new:
            waived = " (waived)" if f.get("waived") else ""
            lines.append(
                f"- :new: **{_label(f)}** {f.get('rule')}: {cell(f.get('message'))}{waived}"
            )
        for f in resolved:
            lines.append(f"- :white_check_mark: ~~{f.get('rule')}~~: {cell(f.get('message'))}")
    out = diff.outputs
    if any(out.values()):
        lines += [
            "",
            "**Outputs:** "
            + "; ".join(f"{k}: {', '.join(f'`{x}`' for x in v)}" for k, v in out.items() if v),
        ]
    return "\n".join(lines) + "\n"


def _label(finding: dict[str, object]) -> str:
    """A finding's severity, or ``unverified`` when its rule could not decide."""
    return "unverified" if finding.get("unverified") else str(finding.get("severity"))
