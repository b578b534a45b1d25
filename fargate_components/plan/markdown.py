"""The plan as a GitHub pull-request comment (GitHub-flavoured Markdown).

One compact comment: a headline (resources to create, monthly cost, findings by severity),
the resource counts by type, the resource tree and the architecture diagram folded in
``<details>``, the cost table, the policy findings, the simulation (when asked for), the
stack outputs and the program's warnings. GitHub refuses comments over 65,536 characters,
so the tree (then the diagram) is cut, with a note, when the comment would not fit.
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from typing import Any

from .._markdown import cell
from ..model import Plan
from ..model.tokens import STACK
from ..policy import SEVERITIES
from .mermaid import render_mermaid
from .preview_gaps import preview_gaps, render_preview_gaps
from .render import display_type, render_tree, type_counts
from .review import Review

__all__ = ["COMMENT_LIMIT", "MARKER", "render_markdown"]

#: GitHub's limit on the body of an issue or pull-request comment, in characters.
COMMENT_LIMIT = 65536
#: Hidden marker at the top of the comment, so a workflow can find and update its own
#: comment instead of adding a new one on every push.
MARKER = "<!-- fargate-components-plan -->"


def _money(value: Any) -> str:
    return f"${float(value):,.2f}" if isinstance(value, (int, float, Decimal)) else "n/a"


def _tree_rows(plan: Plan, program: str, review: Review) -> list[str]:
    """The rows of :func:`render_tree` (column header and one line per resource)."""
    parts = render_tree(plan, program, review.tree_info()).split("\n\n")
    return parts[1].splitlines() if len(parts) > 1 else parts[0].splitlines()


def _headline(plan: Plan, program: str, review: Review) -> list[str]:
    creates = sum(1 for r in plan.resources if r.type != STACK)
    active = Counter(f.severity for f in review.findings if not f.waived and not f.unverified)
    waived = sum(1 for f in review.findings if f.waived)
    unverified = sum(1 for f in review.findings if f.unverified and not f.waived)
    findings = ", ".join(f"{active[s]} {s}" for s in SEVERITIES)
    if unverified:
        findings += f", {unverified} unverified"
    if waived:
        findings += f" ({waived} waived)"
    cost = (
        f"**{_money(review.cost.total_monthly)} / month**"
        if review.cost is not None
        else "cost n/a"
    )
    return [
        f"## Offline plan: `{program}`",
        "",
        f"**+{creates} to create** · {cost} · findings: {findings}",
        "",
        f"Stack `{plan.stack}`, region `{plan.region}`; planned under mocks (no cloud "
        "credentials used), so ids and ARNs are placeholders.",
    ]


def _counts(plan: Plan) -> list[str]:
    lines = ["| Type | Count |", "|---|--:|"]
    lines += [f"| `{display_type(t)}` | {n} |" for t, n in type_counts(plan)]
    return lines


def _details(summary: str, lang: str, body: str) -> list[str]:
    return [
        f"<details><summary>{summary}</summary>",
        "",
        f"```{lang}",
        body.rstrip("\n"),
        "```",
        "",
        "</details>",
    ]


def _outputs(plan: Plan) -> list[str]:
    if not plan.outputs:
        return []
    lines = ["### Outputs", "", "| Output | Value |", "|---|---|"]
    for key, out in sorted(plan.outputs.items()):
        value = out.value if isinstance(out.value, str) else json.dumps(out.value, sort_keys=True)
        if out.secret:
            text = "`[secret]`"
        elif out.known:
            text = f"`{cell(value)}`"
        else:
            text = f"_known after deploy_ (mock: `{cell(value)}`)"
        if len(text) > 300:
            text = text[:297] + "…"
        lines.append(f"| `{key}` | {text} |")
    return lines


def render_markdown(
    plan: Plan,
    program: str,
    review: Review,
    *,
    limit: int = COMMENT_LIMIT,
    diagram: bool = True,
) -> str:
    """The plan as one pull-request comment, at most ``limit`` characters."""
    head = [MARKER, *_headline(plan, program, review), "", *_counts(plan), ""]
    tail: list[str] = []
    for section in review.markdown_sections():
        tail += [section.rstrip("\n"), ""]
    tail += _outputs(plan)
    if plan.preview_faithful:
        tail += ["", "### Unknown at the first preview", ""]
        tail += [f"- {cell(line.strip())}" for line in render_preview_gaps(preview_gaps(plan))]
    if plan.diagnostics:
        tail += ["", "### Program warnings", ""]
        tail += [f"- {d.severity}: {cell(d.message)}" for d in plan.diagnostics]
    rows = _tree_rows(plan, program, review)
    mermaid = render_mermaid(plan) if diagram else ""

    def assemble(tree_rows: list[str], dropped: int, with_diagram: bool) -> str:
        body = "\n".join(tree_rows)
        if dropped:
            body += f"\n… {dropped} more rows cut to fit a GitHub comment (see the JSON plan)"
        parts = head + _details(f"Resource tree ({len(rows) - 1} resources)", "text", body)
        if with_diagram and mermaid:
            parts += ["", *_details("Architecture", "mermaid", mermaid)]
        elif mermaid:
            parts += ["", "_Architecture diagram left out to fit a GitHub comment._"]
        return "\n".join([*parts, "", *tail]).rstrip("\n") + "\n"

    text = assemble(rows, 0, True)
    if len(text) <= limit:
        return text
    with_diagram = len(assemble(rows[:1], len(rows) - 1, True)) <= limit
    keep = len(rows)
    while keep > 1:  # cut the tree until it fits (halving, then one row at a time)
        step = (
            max(1, (keep - 1) // 2)
            if len(assemble(rows[:keep], len(rows) - keep, with_diagram)) > 2 * limit
            else 1
        )
        keep -= step
        text = assemble(rows[:keep], len(rows) - keep, with_diagram)
        if len(text) <= limit:
            return text
    text = assemble(rows[:1], len(rows) - 1, False)
    if len(text) > limit:  # the review alone is too long: cut the end, say so
        note = "\n\n… cut to fit a GitHub comment; the JSON plan has everything.\n"
        text = text[: limit - len(note)] + note
    return text
