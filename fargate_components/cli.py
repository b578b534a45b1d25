"""The ``fargate-components`` command.

    fargate-components plan [PROGRAM_DIR] [--stack NAME] [--config KEY=VALUE ...]
                            [--secret KEY=VALUE ...] [--format tree|json|markdown|mermaid]
                            [--output FILE] [--simulate] [--fixtures FILE] [--diff BASE.json]
                            [--preview-faithful | --no-preview-faithful]
                            [--scan checkov] [--checkov-python PYTHON]
                            [--fail-on-replace]
                            [--fail-on-data-loss] [--fail-on-downtime] [--timeout SECONDS]
    fargate-components diff BASE.json HEAD.json [--format text|markdown|json]
                            [--output FILE] [--fail-on-replace] [--fail-on-data-loss]
                            [--fail-on-downtime]

Standard output carries only our output (the plan, the diff); everything the program prints
goes to standard error. Every file argument (``--output``, ``--waivers``, ``--prices``,
``--fixtures``,
``--diff``, the two plans of ``diff``) is checked before the program runs.

Exit codes (see :data:`EXIT_CODES`): 0 success; 1 the program failed (raised, or called
``sys.exit``); 2 bad usage or a bad file (project, stack, waivers, prices, plan JSON, output
path); 3 policy findings at or above ``--fail-on`` (or, with ``--fail-on-unverified``, a rule
that could not decide); 4 the ``--simulate`` deploy failed;
5 ``--fail-on-replace`` and the diff replaces or deletes a resource; 6 ``--fail-on-data-loss``
and the diff replaces or deletes a stateful resource; 7 ``--fail-on-downtime`` and it
re-creates a service, load balancer or profile; 124 the program did not
finish within ``--timeout``; 130 interrupted (Ctrl-C). A diff never fails otherwise, whatever
it finds.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import ValidationError
from .model import Plan
from .plan import ProgramError, load_project, plan_document, render_tree, run_project
from .plan.diff import PlanDiff, diff_plans, render_diff_markdown, render_diff_text
from .plan.document_shape import check_plan_document
from .plan.markdown import render_markdown
from .plan.mermaid import render_mermaid
from .plan.program import (
    DEFAULT_STACK,
    DEFAULT_TIMEOUT,
    ChangeSimulation,
    ProgramFailed,
    ProgramInterrupted,
    ProgramTimedOut,
    ProjectFiles,
    load_fixtures,
    render_change_text,
    simulate_change,
)
from .plan.review import build_review
from .policy import RULES, load_waivers, should_fail
from .policy.checkov_scan import PYTHON_ENV, find_checkov_python
from .pricing import load_prices
from .testing.mocks import DEFAULT_REGION

FORMATS = ("tree", "json", "markdown", "mermaid")
#: The external scanners ``plan --scan`` runs.
SCANNERS = ("checkov",)
DIFF_FORMATS = ("text", "markdown", "json")

#: Every exit code of the command and what it means (README, "The offline plan").
EXIT_CODES = {
    0: "success",
    1: "the program failed (it raised, or called sys.exit)",
    2: "bad usage or a bad file (project, stack, waivers, prices, plan JSON, output path)",
    3: "policy findings at or above --fail-on (or unverified, with --fail-on-unverified)",
    4: "the --simulate deploy (with --diff: the simulated change) failed",
    5: "--fail-on-replace and the diff replaces or deletes a resource",
    6: "--fail-on-data-loss and the diff replaces or deletes a stateful resource",
    7: "--fail-on-downtime and the diff re-creates a service, load balancer or profile",
    124: "the program did not finish within --timeout",
    130: "interrupted",
}
EXIT_PROGRAM_FAILED, EXIT_USAGE, EXIT_TIMEOUT, EXIT_INTERRUPTED = 1, 2, 124, 130


def _assignments(values: Sequence[str] | None, flag: str) -> dict[str, str]:
    result = {}
    for text in values or []:
        key, sep, value = text.partition("=")
        if not sep or not key:
            raise ProgramError(f"{flag} expects KEY=VALUE, got {text!r}")
        result[key] = value
    return result


def _simulation_arguments(plan: argparse.ArgumentParser) -> None:
    plan.add_argument(
        "--simulate",
        action="store_true",
        help="also replay the plan into an emulated AWS (moto) and report what AWS refused "
        "(with --diff: deploy BASE.json, then replay the change onto it)",
    )
    plan.add_argument(
        "--fixtures",
        metavar="FILE",
        help="pre-existing AWS objects (certificates, zones, VPCs, clusters...) created in "
        "moto before --simulate, and StackReference outputs for the plan (YAML or JSON)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fargate-components",
        description="Offline plans of Pulumi programs built with fargate-components.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    plan = sub.add_parser(
        "plan",
        help="run a Pulumi Python program under mocks and print what it would create",
        description="Run a Pulumi Python program under mocks (no credentials, no CLI, "
        "no network) and print the resources it would create.",
    )
    plan.add_argument("program_dir", nargs="?", default=".", help="project directory (default: .)")
    plan.add_argument(
        "--stack",
        help=f"stack name; reads Pulumi.<stack>.yaml, which must exist when a stack is named "
        f"(default: {DEFAULT_STACK}, whose file is optional)",
    )
    plan.add_argument(
        "--config", action="append", metavar="KEY=VALUE", help="set a config value (repeatable)"
    )
    plan.add_argument(
        "--secret",
        action="append",
        metavar="KEY=VALUE",
        help="set a secret config value (repeatable)",
    )
    plan.add_argument(
        "--format", choices=FORMATS, default="tree", help="output format (default: tree)"
    )
    plan.add_argument(
        "--output", "-o", metavar="FILE", help="write to FILE instead of standard output"
    )
    _policy_options(plan)
    plan.add_argument(
        "--prices", metavar="FILE", help="price file laid over the shipped prices of the region"
    )
    _run_options(plan)
    _simulation_arguments(plan)
    plan.add_argument(
        "--diff",
        metavar="BASE.json",
        help="print what changes against BASE.json (a plan written with --format json) "
        "instead of the plan; --format tree gives text, markdown and json their own",
    )
    _fail_on_replace(plan)
    diff = sub.add_parser(
        "diff",
        help="compare two JSON plans: resources added, removed, updated or replaced, cost delta",
        description="Compare two plans written with `plan --format json`: what is created, "
        "deleted, updated or replaced (and which inputs force the replacement), the "
        "monthly cost delta, new and resolved findings.",
    )
    diff.add_argument("base", metavar="BASE.json", help="the plan before the change")
    diff.add_argument("head", metavar="HEAD.json", help="the plan after the change")
    diff.add_argument(
        "--format", choices=DIFF_FORMATS, default="text", help="output format (default: text)"
    )
    diff.add_argument(
        "--output", "-o", metavar="FILE", help="write to FILE instead of standard output"
    )
    _fail_on_replace(diff)
    return parser


def _policy_options(parser: argparse.ArgumentParser) -> None:
    """The policy rules: --fail-on, --fail-on-unverified, --waivers."""
    parser.add_argument(
        "--fail-on",
        choices=("error", "warning", "advisory"),
        help="exit 3 when an unwaived policy finding is at least this severe (for CI)",
    )
    parser.add_argument("--waivers", metavar="FILE", help="policy waiver file (YAML or JSON)")
    parser.add_argument(
        "--scan",
        choices=SCANNERS,
        help="also run an external scanner's checks over the plan and report its failures "
        "as findings: checkov (Checkov's AWS and Kubernetes checks; needs Checkov installed, "
        'README "Checkov")',
    )
    parser.add_argument(
        "--checkov-python",
        metavar="PYTHON",
        help=f"the Python interpreter that has Checkov, for --scan checkov (default: "
        f"${PYTHON_ENV}, this Python if it has Checkov, else the one of `checkov` on PATH)",
    )
    parser.add_argument(
        "--fail-on-unverified",
        action="store_true",
        help="exit 3 also when a rule could not decide because a value it reads is unknown at "
        "preview (an unverified result; listed either way)",
    )


def _run_options(parser: argparse.ArgumentParser) -> None:
    """How the program runs: --preview-faithful, --timeout."""
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"stop a program that runs longer than this, exit {EXIT_TIMEOUT} "
        f"(default: {DEFAULT_TIMEOUT:g}; 0: no limit)",
    )
    parser.add_argument(
        "--preview-faithful",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="plan as the first `pulumi preview` of a new stack sees it: ids, ARNs and every "
        "other attribute the provider computes on create are [unknown] (known after apply). "
        "The default, except with --simulate, which deploys and so needs values; "
        "--no-preview-faithful gives every computed attribute an invented mock value instead",
    )


def _fail_on_replace(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--fail-on-replace",
        action="store_true",
        help="exit 5 when the diff replaces or deletes a resource (for CI)",
    )
    parser.add_argument(
        "--fail-on-data-loss",
        action="store_true",
        help="exit 6 when the diff replaces or deletes a stateful resource (queue, KMS key, "
        "EKS cluster, log group, file system, ...)",
    )
    parser.add_argument(
        "--fail-on-downtime",
        action="store_true",
        help="exit 7 when the diff re-creates an ECS service, load balancer, listener, Fargate "
        "profile, ...",
    )


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(
            f"expected 0 or a positive number of seconds, got {text!r}"
        )
    return value


def _read_plan(path: str) -> dict[str, object]:
    """Read a plan JSON file and check it has the documented shape (exit 2 otherwise)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise ProgramError(f"{path}: cannot read the plan: {err.strerror or err}") from None
    except ValueError as err:
        raise ProgramError(f"{path}: not a JSON plan: {err}") from None
    try:
        check_plan_document(data, path)
    except ValidationError as err:
        raise ProgramError(f"not a plan JSON document: {err}") from None
    assert isinstance(data, dict)
    return data


