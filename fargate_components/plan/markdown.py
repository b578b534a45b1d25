"""The plan as a GitHub pull-request comment (GitHub-flavoured Markdown).

One compact comment, most important first: a headline (create / update / replace / delete
counts, data loss, the monthly cost and, against a base plan, its delta, findings and how
many are new), then with a base the diff itself, the routes, the cost table (the cost
advisor's savings under it), the policy findings, deployments, the simulation (when asked
for), the architecture diagram and the resource tree folded in ``<details>``, the stack
outputs, the program's warnings, and the counts by type last. GitHub refuses comments over
65,536 characters, so the tree (then the diagram) is cut, with a note, when the comment
would not fit.
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .._markdown import cell
from ..model import Plan
from ..model.tokens import STACK
from ..policy import SEVERITIES
from .mermaid import render_mermaid
from .preview_gaps import preview_gaps, render_preview_gaps
from .render import display_type, render_tree, type_counts
from .review import Review

if TYPE_CHECKING:
    from .diff_model import PlanDiff

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


def _findings_text(review: Review, diff: PlanDiff | None) -> str:
    active = Counter(f.severity for f in review.findings if not f.waived and not f.unverified)
    waived = sum(1 for f in review.findings if f.waived)
    unverified = sum(1 for f in review.findings if f.unverified and not f.waived)
    text = ", ".join(f"{active[s]} {s}" for s in SEVERITIES)
    if unverified:
        text += f", {unverified} unverified"
    if waived:
        text += f" ({waived} waived)"
    if diff is not None:
        new, resolved = len(diff.findings["new"]), len(diff.findings["resolved"])
        text += f"; **{new} new**, {resolved} resolved"
    return text


def _changes_text(plan: Plan, diff: PlanDiff | None) -> str:
    if diff is None:
        creates = sum(1 for r in plan.resources if r.type != STACK)
        return f"**+{creates} to create**"
    s = diff.summary
    counts = (
        f"**+{s['create']} to create · ~{s['update']} to update · "
        f"±{s['replace']} to replace · -{s['delete']} to delete**"
    )
    if diff.impacts:
        counts += (
            f" · :rotating_light: **{len(diff.data_loss)} data loss · "
            f"{len(diff.downtime)} downtime**"
        )
    return counts


def _cost_text(review: Review, diff: PlanDiff | None) -> str:
    if review.cost is None:
        return "cost n/a"
    text = f"**{_money(review.cost.total_monthly)} / month**"
    delta = diff.cost.get("delta_monthly") if diff is not None else None
    if isinstance(delta, (int, float, Decimal)):
        text += f" ({'+' if delta >= 0 else '-'}{_money(abs(delta))} vs base)"
    return text


def _headline(plan: Plan, program: str, review: Review, diff: PlanDiff | None) -> list[str]:
    mode = (
        "as the first `pulumi preview` of a new stack sees it: `[unknown]` is known after apply"
        if plan.preview_faithful
        else "ids and ARNs are mock placeholders"
    )
    return [
        f"## Offline plan: `{program}`",
        "",
        f"{_changes_text(plan, diff)} · {_cost_text(review, diff)} · "
        f"findings: {_findings_text(review, diff)}",
        "",
        f"Stack `{plan.stack}`, region `{plan.region}`; planned under mocks (no cloud "
        f"credentials used), {mode}.",
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
    diff: PlanDiff | None = None,
) -> str:
    """The plan as one pull-request comment, at most ``limit`` characters. With ``diff``
    (this plan against a base: ``plan --diff base.json --format markdown``), the headline
    counts what changes and the cost delta, and the diff's table follows it."""
    head = [MARKER, *_headline(plan, program, review, diff), ""]
    if diff is not None:
        from .diff_render import render_diff_markdown

        # without the diff's own marker, nor the counts the headline above already gives
        body = render_diff_markdown(diff, headline=False).split("\n", 1)[1]
        head += [body.replace("## Plan diff against", "### Changes against", 1).rstrip(), ""]
    middle: list[str] = []
    for section in review.markdown_sections():
        middle += [section.rstrip("\n"), ""]
    tail: list[str] = []
    tail += _outputs(plan)
    if plan.preview_faithful:
        tail += ["", "### Unknown at the first preview", ""]
        tail += [f"- {cell(line.strip())}" for line in render_preview_gaps(preview_gaps(plan))]
    if plan.diagnostics:
        tail += ["", "### Program warnings", ""]
        tail += [f"- {d.severity}: {cell(d.message)}" for d in plan.diagnostics]
    tail += ["", "### Resources by type", "", *_counts(plan)]
    rows = _tree_rows(plan, program, review)
    mermaid = render_mermaid(plan) if diagram else ""

    def assemble(tree_rows: list[str], dropped: int, with_diagram: bool) -> str:
        body = "\n".join(tree_rows)
        if dropped:
            body += f"\n… {dropped} more rows cut to fit a GitHub comment (see the JSON plan)"
        parts = head + middle
        if with_diagram and mermaid:
            parts += [*_details("Architecture", "mermaid", mermaid), ""]
        elif mermaid:
            parts += ["_Architecture diagram left out to fit a GitHub comment._", ""]
        parts += _details(f"Resource tree ({len(rows) - 1} resources)", "text", body)
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
