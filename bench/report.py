"""The results file, rendered from the measurements (never typed by hand)."""

from __future__ import annotations

from typing import Any

from . import imports, planning, simulate, suite


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def render(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`python -m bench`) from its own measurements; do not edit.",
        "",
        "## Machine",
        "",
        f"- date: {m['date']}; commit: {m['commit']}",
        f"- CPU: {m['cpu']}, {m['cores']} cores; memory: {m['memory_gib']:.1f} GiB; {m['os']}",
        f"- load average (1 min) at start: {m['load']:.2f}" if m.get("load") is not None else "",
        f"- {m['python']}; " + ", ".join(f"{k} {v}" for k, v in m["packages"].items()),
        _steadiness(m.get("steadiness")),
        "",
        "## Targets",
        "",
        "| # | target | measured | verdict |",
        "|---|---|---|---|",
    ]
    rows = []
    if "planning" in results:
        rows += _planning_targets(results["planning"])
    if "suite" in results:
        s = results["suite"]
        rows.append(
            f"| 2 | test suite <= {suite.TARGET_SECONDS:.0f} s on {m['cores']} cores "
            f"| {s['seconds']:.1f} s | {_verdict(s['ok'])} |"
        )
    if "imports" in results:
        i = results["imports"]
        rows.append(
            f"| 3 | `import fargate_components` <= {imports.TARGET}x the pulumi_aws submodules "
            f"| {i['ratio']:.2f}x | {_verdict(i['ok'])} |"
        )
    if "deploy" in results:
        rows.append("| 4 | critical path printed per example | see below | report |")
    if "cost" in results:
        rows.append("| 5 | cost side by side | see below | report |")
    if "simulate" in results:
        rows.append(_simulate_target(results["simulate"]))
    for part, error in results.get("errors", {}).items():
        rows.append(f"| - | {part} | error: {error.splitlines()[-1][:200]} | ERROR |")
    lines += rows
    if "planning" in results:
        lines += _planning(results["planning"])
    if "suite" in results:
        lines += _suite(results["suite"])
    if "imports" in results:
        lines += _imports(results["imports"])
    if "deploy" in results:
        lines += _deploy(results["deploy"])
    if "cost" in results:
        lines += _cost(results["cost"])
    if "simulate" in results:
        lines += _simulate(results["simulate"])
    return "\n".join(line for line in lines if line is not None) + "\n"


def _steadiness(s: dict[str, float] | None) -> str | None:
    if not s:
        return None
    return (
        f"- CPU steadiness: the same fixed work ({s['mean_s']:.2f} s of CPU) timed {s['runs']} "
        f"times in a row varies by {s['cv']:.0%} (standard deviation / mean), lag-1 "
        f"autocorrelation {s['lag1']:.2f} (`bench.machine.steadiness`)"
    )


def _verdict_or_na(ok: bool | None) -> str:
    return "n/a (size not measured)" if ok is None else _verdict(ok)


def _num(value: float | None, fmt: str) -> str:
    return "n/a" if value is None else format(value, fmt)


