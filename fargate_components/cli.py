"""The ``fargate-components`` command.

    fargate-components plan [PROGRAM_DIR] [--stack NAME] [--config KEY=VALUE ...]
                            [--secret KEY=VALUE ...] [--format tree|json] [--output FILE]

Exit codes: 0 success; 1 the program failed; 2 bad usage or bad project/waiver files;
3 policy findings at or above ``--fail-on``; 4 the ``--simulate`` deploy failed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import ValidationError
from .plan import ProgramError, load_project, plan_document, render_tree, run_project
from .plan.review import build_review
from .policy import should_fail

FORMATS = ("tree", "json")


def _assignments(values: Sequence[str] | None, flag: str) -> dict[str, str]:
    result = {}
    for text in values or []:
        key, sep, value = text.partition("=")
        if not sep or not key:
            raise ProgramError(f"{flag} expects KEY=VALUE, got {text!r}")
        result[key] = value
    return result


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
        "--stack", default="dev", help="stack name; reads Pulumi.<stack>.yaml (default: dev)"
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
    plan.add_argument(
        "--fail-on",
        choices=("error", "warning", "advisory"),
        help="exit 3 when an unwaived policy finding is at least this severe (for CI)",
    )
    plan.add_argument("--waivers", metavar="FILE", help="policy waiver file (YAML or JSON)")
    plan.add_argument(
        "--prices", metavar="FILE", help="price file laid over the shipped prices of the region"
    )
    plan.add_argument(
        "--simulate",
        action="store_true",
        help="also replay the plan into an emulated AWS (moto) and report what AWS refused",
    )
    return parser


def _plan(args: argparse.Namespace) -> int:
    project = load_project(
        args.program_dir,
        args.stack,
        _assignments(args.config, "--config"),
        _assignments(args.secret, "--secret"),
    )
    plan = run_project(project, args.stack)
    review = build_review(
        plan, waivers=args.waivers, prices_path=args.prices, simulate=args.simulate
    )
    findings = review.findings
    if args.format == "json":
        doc = plan_document(plan, args.program_dir, review.json_sections())
        text = json.dumps(doc, indent=2) + "\n"
    else:
        text = "\n".join([render_tree(plan, args.program_dir), *review.text_sections(), ""])
    if args.output:
        Path(args.output).write_text(text)
    else:
        sys.stdout.write(text)
    if review.simulation is not None and review.simulation.failed:
        print("error: the simulated deploy failed (see above)", file=sys.stderr)
        return 4
    if should_fail(findings, args.fail_on):
        print(f"error: policy findings at or above {args.fail_on!r} (see above)", file=sys.stderr)
        return 3
    return 0


def _close_event_loop() -> None:
    """Close the loop the Pulumi SDK left on this thread, so interpreter shutdown is quiet."""
    try:
        loop = asyncio.get_event_loop_policy().get_event_loop()
    except RuntimeError:
        return
    if not loop.is_running() and not loop.is_closed():
        loop.close()


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "plan":
            return _plan(args)
    except ValidationError as err:  # e.g. a malformed waiver file
        print(f"error: {err}", file=sys.stderr)
        return 2
    except ProgramError as err:
        cause = err.__cause__
        code = 1 if cause is not None else 2
        print(f"error: {err}", file=sys.stderr)
        return code
    except BrokenPipeError:  # e.g. `| head`: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        if argv is None:
            _close_event_loop()
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