def _check_output(path: str | None) -> None:
    """Fail before any work when ``--output`` cannot be written (and create nothing)."""
    if not path:
        return
    target = Path(path)
    parent = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise ProgramError(f"--output {path}: is a directory")
    if not parent.is_dir():
        raise ProgramError(f"--output {path}: the directory {parent} does not exist")
    writable = os.access(target, os.W_OK) if target.exists() else os.access(parent, os.W_OK)
    if not writable:
        raise ProgramError(f"--output {path}: not writable (permission denied)")


def _check_input_file(path: str | None, flag: str) -> None:
    if path is None or Path(path).is_file():
        return
    # A user's `--waivers /dev/null` (or a directory) was told "no such file".
    what = "not a regular file" if Path(path).exists() else "no such file"
    raise ProgramError(f"{flag} {path}: {what}")


def _check_plan_files(args: argparse.Namespace, project: ProjectFiles) -> None:
    """Read and validate every file argument of ``plan`` before the program runs."""
    _check_output(args.output)
    _check_input_file(args.waivers, "--waivers")
    _check_input_file(args.prices, "--prices")
    _check_input_file(args.fixtures, "--fixtures")
    if args.fixtures:
        try:
            args.loaded_fixtures = load_fixtures(args.fixtures)
        except ValidationError as err:
            raise ProgramError(f"--fixtures {args.fixtures}: {err}") from None
        project.stack_references.update(args.loaded_fixtures.stack_references)
    if args.waivers:
        load_waivers(args.waivers, known_rules=RULES)
    if args.scan == "checkov":
        args.checkov_python = find_checkov_python(args.checkov_python)
    elif args.checkov_python:
        raise ProgramError("--checkov-python is for --scan checkov")
    if args.prices:
        region = str(project.config.get("aws:region") or DEFAULT_REGION)
        try:
            load_prices(region, args.prices)
        except ValidationError as err:
            detail = err.allowed if err.argument == "override_path" else str(err)
            raise ProgramError(f"--prices {args.prices}: {detail}") from None


