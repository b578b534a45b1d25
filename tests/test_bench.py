"""Smoke tests of the benchmark code (bench/) and the critical-path module, with tiny inputs,
so that `make bench` cannot rot. The real figures come from `make bench`."""

from __future__ import annotations

import copy
import dataclasses
import functools
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import fargate_components
from bench import imports, instructions, planning, report
from fargate_components.plan.critical_path import (
    DEFAULT_SECONDS,
    critical_path,
    render_critical_path,
)
from fargate_components.testing import Plan, run_in_mocks


@dataclass
class R:
    urn: str
    type: str = "aws:x/y:Y"
    name: str = ""
    parent: str | None = None
    custom: bool = True
    depends_on: list[str] = field(default_factory=list)


def test_critical_path_takes_the_longest_chain() -> None:
    # comp (component) > a (5 s) ; b depends on a, takes 100 s; c depends on a, 5 s;
    # d depends on b and c, 5 s. Longest: a -> b -> d = 110 s.
    times = {"slow": 100.0}
    graph = [
        R("comp", type="fargate:x:C", custom=False),
        R("a", parent="comp"),
        R("b", type="slow", depends_on=["a"]),
        R("c", depends_on=["a"]),
        R("d", depends_on=["c", "b", "not-in-plan"]),
    ]
    path = critical_path(graph, times)
    assert path.total == 110.0
    assert [s.urn for s in path.steps] == ["a", "b", "d"]
    assert [s.finish for s in path.steps] == [DEFAULT_SECONDS, 105.0, 110.0]
    assert "1m50s" in render_critical_path(path)


def test_critical_path_of_nothing_and_of_a_cycle() -> None:
    assert critical_path([]).total == 0
    with pytest.raises(ValueError, match="cycle"):
        critical_path([R("a", depends_on=["b"]), R("b", depends_on=["a"])])


def test_every_exported_name_resolves_lazily() -> None:
    for name in fargate_components.__all__:
        assert getattr(fargate_components, name) is not None
    assert set(fargate_components.__all__) <= set(dir(fargate_components))
    with pytest.raises(AttributeError):
        _ = fargate_components.NoSuchName  # type: ignore[attr-defined]


@functools.cache
def _replayed() -> tuple[planning.Capture, Plan]:
    cap = planning.capture(planning.web_stack(1))
    return cap, run_in_mocks(planning.baseline_program(cap))


def test_the_baseline_replays_the_same_resources() -> None:
    cap, replayed = _replayed()
    assert planning.check_same(cap.plan, replayed) == len(cap.plan.resources)
    assert cap.invokes  # invokes are replayed too
    rows = [
        {"n": n, "resources": 10 * n, "invokes": 4, "reps": 1, "ours_s": 1.0 * n,
         "baseline_s": 1.0 * n, "ours_cpu_s": 1.0 * n, "baseline_cpu_s": 0.99 * n,
         "ours_rss_peak_bytes": 2, "baseline_rss_peak_bytes": 2, "ours_rss_before_bytes": 1,
         "baseline_rss_before_bytes": 1, "load": 0.5}
        for n in (10, 100, 200)
    ]  # fmt: skip
    verdict = planning.verdicts(rows)
    assert verdict["growth"] == 2.0 and verdict["growth_ok"] and verdict["ratio_ok"]
    assert verdict["flat_ok"] and verdict["invokes_ok"] and verdict["big_cpu_ok"] is None
    # flatness is judged on the part that is ours: both sides grow alike here
    rows[2]["ours_cpu_s"], rows[2]["baseline_cpu_s"] = 400.0, 396.0
    both_grow = planning.verdicts(rows)
    assert both_grow["flat"] > 0.9 and both_grow["relative_flat"] < 1e-9 and both_grow["flat_ok"]
    assert both_grow["baseline_growth"] == both_grow["growth"] == 4.0
    rows[2]["ours_cpu_s"] = 600.0  # ours grows 1.5x faster than the SDK's: a miss
    assert not planning.verdicts(rows)["flat_ok"]
    text = report.render(
        {"machine": {"date": "d", "commit": "c", "cpu": "cpu", "cores": 2, "memory_gib": 1.0,
                     "os": "os", "python": "py", "packages": {"p": "1"}, "load": 0.0},
         "planning": {"rows": rows, "verdicts": verdict}}
    )  # fmt: skip
    assert "| 10 | 100 | 4 | 1 |" in text and "PASS" in text and "n/a (size not measured)" in text