def _planning_targets(p: dict[str, Any]) -> list[str]:
    v = p["verdicts"]
    by_n = {r["n"]: r for r in p["rows"]}
    big = by_n.get(planning.BIG_N)
    sizes = ", ".join(map(str, planning.RATIO_SIZES))
    a, b = planning.GROWTH_SIZES
    flat = (
        f"ours / bare SDK {_num(v.get('relative_flat'), '.0%')} (ours {_num(v['flat'], '.0%')}; "
        f"bare SDK {_num(v['baseline_flat'], '.0%')})"
    )
    growth = f"{_num(v['growth'], '.2f')} (bare SDK {_num(v.get('baseline_growth'), '.2f')})"
    worst = (
        f"worst {_num(v['worst_ratio'], '.3f')} (upper end of its 95% CI "
        f"{_num(v.get('worst_ratio_high'), '.3f')}; of medians: "
        f"{_num(v.get('worst_median_ratio'), '.3f')}; of minima: "
        f"{_num(v.get('worst_min_ratio'), '.3f')})"
    )
    big_cpu = (
        "n/a"
        if big is None
        else f"{big['ours_cpu_s']:.1f} s (bare SDK {big['baseline_cpu_s']:.1f} s)"
    )
    big_rss = (
        "n/a"
        if big is None
        else f"{_mb(big['ours_rss_peak_bytes'])} (bare SDK {_mb(big['baseline_rss_peak_bytes'])})"
    )
    return [
        f"| 1 | plan CPU ours / bare SDK <= {planning.RATIO_TARGET} at N = {sizes} "
        f"| {worst} | {_verdict_or_na(v['ratio_ok'])} |",
        f"| 1 | growth t({b})/t({a}) <= {planning.GROWTH_TARGET} "
        f"| {growth} | {_verdict_or_na(v['growth_ok'])} |",
        f"| 1 | invokes per plan independent of N, <= {planning.INVOKES_TARGET} "
        f"| {', '.join(map(str, v['invokes']))} | {_verdict(v['invokes_ok'])} |",
        f"| 1 | CPU per resource within +-{planning.FLAT_TARGET:.0%} of N=10's, N=10..{max(by_n)}, "
        "where the growth is ours "
        f"| {flat} | {_verdict_or_na(v['flat_ok'])} |",
        f"| 1 | {planning.BIG_N} services <= {planning.BIG_CPU_TARGET:.0f} s CPU "
        f"| {big_cpu} | {_big_verdict(v, 'cpu')} |",
        f"| 1 | {planning.BIG_N} services <= {_mb(planning.BIG_RSS_TARGET)} peak RSS "
        f"| {big_rss} | {_big_verdict(v, 'rss')} |",
    ]


def _big_verdict(v: dict[str, Any], what: str) -> str:
    """PASS/FAIL of a 1000-service target, or SDK-bound when the bare SDK, measured in the
    same run, misses it too and ours is no worse (the issue's clause for these lines; the
    explanation is in HISTORY.md)."""
    if v.get(f"big_{what}_sdk_bound"):
        return (
            "SDK-bound (FAIL for ours; the bare SDK misses it too, ours is no worse: "
            "[HISTORY](HISTORY.md#memory-and-growth-are-the-sdks))"
        )
    return _verdict_or_na(v[f"big_{what}_ok"])


def _mb(n: int) -> str:
    return f"{n / 10**6:.0f} MB"