def _render_diff(result: PlanDiff, fmt: str, change: ChangeSimulation | None = None) -> str:
    """The diff; with ``plan --simulate --diff``, the replayed change after it (the diff
    JSON gains a ``simulation`` key: README "Plan diff JSON")."""
    if fmt == "json":
        data = result.to_json()
        if change is not None:
            data["simulation"] = change.to_json()
        return json.dumps(data, indent=2) + "\n"
    if fmt == "markdown":
        text = render_diff_markdown(result)
        if change is not None:
            replay = render_change_text(change).rstrip("\n")
            text = f"{text.rstrip()}\n\n### Simulated change\n\n```text\n{replay}\n```\n"
        return text
    text = render_diff_text(result)
    if change is not None:
        text = f"{text.rstrip()}\n\n{render_change_text(change)}\n"
    return text


def _write(text: str, output: str | None) -> None:
    if not output:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as err:  # checked up front; this is a full disk or a race
        raise ProgramError(f"--output {output}: cannot write: {err.strerror or err}") from None


def _replace_code(result: PlanDiff | None, args: argparse.Namespace) -> int:
    if result is None:
        return 0
    if args.fail_on_data_loss and result.data_loss:
        print("error: the change loses data (see 'Data loss' above)", file=sys.stderr)
        return 6
    if args.fail_on_downtime and result.downtime:
        print("error: the change causes downtime (see above)", file=sys.stderr)
        return 7
    if args.fail_on_replace and (result.count("replace") or result.count("delete")):
        print("error: the change replaces or deletes resources (see above)", file=sys.stderr)
        return 5
    return 0


def _diff(args: argparse.Namespace) -> int:
    _check_output(args.output)
    try:
        base, head = _read_plan(args.base), _read_plan(args.head)
        result = diff_plans(base, head)
    except ValidationError as err:
        raise ProgramError(str(err)) from None
    _write(_render_diff(result, args.format), args.output)
    return _replace_code(result, args)