def test_a_1000_service_miss_is_sdk_bound_only_when_the_bare_sdk_misses_it_too() -> None:
    mb = 10**6
    big = {"n": planning.BIG_N, "ours_cpu_s": 50.0, "baseline_cpu_s": 45.0,
           "ours_rss_peak_bytes": 1600 * mb, "baseline_rss_peak_bytes": 1650 * mb}  # fmt: skip
    assert planning._sdk_bound(big, "rss_peak_bytes", planning.BIG_RSS_TARGET)
    assert not planning._sdk_bound(big, "cpu_s", planning.BIG_CPU_TARGET)  # a pass
    big["ours_rss_peak_bytes"] = 1700 * mb  # worse than the bare SDK: a plain FAIL
    assert not planning._sdk_bound(big, "rss_peak_bytes", planning.BIG_RSS_TARGET)
    assert report._big_verdict({"big_rss_sdk_bound": False, "big_rss_ok": False}, "rss") == "FAIL"
    assert report._big_verdict({"big_rss_sdk_bound": True}, "rss").startswith("SDK-bound")


def test_the_check_catches_a_difference() -> None:
    cap, replayed = _replayed()
    fewer = dataclasses.replace(replayed, resources=replayed.resources[:-1])
    with pytest.raises(AssertionError, match="different resources"):
        planning.check_same(cap.plan, fewer)
    changed = copy.deepcopy(replayed)
    changed.resources[-1].inputs["extra"] = 1
    with pytest.raises(AssertionError, match="baseline"):
        planning.check_same(cap.plan, changed)


def test_import_time_parsing_and_submodules() -> None:
    assert {"ecs", "ec2", "lb"} <= set(imports.aws_submodules())
    assert 0 < imports.import_seconds("import json") < 5


def test_instruction_counts_are_read_from_callgrind_output(tmp_path: Path) -> None:
    out = tmp_path / "callgrind.out.2"
    out.write_text("version: 1\nevents: Ir\nsummary: 1844959425\ntotals: 1844959425\n")
    assert instructions.summary(out) == 1844959425
    (tmp_path / "empty").write_text("events: Ir\n")
    with pytest.raises(ValueError, match="summary"):
        instructions.summary(tmp_path / "empty")


def test_the_ratio_is_the_median_of_adjacent_pairs_with_a_seeded_interval() -> None:
    # a slow spell (the middle pairs) slows both plans of a pair: the pairs' ratios stay 1.02
    ours = [1.02, 1.02, 2.04, 2.04, 1.02]
    bare = [1.0, 1.0, 2.0, 2.0, 1.0]
    median, low, high = planning.paired_ratio(ours, bare)
    assert median == pytest.approx(1.02) and low == pytest.approx(1.02) == high
    noisy = planning.paired_ratio([1.1, 0.9, 1.0, 1.3, 1.0], [1.0, 1.0, 1.0, 1.0, 1.0])
    assert noisy[1] <= noisy[0] <= noisy[2] and noisy == planning.paired_ratio(
        [1.1, 0.9, 1.0, 1.3, 1.0], [1.0] * 5
    )  # the same measurements, the same interval
    assert planning.paired_ratio([2.0], [1.0]) == (2.0, 2.0, 2.0)
    row = {"ours_cpu_s": 2.0, "baseline_cpu_s": 1.0, "ours_s": 1.0, "baseline_s": 1.0,
           "resources": 1, "paired_ratio": 1.5, "paired_ratio_low": 1.4,
           "paired_ratio_high": 1.6}  # fmt: skip
    planning._derive(row)
    assert row["ratio"] == 1.5 and row["median_ratio"] == 2.0


def test_steadiness_is_measured_and_reported() -> None:
    from bench import machine

    s = machine.steadiness(runs=3, iterations=1000)
    assert s["runs"] == 3 and s["mean_s"] > 0 and s["cv"] >= 0 and -1.0 <= s["lag1"] <= 1.0
    line = report._steadiness({"runs": 30, "mean_s": 0.08, "cv": 0.165, "lag1": 0.64})
    assert line is not None and "varies by 16%" in line and "0.64" in line
    assert report._steadiness(None) is None


def test_simulate_rows_render_with_a_verdict() -> None:
    rows = [
        {"example": "examples/a", "median_s": 4.0, "max_s": 5.0, "exit_codes": [0],
         "error": "", "ok": True},
        {"example": "examples/b", "median_s": 12.0, "max_s": 13.0, "exit_codes": [0, 4],
         "error": "boom", "ok": False},
    ]  # fmt: skip
    target = report._simulate_target(rows)
    assert "slowest 12.0 s (examples/b)" in target and target.endswith("| FAIL |")
    table = "\n".join(report._simulate(rows))
    assert "| examples/a | 4.0 | 5.0 | 0 | PASS |" in table and "0, 4 (boom)" in table
    assert report._simulate_target([]).endswith("| n/a |")
