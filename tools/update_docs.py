"""Regenerate the measured blocks of the README files from the plan command's own output.

Every figure in an example's README (what it creates, what it costs) sits between
``<!-- generated:NAME -->`` and ``<!-- /generated:NAME -->`` markers and is written here,
never by hand. ``python -m tools.update_docs`` rewrites them; ``--check`` exits 1 when a
README is stale (the test suite runs that).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

from fargate_components.plan import load_project, run_project, type_counts
from fargate_components.plan.render import display_type
from fargate_components.plan.review import build_review
from fargate_components.testing import Plan

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
_BLOCK = re.compile(
    r"(<!-- generated:(?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- /generated:(?P=name) -->)", re.S
)


def _money(value: float | None) -> str:
    return "n/a" if value is None else f"${value:,.2f}"


def resources_block(plan: Plan) -> str:
    rows = [f"| {display_type(t)} | {n} |" for t, n in type_counts(plan)]
    total = sum(n for _, n in type_counts(plan))
    return "\n".join(
        ["| resource type | count |", "|---|---|", *rows, f"| **total** | **{total}** |"]
    )


def cost_block(plan: Plan) -> str:
    review = build_review(plan)
    cost = review.json_sections()["cost"]
    if cost["total_monthly"] is None:
        return f"Cost estimate unavailable: {cost['unavailable']}"
    lines = ["| item | monthly (USD) | min..max |", "|---|---|---|"]
    for item in cost["items"]:
        spread = ""
        if item["min_monthly"] != item["max_monthly"]:
            spread = f"{_money(item['min_monthly'])}..{_money(item['max_monthly'])}"
        lines.append(f"| {item['description']} | {_money(item['monthly'])} | {spread} |")
    total = f"| **total** | **{_money(cost['total_monthly'])}** |"
    if cost.get("total_min_monthly") is not None and cost.get("total_min_monthly") != cost.get(
        "total_max_monthly"
    ):
        total += f" {_money(cost['total_min_monthly'])}..{_money(cost['total_max_monthly'])} |"
    else:
        total += " |"
    lines.append(total)
    lines.append("")
    lines.append(
        f"Region {cost['region']}, {cost['hours_per_month']} h a month, prices as of "
        f"{cost.get('prices_as_of', '?')}; the assumptions behind each figure are printed by "
        "`fargate-components plan` next to it."
    )
    return "\n".join(lines)


def rules_block(plan: Plan) -> str:
    from fargate_components.policy import render_rules_markdown

    return render_rules_markdown().rstrip()


def architecture_block(plan: Plan) -> str:
    from fargate_components.plan import render_mermaid

    return "```mermaid\n" + render_mermaid(plan).rstrip() + "\n```"


GENERATORS: dict[str, Callable[[Plan], str]] = {
    "architecture": architecture_block,
    "resources": resources_block,
    "cost": cost_block,
    "rules": rules_block,
}


def render(readme: Path, plan: Plan) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group("name")
        if name not in GENERATORS:
            raise SystemExit(f"{readme}: unknown generated block {name!r}")
        return f"{match.group(1)}{GENERATORS[name](plan)}\n{match.group(4)}"

    return _BLOCK.sub(replace, readme.read_text())


def targets() -> list[tuple[Path, Path]]:
    """(README, project directory) pairs: the root README (its project is the default
    example) and each example's README."""
    examples = sorted(p.parent for p in EXAMPLES.glob("*/Pulumi.yaml"))
    return [(ROOT / "README.md", ROOT), *[(d / "README.md", d) for d in examples]]


def _plan(project_dir: Path) -> Plan:
    return run_project(load_project(project_dir, "dev"), "dev")


def main(argv: list[str] | None = None, plan_of: Callable[[Path], Plan] = _plan) -> int:
    """``plan_of`` plans a project directory for the dev stack (the test suite passes its
    shared cache of example plans)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if any README is stale")
    args = parser.parse_args(argv)
    stale = []
    for readme, project_dir in targets():
        if not readme.exists():
            continue
        plan = plan_of(project_dir)
        text = render(readme, plan)
        if text != readme.read_text():
            stale.append(readme)
            if not args.check:
                readme.write_text(text)
    if stale:
        verb = "stale (run `make docs`)" if args.check else "updated"
        print("\n".join(f"{p.relative_to(ROOT)}: {verb}" for p in stale))
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