def _preview_faithful(args: argparse.Namespace, base: dict[str, object] | None) -> bool:
    """Whether to plan as a first preview (the default) or with mock values (--simulate,
    which replays a deploy, needs them; so does a base it deploys first)."""
    if not args.simulate:
        return args.preview_faithful is not False
    if args.preview_faithful:
        raise ProgramError(
            "--simulate deploys the plan, which needs the values a deploy has: it cannot "
            "replay a --preview-faithful plan (leave --preview-faithful out)"
        )
    if base is not None and base.get("preview_faithful") is True:
        raise ProgramError(
            f"--simulate --diff {args.diff}: the base plan was written preview-faithful (the "
            "default), so its ids are unknown and it cannot be deployed first; write it with "
            "`plan --no-preview-faithful --format json`"
        )
    return False


def _plan(args: argparse.Namespace) -> int:
    if args.diff and args.format == "mermaid":
        raise ProgramError("--diff prints a diff: use --format tree, markdown or json")
    _check_output(args.output)
    base = _read_plan(args.diff) if args.diff else None
    faithful = _preview_faithful(args, base)
    project = load_project(
        args.program_dir,
        args.stack,
        _assignments(args.config, "--config"),
        _assignments(args.secret, "--secret"),
    )
    _check_plan_files(args, project)
    plan = run_project(
        project,
        args.stack,
        timeout=args.timeout or None,
        preview_faithful=faithful,
    )
    # With --diff, --simulate replays the change against a simulated base deploy instead.
    review = build_review(
        plan,
        waivers=args.waivers,
        prices_path=args.prices,
        simulate=args.simulate and base is None,
        fixtures=getattr(args, "loaded_fixtures", None),
        scan=args.scan,
        checkov_python=args.checkov_python,
    )
    findings = review.findings
    result = None
    change = None
    if base is not None:
        doc = plan_document(plan, args.program_dir, review.json_sections())
        try:
            result = diff_plans(base, json.loads(json.dumps(doc)))
        except ValidationError as err:
            raise ProgramError(f"{args.diff}: {err}") from None
        if args.simulate:
            fixtures = getattr(args, "loaded_fixtures", None)
            change = simulate_change(Plan.from_json(base), plan, diff=result, fixtures=fixtures)
        if args.format == "markdown":  # the pull-request comment: this plan, headed by the diff
            text = render_markdown(plan, args.program_dir, review, diff=result)
            if change is not None:
                replay = render_change_text(change).rstrip("\n")
                text = f"{text.rstrip()}\n\n### Simulated change\n\n```text\n{replay}\n```\n"
        else:
            text = _render_diff(result, "text" if args.format == "tree" else args.format, change)
    elif args.format == "json":
        doc = plan_document(plan, args.program_dir, review.json_sections())
        text = json.dumps(doc, indent=2) + "\n"
    elif args.format == "markdown":
        text = render_markdown(plan, args.program_dir, review)
    elif args.format == "mermaid":
        text = render_mermaid(plan)
    else:
        text = "\n".join(
            [render_tree(plan, args.program_dir, review.tree_info()), *review.text_sections(), ""]
        )
    _write(text, args.output)
    if review.simulation is not None and review.simulation.failed:
        print("error: the simulated deploy failed (see above)", file=sys.stderr)
        return 4
    if change is not None and not change.ok:
        print("error: the simulated change failed (see above)", file=sys.stderr)
        return 4
    if should_fail(findings, args.fail_on, fail_on_unverified=args.fail_on_unverified):
        what = f"at or above {args.fail_on!r}" if args.fail_on else "unverified"
        print(f"error: policy findings {what} (see above)", file=sys.stderr)
        return 3
    return _replace_code(result, args)


def _error_code(err: ProgramError) -> int:
    if isinstance(err, ProgramTimedOut):
        return EXIT_TIMEOUT
    if isinstance(err, ProgramInterrupted):
        return EXIT_INTERRUPTED
    if isinstance(err, ProgramFailed):
        return EXIT_PROGRAM_FAILED
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns its exit code (see :data:`EXIT_CODES`)."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "plan":
            return _plan(args)
        if args.command == "diff":
            return _diff(args)
    except ValidationError as err:  # e.g. a malformed waiver or price file
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except ProgramError as err:
        print(f"error: {err}", file=sys.stderr)
        return _error_code(err)
    except KeyboardInterrupt:  # Ctrl-C outside the program (e.g. while simulating)
        print("error: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. `| head`: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return EXIT_USAGE


if __name__ == "__main__":
    raise SystemExit(main())
