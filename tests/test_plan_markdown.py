"""The pull-request comment (--format markdown) and the GitHub Actions workflow template."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from fargate_components.cli import _parser, main
from fargate_components.plan import load_project, run_project
from fargate_components.plan.markdown import COMMENT_LIMIT, MARKER, render_markdown
from fargate_components.plan.review import build_review
from fargate_components.testing import Plan

ROOT = Path(__file__).resolve().parent.parent
NETWORK = ROOT / "examples" / "network"
WORKFLOW = ROOT / "examples" / "github-actions" / "fargate-plan.yml"


@pytest.fixture(scope="module")
def network() -> Plan:
    return run_project(load_project(NETWORK))


def test_comment_sections(network: Plan) -> None:
    text = render_markdown(network, "examples/network", build_review(network))
    assert text.startswith(MARKER + "\n## Offline plan: `examples/network`")
    assert "**+25 to create** · **$42.50 / month** · findings: 0 error, 0 warning" in text
    assert "| `aws:ec2:Subnet` | 4 |" in text
    assert "<details><summary>Resource tree (26 resources)</summary>" in text
    assert "└─ fargate:network:Network" in text  # render_tree's rows, in a text block
    assert "```mermaid\nflowchart LR" in text
    assert "### Cost estimate: $42.50 / month" in text
    assert "### Policy findings" in text and "no findings" in text
    assert "| `vpc_id` | _known after deploy_ (mock: `vpc-" in text
    assert text.count("<details>") == text.count("</details>")
    assert text.count("```") % 2 == 0


def test_long_plans_are_cut_to_fit_a_comment(network: Plan) -> None:
    review = build_review(network)
    full = render_markdown(network, "p", review)
    cut = render_markdown(network, "p", review, limit=len(full) - 200)
    assert len(cut) <= len(full) - 200
    assert re.search(r"… \d+ more rows cut to fit a GitHub comment", cut)
    assert "### Cost estimate" in cut and "### Outputs" in cut  # the review is kept whole
    small = render_markdown(network, "p", review, limit=6500)  # one row, no diagram
    assert len(small) <= 6500 and "_Architecture diagram left out" in small
    assert "### Policy findings" in small and "### Resources by type" in small
    tiny = render_markdown(network, "p", review, limit=1500)
    assert len(tiny) <= 1500 and tiny.endswith("the JSON plan has everything.\n")
    assert len(full) < COMMENT_LIMIT


def test_the_comment_puts_what_matters_first(network: Plan) -> None:
    text = render_markdown(network, "examples/network", build_review(network))
    order = [
        "**+25 to create**",
        "### Cost estimate",
        "### Policy findings",
        "<summary>Architecture</summary>",
        "<summary>Resource tree",
        "### Outputs",
        "### Resources by type",
    ]
    assert [text.index(s) for s in order] == sorted(text.index(s) for s in order)
    assert "| ECS service" not in text or "-service-" not in text  # logical names in the table


def test_against_a_base_the_headline_counts_the_change(tmp_path: Path) -> None:
    from fargate_components.plan import plan_document
    from fargate_components.plan.diff import diff_plans

    base_plan = run_project(load_project(NETWORK), preview_faithful=True)
    head_plan = run_project(load_project(NETWORK, overrides={"azCount": "3"}))
    base = plan_document(base_plan, "p", build_review(base_plan).json_sections())
    review = build_review(head_plan)
    head = plan_document(head_plan, "p", review.json_sections())
    diff = diff_plans(base, head)
    text = render_markdown(head_plan, "examples/network", review, diff=diff)
    headline = text.split("\n")[3]
    assert headline.startswith(f"**+{diff.summary['create']} to create · ~")
    assert "to replace · -" in headline and "vs base)" in headline and "new**" in headline
    assert text.index("### Changes against") < text.index("### Cost estimate")
    section = text[text.index("### Changes against") : text.index("### Cost estimate")]
    for counted in ("to create", "to replace", "monthly cost", "data loss ·", "new, "):
        assert counted not in section  # the headline counts; the section lists the changes
    assert "unchanged · deployment critical path" in section and "| Resource |" in section


def test_cli_markdown_and_mermaid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "plan.md"
    assert main(["plan", str(NETWORK), "--format", "markdown", "-o", str(out)]) == 0
    assert out.read_text().startswith(MARKER)
    assert main(["plan", str(NETWORK), "--format", "mermaid"]) == 0
    assert capsys.readouterr().out.startswith("flowchart LR\n")


# -- the workflow template -----------------------------------------------------------------


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text())


def _commands(workflow: dict) -> list[list[str]]:
    """Every `fargate-components ...` command line of the workflow, split like a shell."""
    values = {"$PROGRAM_DIR": "examples/network", "$STACK": "dev", "$FAIL_ON": "error"}
    found = []
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            script = step.get("run", "").replace("\\\n", " ")
            for line in script.splitlines():
                for part in re.split(r"&&|\|\||;|\bthen\b|\bif\b", line):
                    part = part.strip()
                    if part.startswith("fargate-components "):
                        for k, v in values.items():
                            part = part.replace(k, v)
                        found.append(shlex.split(part)[1:])
    return found


def test_workflow_is_valid_and_uses_only_real_commands() -> None:
    wf = _workflow()
    assert wf.get("on", wf.get(True)) == {"pull_request": None}
    commands = _commands(wf)
    assert {c[0] for c in commands} == {"plan"} and len(commands) >= 3
    comment = [c for c in commands if "markdown" in c]  # one comment, headed by the diff
    assert len(comment) == 1 and "--diff" in comment[0] and "--fail-on" in comment[0]
    parser = _parser()
    for argv in commands:
        parser.parse_args(argv)  # SystemExit (a failed test) on an unknown flag
    allowed = {
        "actions/checkout",
        "actions/setup-python",
        "actions/github-script",
        "actions/upload-artifact",
        "aws-actions/configure-aws-credentials",
        "pulumi/actions",
    }
    offline = wf["jobs"]["offline-plan"]
    uses = [s["uses"].split("@")[0] for s in offline["steps"] if "uses" in s]
    assert set(uses) <= allowed - {"aws-actions/configure-aws-credentials", "pulumi/actions"}
    preview = wf["jobs"]["pulumi-preview"]
    assert preview["if"] == "vars.AWS_ROLE_ARN != ''"
    assert preview["permissions"]["id-token"] == "write"
    assert {s["uses"].split("@")[0] for s in preview["steps"] if "uses" in s} <= allowed
    steps = {s.get("uses", "").split("@")[0]: s for s in preview["steps"]}
    assert steps["aws-actions/configure-aws-credentials"]["with"]["role-to-assume"] == (
        "${{ vars.AWS_ROLE_ARN }}"
    )
    # no cloud credentials anywhere in the offline job
    assert "AWS_" not in yaml.safe_dump(offline) and "secrets." not in yaml.safe_dump(offline)