def _planning(p: dict[str, Any]) -> list[str]:
    out = [
        "",
        "## 1. Planning overhead",
        "",
        "N autoscaled web services (task definition, service, target group + listener rule on",
        "a shared ALB, one per 100 services as ELB allows, autoscaling with 2 policies) plus a",
        "network and a cluster, planned under `FargateMocks` by `run_in_mocks`.",
        "",
        "**The baseline** (bare SDK, `bench/planning.py`) is the program a person would write by",
        "hand for the very same resources: our run is captured once (untimed), then replayed",
        "through the same `pulumi_aws` classes with the same arguments, parents, `depends_on`,",
        "options and invokes, with bare `ComponentResource` parents. An input that came from",
        "another resource is passed as that resource's attribute Output when it equals one",
        "(`role=role.id`, `vpc_id=vpc.id`), else as one `apply` on that resource's Output, or",
        "`Output.all(...).apply` over the resources when it came from several; an input we passed",
        "as an Output without a resource behind it (invoke results and documents built from",
        "them) is one `Output.from_input`; plain values stay plain. The bench asserts both",
        "sides register identical resources (type, name, inputs, parent, depends_on, property",
        "dependencies, options) before it reports a figure.",
        "",
        "Time = process CPU time of a plan, garbage collected before each. The runs come in",
        "pairs (after one untimed pair), one plan of each side back to back, the order",
        "alternating from pair to pair;",
        "**ratio** = the median of the pairs' CPU ratios ours / bare SDK, with its 95 % bootstrap",
        "confidence interval (`bench.planning.paired_ratio`). Pairs, because this machine's CPU",
        "speed moves by the steadiness figure under Machine from one run to the next and drifts",
        "over seconds: a slow spell slows both plans of a pair alike and cancels in their ratio.",
        "The ratio of the two sides' median CPU times and of their minima (each side's least",
        "disturbed run) stand beside it; the CPU columns are each side's median, wall alongside;",
        "the last column is the load average at the end of each size. The target",
        "verdict uses the paired ratio. GC = median CPU seconds inside the garbage collector",
        "(`gc.callbacks`), part of the CPU time. Growth and the cost per resource are shown for",
        "both sides; the flatness target counts the growth that is ours, i.e. how far the ratio",
        "ours / bare SDK moves from its value at N=10. Peak RSS = one plan of each side in",
        'a fresh interpreter (`VmHWM`); "RSS before" is that interpreter with everything',
        "imported and a warm-up plan done, so peak - before is what the plan itself holds.",
        "",
        "| N | resources | invokes | pairs | ours CPU s | bare SDK CPU s | ratio | 95% CI | ratio of medians | ratio of minima | GC s ours / SDK | ours wall s | bare SDK wall s | ms / resource ours | ms / resource SDK | peak RSS ours | peak RSS SDK | RSS before | load |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in p["rows"]:
        load = "" if r.get("load") is None else f"{r['load']:.1f}"
        in_gc = f"{r['ours_gc_s']:.2f} / {r['baseline_gc_s']:.2f}" if "ours_gc_s" in r else "n/a"
        out.append(
            f"| {r['n']} | {r['resources']} | {r['invokes']} | {r['reps']} | {r['ours_cpu_s']:.3f} "
            f"| {r['baseline_cpu_s']:.3f} | {r['ratio']:.3f} "
            f"| {r['paired_ratio_low']:.3f}-{r['paired_ratio_high']:.3f} "
            f"| {r['median_ratio']:.3f} | {r['min_ratio']:.3f} | {in_gc} "
            f"| {r['ours_s']:.3f} "
            f"| {r['baseline_s']:.3f} | {r['per_resource_ms']:.2f} "
            f"| {r['baseline_per_resource_ms']:.2f} | {_mb(r['ours_rss_peak_bytes'])} "
            f"| {_mb(r['baseline_rss_peak_bytes'])} | {_mb(r['ours_rss_before_bytes'])} | {load} |"
        )
    return out


def _suite(s: dict[str, Any]) -> list[str]:
    out = [
        "",
        "## 2. Test suite",
        "",
        f"`pytest -n 2` (as `make test`): **{s['seconds']:.1f} s** wall; {s['summary']}"
        + ("" if s["returncode"] == 0 else f" (exit code {s['returncode']})"),
        "",
        "Slowest (pytest `--durations=10`):",
        "",
        "| seconds | phase | test |",
        "|---|---|---|",
    ]
    out += [f"| {sec:.2f} | {phase} | `{test}` |" for sec, phase, test in s["slowest"]]
    return out


def _imports(i: dict[str, Any]) -> list[str]:
    sec = i["seconds"]
    return [
        "",
        "## 3. Import time",
        "",
        f"`python -X importtime`, fresh interpreters, median of {i['runs']} runs. Both sides",
        "include `pulumi` core. The pulumi_aws submodules our code references: "
        + ", ".join(f"`{m}`" for m in i["modules"])
        + ".",
        "",
        "| import | seconds | / submodules |",
        "|---|---|---|",
        f"| `import fargate_components` | {sec['fargate_components']:.3f} | {i['ratio']:.2f}x |",
        f"| the names the default example imports | {sec['example_names']:.3f} | {i['example_ratio']:.2f}x |",
        f"| every name in `__all__` (ECS + EKS) | {sec['everything']:.3f} | {i['everything_ratio']:.2f}x |",
        f"| `import pulumi_aws.<those submodules>` (baseline) | {sec['aws_submodules']:.3f} | 1.00x |",
        f"| `import pulumi` (core, in both) | {sec['pulumi']:.3f} | |",
    ]


def _deploy(rows: list[dict[str, Any]]) -> list[str]:
    out = [
        "",
        "## 4. Deployment critical path",
        "",
        "Longest chain of creates through parent and `depends_on` edges of each example's dev",
        "plan, weighted by typical create times (`fargate_components/plan/critical_path.py`,",
        "`CREATE_SECONDS`: assumptions and sources there; anything else 5 s).",
        "",
        "| example | resources | critical path |",
        "|---|---|---|",
    ]
    for r in rows:
        minutes, secs = divmod(round(r["total_seconds"]), 60)
        out.append(f"| {r['example']} | {r['resources']} | {minutes}m{secs:02d}s |")
    for r in rows:
        out += ["", f"`{r['example']}`:", "", "```", r["text"], "```"]
    return out


def _cost(c: dict[str, Any]) -> list[str]:
    labels = list(c["totals"])
    types = sorted({t for row in c["by_type"].values() for t in row})
    out = [
        "",
        "## 5. Cost efficiency (examples/ecs-web-service workload)",
        "",
        f"Monthly estimate ({c['currency']}, {c['region']}, prices as of {c['prices_as_of']},",
        "default assumptions of `fargate_components.pricing`); tasks at the autoscaling minimum.",
        "",
        "| resource type | " + " | ".join(labels) + " |",
        "|---|" + "---|" * len(labels),
    ]
    for t in types:
        out.append(
            f"| `{t}` | "
            + " | ".join(f"{c['by_type'][lb].get(t, 0.0):.2f}" for lb in labels)
            + " |"
        )
    out.append("| **total** | " + " | ".join(f"**{c['totals'][lb]:.2f}**" for lb in labels) + " |")
    out.append(
        "| range | "
        + " | ".join(f"{c['ranges'][lb][0]:.2f}..{c['ranges'][lb][1]:.2f}" for lb in labels)
        + " |"
    )
    base = c["totals"][labels[-1]]
    out.append("")
    for lb in labels[:-1]:
        diff = c["totals"][lb] - base
        pct = 100 * diff / base if base else 0.0
        out.append(
            f"- {lb}: {diff:+.2f} {c['currency']}/month ({pct:+.1f} %) against {labels[-1]}."
        )
    out.append(
        f"- The example's own plan (its dev stack) estimates {c['example_total']:.2f}: "
        + (
            "matches the second column."
            if c["matches_example"]
            else "DIFFERS from the second column (the example has more than this workload, "
            "e.g. its HTTPS domain)."
        )
    )
    return out


def _simulate_target(rows: list[dict[str, Any]]) -> str:
    worst = max(rows, key=lambda r: r["median_s"]) if rows else None
    measured = "n/a" if worst is None else f"slowest {worst['median_s']:.1f} s ({worst['example']})"
    ok = bool(rows) and all(r["ok"] for r in rows)
    return (
        f"| 1 | `plan --simulate` of each example <= {simulate.TARGET_SECONDS:.0f} s wall "
        f"| {measured} | {_verdict(ok) if rows else 'n/a'} |"
    )


def _simulate(rows: list[dict[str, Any]]) -> list[str]:
    out = [
        "",
        "## 6. `plan --simulate` per example",
        "",
        "`fargate-components plan EXAMPLE --simulate --format json --output FILE`, dev stack, a",
        f"fresh interpreter per run (imports, plan and moto deploy included), {simulate.RUNS} runs",
        "each: median and slowest wall seconds, exit codes (0 = the simulated deploy succeeded).",
        "",
        "| example | median s | slowest s | exit codes | verdict |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        codes = ", ".join(map(str, r["exit_codes"]))
        error = f" ({r['error']})" if r.get("error") else ""
        out.append(
            f"| {r['example']} | {r['median_s']:.1f} | {r['max_s']:.1f} | {codes}{error} "
            f"| {_verdict(r['ok'])} |"
        )
    return out
