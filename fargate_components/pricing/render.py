"""The cost report rendered: a plain-text table with the assumptions behind each figure, and
GitHub Markdown."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .._markdown import cell
from .report import CostItem, CostReport, dollars, num

if TYPE_CHECKING:
    from .advisor import Advice

__all__ = [
    "render_advice_markdown",
    "render_advice_text",
    "render_cost_markdown",
    "render_cost_text",
]


def _short(urn: str | None) -> str:
    return urn.rsplit("::", 1)[-1] if urn else "-"


def _range(item: CostItem) -> str:
    if item.min_monthly == item.max_monthly == item.monthly:
        return ""
    return f"{dollars(item.min_monthly)}..{dollars(item.max_monthly)}"


def _assumption_line(name: str, entry: Mapping[str, Any]) -> str:
    value = num(Decimal(str(entry["value"])))
    text = f"{name} = {value} {entry.get('unit', '')}".rstrip()
    if entry.get("kind") == "assumption":
        text += " [assumption"
        if entry.get("value") != entry.get("default"):
            text += f", default {num(Decimal(str(entry['default'])))}"
        text += "]"
        if entry.get("note"):
            text += f" {entry['note']}"
    else:
        if entry.get("confirmed") is False:
            text += " [NOT CONFIRMED]"
        if entry.get("note"):
            text += f" {entry['note']}"
        if entry.get("sources"):
            text += f" ({', '.join(entry['sources'])})"
    return text


def _free_lines(report: CostReport) -> list[str]:
    """The free resources grouped by reason: ``reason: Role x4, RolePolicy x2``."""
    groups: dict[str, dict[str, int]] = {}
    for free in report.free:
        kinds = groups.setdefault(free.reason, {})
        short = free.type.rsplit(":", 1)[-1]
        kinds[short] = kinds.get(short, 0) + 1
    return [
        ", ".join(f"{k} x{n}" for k, n in kinds.items()) + f": {reason}"
        for reason, kinds in groups.items()
    ]


def render_cost_text(report: CostReport) -> str:
    """A fixed-width table: one row per item, with the formula (every price and assumption
    it used, with its value) under it, then the total, the assumptions and what was left out."""
    hours = num(Decimal(str(report.hours_per_month)))
    head = (
        f"Cost estimate: {report.region}, {report.currency} per month of {hours} h, "
        f"prices as of {report.prices_as_of}"
    )
    rows = [
        (i.description, dollars(i.monthly), _range(i), _short(i.component)) for i in report.items
    ]
    total_range = ""
    if report.total_min_monthly != report.total_max_monthly:
        total_range = f"{dollars(report.total_min_monthly)}..{dollars(report.total_max_monthly)}"
    width = min(max([len("RESOURCE"), *(len(r[0]) for r in rows)]), 72)
    money = max([len("MONTHLY"), len(dollars(report.total_monthly)), *(len(r[1]) for r in rows)])
    span = max([len("MIN..MAX"), len(total_range), *(len(r[2]) for r in rows)])
    lines = [head, ""]
    lines.append(f"{'RESOURCE':<{width}}  {'MONTHLY':>{money}}  {'MIN..MAX':<{span}}  COMPONENT")
    for item, (desc, monthly, rng, comp) in zip(report.items, rows, strict=True):
        if len(desc) > width:
            desc = desc[: width - 3] + "..."
        lines.append(f"{desc:<{width}}  {monthly:>{money}}  {rng:<{span}}  {comp}".rstrip())
        lines.append(f"    how: {item.formula}")
    lines.append("-" * (width + money + span + 15))
    lines.append(
        f"{'TOTAL':<{width}}  {dollars(report.total_monthly):>{money}}  {total_range}".rstrip()
    )
    lines.append("")
    lines.append("Prices and assumptions used:")
    for name, entry in sorted(report.assumptions.items()):
        lines.append(f"  {_assumption_line(name, entry)}")
    if report.unconfirmed:
        lines.append(
            f"  ! not confirmed from an AWS source (estimates): {', '.join(report.unconfirmed)}"
        )
    if report.not_costed:
        lines.append("")
        lines.append("Not costed:")
        for skipped in report.not_costed:
            lines.append(f"  {skipped.name} ({skipped.type}): {skipped.reason}")
    if report.free:
        lines.append("")
        lines.append(f"Free (no charge of their own): {len(report.free)} resources")
        lines += [f"  {line}" for line in _free_lines(report)]
    return "\n".join(lines) + "\n"


def render_cost_markdown(report: CostReport) -> str:
    """A Markdown table for a pull-request comment, with the assumptions under it."""
    hours = num(Decimal(str(report.hours_per_month)))
    out = [
        f"### Cost estimate: {dollars(report.total_monthly)} / month",
        "",
        f"{report.region}, {report.currency}, {hours} h per month, prices as of "
        f"{report.prices_as_of}.",
        "",
        "| Resource | Component | Monthly | Min..Max | How |",
        "|---|---|--:|--:|---|",
    ]
    for item in report.items:
        out.append(
            f"| {cell(item.description)} | `{cell(_short(item.component))}` | "
            f"{dollars(item.monthly)} | {_range(item) or '-'} | {cell(item.formula)} |"
        )
    total_range = "-"
    if report.total_min_monthly != report.total_max_monthly:
        total_range = f"{dollars(report.total_min_monthly)}..{dollars(report.total_max_monthly)}"
    out.append(f"| **Total** | | **{dollars(report.total_monthly)}** | {total_range} | |")
    out += ["", "<details><summary>Prices and assumptions used</summary>", ""]
    out += ["| Name | Value | Unit | Kind | Source / note |", "|---|--:|---|---|---|"]
    for name, entry in sorted(report.assumptions.items()):
        kind = entry.get("kind", "")
        if kind == "price" and entry.get("confirmed") is False:
            kind = "price (**not confirmed**)"
        note = " ".join(
            filter(None, [entry.get("note") or "", ", ".join(entry.get("sources") or [])])
        )
        out.append(
            f"| `{name}` | {num(Decimal(str(entry['value'])))} | {cell(entry.get('unit', ''))} "
            f"| {kind} | {cell(note)} |"
        )
    out += ["", "</details>"]
    if report.not_costed:
        out += ["", "Not costed:", ""]
        out += [f"- `{cell(s.name)}` ({s.type}): {cell(s.reason)}" for s in report.not_costed]
    if report.free:
        out += ["", f"<details><summary>Free: {len(report.free)} resources</summary>", ""]
        out += [f"- {cell(line)}" for line in _free_lines(report)]
        out += ["", "</details>"]
    return "\n".join(out) + "\n"


def render_advice_text(advice: Advice) -> str:
    """The advisor's suggestions (saving, change, risk) and what else it checked."""
    head = f"Cost advice (savings of {advice.threshold:.0%} or more of the total, one change each):"
    lines = [head]
    if not advice.suggestions:
        lines.append("  none: no single setting change saves that much (checked below)")
    for s in advice.suggestions:
        lines.append(
            f"  - {s.title}: save {dollars(s.monthly_saving)} a month ({float(s.fraction):.0%})"
        )
        lines.append(f"    change: {s.change}")
        lines.append(f"    risk: {s.risk}")
        lines.append(f"    how: {s.how}")
    lines.append("  Also checked:")
    lines += [f"    {c.check}: {c.result}" for c in advice.considered]
    return "\n".join(lines) + "\n"


def render_advice_markdown(advice: Advice) -> str:
    """The advisor's suggestions as a Markdown table, the other checks folded under it."""
    out = [f"#### Cost advice (savings of {advice.threshold:.0%} or more, one setting each)", ""]
    if advice.suggestions:
        out += ["| Saving / month | Change | Risk |", "|--:|---|---|"]
        out += [
            f"| {dollars(s.monthly_saving)} ({float(s.fraction):.0%}) | {cell(s.title)}: "
            f"`{cell(s.change)}` | {cell(s.risk)} |"
            for s in advice.suggestions
        ]
    else:
        out.append("No single setting change saves that much.")
    out += ["", "<details><summary>What the advisor checked</summary>", ""]
    out += [f"- `{c.check}`: {cell(c.result)}" for c in advice.considered]
    out += [f"- `{s.check}`: {cell(s.how)}" for s in advice.suggestions]
    out += ["", "</details>"]
    return "\n".join(out) + "\n"
