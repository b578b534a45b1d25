"""``python -m bench`` (``make bench``): run the benchmarks of issue 8 and write
``bench/RESULTS.md`` from their output.

Options: ``--only planning,suite,imports,deploy,cost,simulate`` (default all), ``--sizes 1,10``
(planning sizes; default 1,10,50,100,200,1000), ``--output PATH`` (default bench/RESULTS.md;
``-`` prints only), ``--json PATH`` (the raw measurements too).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from . import cost, deploy, imports, machine, planning, report, simulate, suite

PARTS = ("planning", "suite", "imports", "deploy", "cost", "simulate")
DEFAULT_OUTPUT = Path(__file__).resolve().parent / "RESULTS.md"


def run(parts: tuple[str, ...] = PARTS, sizes: tuple[int, ...] = planning.SIZES) -> dict[str, Any]:
    results: dict[str, Any] = {"machine": machine.describe()}
    for part in parts:
        start = time.perf_counter()
        print(f"bench: {part} ...", file=sys.stderr, flush=True)
        try:
            _run_part(part, sizes, results)
        except Exception as error:  # one broken part must not lose the others
            text = "".join(traceback.format_exception_only(type(error), error)).strip()
            results.setdefault("errors", {})[part] = text
            print(f"bench: {part} FAILED: {text}", file=sys.stderr)
        print(f"bench: {part} done in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return results


def _run_part(part: str, sizes: tuple[int, ...], results: dict[str, Any]) -> None:
    if part == "planning":
        rows = planning.run_sizes(sizes)
        results["planning"] = {"rows": rows, "verdicts": planning.verdicts(rows)}
    elif part == "suite":
        results["suite"] = suite.measure()
    elif part == "imports":
        results["imports"] = imports.measure()
    elif part == "deploy":
        results["deploy"] = deploy.measure()
    elif part == "cost":
        results["cost"] = cost.measure()
    elif part == "simulate":
        results["simulate"] = simulate.measure()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--only", default=",".join(PARTS))
    parser.add_argument("--sizes", default=",".join(map(str, planning.SIZES)))
    parser.add_argument("--output", default=str(DEFAULT_OUTPUT))
    parser.add_argument("--json", default=None)
    ns = parser.parse_args(argv)
    parts = tuple(p for p in ns.only.split(",") if p)
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        parser.error(f"--only: unknown {unknown}; choose from {', '.join(PARTS)}")
    sizes = tuple(int(n) for n in ns.sizes.split(",") if n)
    results = run(parts, sizes)
    text = report.render(results)
    print(text)
    if ns.output != "-":
        Path(ns.output).write_text(text)
        print(f"bench: wrote {ns.output}", file=sys.stderr)
    if ns.json:
        Path(ns.json).write_text(json.dumps(results, indent=2, default=str))
    return 1 if results.get("errors") else 0


if __name__ == "__main__":
    sys.exit(main())
