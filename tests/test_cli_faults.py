"""The eight ways the command used to lie or leak (issue 15, item 4), each reproduced.

Every test runs the command in-process and reads what reached file descriptors 1 and 2
(``capfd``), so output written below Python's ``sys.stdout`` counts too.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

from fargate_components.cli import EXIT_CODES, main

ROOT = Path(__file__).resolve().parent.parent
NETWORK = str(ROOT / "examples" / "network")
FIXTURES = ROOT / "tests" / "fixtures"
NOISY = str(FIXTURES / "noisy_program")
WAIVABLE = str(FIXTURES / "waivable_program")


# -- 1. the program's prints never reach our standard output ------------------------------
@pytest.mark.parametrize("fmt", ["json", "tree", "markdown", "mermaid"])
def test_program_prints_go_to_stderr_in_every_format(
    fmt: str, capfd: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", NOISY, "--format", fmt]) == 0
    out, err = capfd.readouterr()
    assert "PROGRAM-" not in out
    for line in ("PROGRAM-PRINT to stdout", "PROGRAM-FD1", "PROGRAM-STDERR"):
        assert line in err
    if fmt == "json":
        assert json.loads(out)["outputs"]["answer"]["value"] == 42


def test_program_prints_do_not_reach_the_output_file(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "plan.json"
    assert main(["plan", NOISY, "--format", "json", "-o", str(out_file)]) == 0
    json.loads(out_file.read_text())
    out, err = capfd.readouterr()
    assert out == "" and "PROGRAM-PRINT" in err


# -- 2. sys.exit and KeyboardInterrupt map to our codes, without internals ----------------
def test_program_sys_exit_is_program_failed_not_its_own_code(
    capfd: pytest.CaptureFixture[str],
) -> None:
    assert main(["plan", str(FIXTURES / "exiting_program")]) == 1  # not 3 ("findings")
    err = capfd.readouterr().err
    assert "the program called sys.exit(3)" in err
    assert "__main__.py:3" in err
    assert "fargate_components" not in err and "site-packages" not in err
    assert "Task exception was never retrieved" not in err


def test_keyboard_interrupt_is_130_in_one_line(capfd: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", str(FIXTURES / "interrupted_program")]) == 130
    err = capfd.readouterr().err
    assert err.strip() == "error: interrupted"


# -- 3. --timeout stops a program that never returns --------------------------------------
def test_timeout_stops_a_sleeping_program(capfd: pytest.CaptureFixture[str]) -> None:
    started = time.monotonic()
    assert main(["plan", str(FIXTURES / "sleeping_program"), "--timeout", "0.5"]) == 124
    assert time.monotonic() - started < 10
    err = capfd.readouterr().err
    assert "did not finish within --timeout 0.5" in err
    assert "Traceback" not in err


def test_a_timeout_inside_an_import_waits_for_the_import(
    capfd: pytest.CaptureFixture[str],
) -> None:
    # the provider SDK loads its modules on first use; a deadline that interrupted one would
    # leave it half-executed for the rest of the process, so it lands once the import is done
    sys.modules.pop("slow_module", None)
    try:
        # the import takes 1.2 s; 0.4 s leaves the program ample time to reach it under load
        assert main(["plan", str(FIXTURES / "slow_import_program"), "--timeout", "0.4"]) == 124
        assert sys.modules["slow_module"].DONE is True
        assert "imported True" in capfd.readouterr().err
    finally:
        sys.modules.pop("slow_module", None)
        sys.path[:] = [p for p in sys.path if "slow_import_program" not in p]


def test_an_import_that_never_ends_still_times_out(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    from fargate_components.plan import program

    monkeypatch.setattr(program, "_IMPORT_GRACE_LIMIT_SECONDS", 0.2)
    sys.modules.pop("slow_module", None)
    started = time.monotonic()
    try:
        # slow_module sleeps 1.2 s: longer than the 0.1 s deadline plus the 0.2 s grace
        assert main(["plan", str(FIXTURES / "slow_import_program"), "--timeout", "0.1"]) == 124
        assert time.monotonic() - started < 5
        assert "imported True" not in capfd.readouterr().err
    finally:
        sys.modules.pop("slow_module", None)
        sys.path[:] = [p for p in sys.path if "slow_import_program" not in p]


@pytest.mark.parametrize("value", ["soon", "-1", "inf", "nan"])
def test_timeout_must_be_a_number_of_seconds(value: str) -> None:
    with pytest.raises(SystemExit) as info:
        main(["plan", NETWORK, "--timeout", value])
    assert info.value.code == 2


def test_exit_codes_are_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    for code in EXIT_CODES:
        assert f"{code} " in readme


# -- 4. every file argument is checked before the program runs ----------------------------
@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [
        ("-o", "/nonexistent-dir/plan.json", "the directory /nonexistent-dir does not exist"),
        ("-o", "{tmp}", "is a directory"),
        ("--waivers", "/nonexistent-waivers.yaml", "no such file"),
        ("--prices", "/nonexistent-prices.json", "no such file"),
        ("--waivers", "{tmp}", "not a regular file"),  # a directory was "no such file"
        ("--diff", "/nonexistent-base.json", "cannot read the plan"),
        ("--waivers", "{bad_waivers}", "only the keys resource, reason, expires"),
        ("--prices", "{bad_json}", "prices"),
        ("--diff", "{bad_json}", "not a JSON plan"),
    ],
)
def test_bad_file_arguments_fail_before_the_program_runs(
    flag: str, value: str, message: str, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    bad_waivers = tmp_path / "waivers.yaml"
    bad_waivers.write_text("FC-ALB-004:\n  - {resource: x, reason: y, expire: 2030-01-01}\n")
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{not json")
    value = value.format(tmp=tmp_path, bad_waivers=bad_waivers, bad_json=bad_json)
    assert main(["plan", NOISY, flag, value]) == 2
    out, err = capfd.readouterr()
    assert out == ""
    assert "PROGRAM-" not in err  # the program never ran
    assert message in err
    assert len(err.strip().splitlines()) == 1 and err.startswith("error: ")


def test_unwritable_output_for_diff_is_exit_2(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "p.json"
    assert main(["plan", NOISY, "--format", "json", "-o", str(plan)]) == 0
    capfd.readouterr()
    assert main(["diff", str(plan), str(plan), "-o", "/nonexistent-dir/d.txt"]) == 2
    assert "does not exist" in capfd.readouterr().err


# -- 5. diff checks both documents against the plan JSON shape ----------------------------
def _plan_doc(tmp_path: Path) -> dict:
    out = tmp_path / "plan.json"
    assert main(["plan", NOISY, "--format", "json", "-o", str(out)]) == 0
    return json.loads(out.read_text())


@pytest.mark.parametrize(
    ("mutate", "problem"),
    [
        (lambda d: [d], "a plan JSON object"),
        (lambda d: {**d, "kind": "plan-diff"}, ".kind = 'plan-diff'"),
        (lambda d: {k: v for k, v in d.items() if k != "resources"}, ".resources = '<missing>'"),
        (lambda d: {**d, "resources": {}}, ".resources = 'an object'"),
        (lambda d: {**d, "format_version": 2}, ".format_version = 2"),
        (lambda d: {**d, "resources": [{"type": "x", "name": "y"}]}, ".resources[0].urn"),
        (lambda d: {**d, "resources": [1]}, ".resources[0] = 'int'"),
        (lambda d: {**d, "resources": [{**d["resources"][0], "inputs": []}]}, ".inputs"),
        (lambda d: {**d, "resources": [{**d["resources"][0], "urn": "web"}]}, "a Pulumi URN"),
        (lambda d: {**d, "resources": d["resources"] * 2}, "a URN no other resource"),
        (lambda d: {**d, "findings": [{"rule": 1}]}, ".findings[0]"),
        (lambda d: {**d, "cost": []}, ".cost = 'an array'"),
    ],
)
def test_diff_rejects_documents_that_are_not_plans(
    mutate, problem: str, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(_plan_doc(tmp_path)))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(mutate(json.loads(good.read_text()))))
    capfd.readouterr()
    for args in ([str(good), str(bad)], [str(bad), str(good)]):
        assert main(["diff", *args]) == 2
        out, err = capfd.readouterr()
        assert out == "" and problem in err, err
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_diff_result_is_not_taken_for_a_plan(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(_plan_doc(tmp_path)))
    diff = tmp_path / "diff.json"
    assert main(["diff", str(plan), str(plan), "--format", "json", "-o", str(diff)]) == 0
    capfd.readouterr()
    assert main(["plan", NOISY, "--diff", str(diff)]) == 2
    assert "kind = 'plan-diff'" in capfd.readouterr().err


# -- 6. an explicitly named stack must exist ----------------------------------------------
def test_explicit_stack_without_a_stack_file_is_an_error(
    capfd: pytest.CaptureFixture[str],
) -> None:
    assert main(["plan", NETWORK, "--stack", "nosuchstack"]) == 2
    out, err = capfd.readouterr()
    assert out == ""
    assert "--stack nosuchstack: no Pulumi.nosuchstack.yaml" in err
    assert "stack files here: dev" in err


def test_implicit_default_stack_needs_no_stack_file(capfd: pytest.CaptureFixture[str]) -> None:
    assert not list((FIXTURES / "noisy_program").glob("Pulumi.*.yaml"))
    assert main(["plan", NOISY, "--format", "json"]) == 0
    assert json.loads(capfd.readouterr().out)["stack"] == "dev"
    assert main(["plan", NETWORK, "--stack", "dev", "-o", "/dev/null"]) == 0


# -- 7. waiver files: expires is honoured, unknown keys are rejected ----------------------
def _findings(tmp_path: Path, waivers: str, program: str | None = None) -> list[dict]:
    path = tmp_path / "waivers.yaml"
    path.write_text(waivers)
    out = tmp_path / "plan.json"
    program = program or str(ROOT / "examples" / "ecs-web-service")
    args = ["plan", program, "--waivers", str(path)]
    assert main([*args, "--format", "json", "-o", str(out)]) == 0
    return json.loads(out.read_text())["findings"]


def test_expired_waiver_stops_waiving_and_is_reported(tmp_path: Path) -> None:
    # The fixture's load balancer has deletion protection off: an FC-ALB-004 finding.
    waiver = "FC-ALB-004:\n  - {resource: web-alb*, reason: dev, expires: %s}\n"
    active = _findings(tmp_path, waiver % "2999-01-01", WAIVABLE)
    assert [f["waived"] for f in active if f["rule"] == "FC-ALB-004"] == ["dev"]
    assert not [f for f in active if f["rule"] == "FC-WAIVE-002"]

    expired = _findings(tmp_path, waiver % "2020-01-01", WAIVABLE)
    alb = [f for f in expired if f["rule"] == "FC-ALB-004"]
    assert alb and all("waived" not in f for f in alb)
    reported = [f for f in expired if f["rule"] == "FC-WAIVE-002"]
    assert len(reported) == 1 and reported[0]["urn"] == alb[0]["urn"]
    assert "expired on 2020-01-01" in reported[0]["message"]


def test_expired_waiver_matching_nothing_is_reported_once(tmp_path: Path) -> None:
    found = _findings(
        tmp_path, 'FC-ALB-004:\n  - {resource: "gone-*", reason: old, expires: "2020-01-01"}\n'
    )
    reported = [f for f in found if f["rule"] == "FC-WAIVE-002"]
    assert len(reported) == 1 and "matches no finding" in reported[0]["message"]
    assert reported[0]["urn"].endswith("pulumi:pulumi:Stack::ecs-web-service-dev")


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("{resource: x, reason: y, expire: 2030-01-01}", "[0].expire"),
        ("{resource: x, reason: y, owner: me}", "[0].owner"),
        ("{resource: x, reason: y, expires: next week}", "[0].expires = 'next week'"),
        ("{resource: x, reason: y, expires: 2030-13-01}", "month must be in 1..12"),
        ("{resource: x, reason: y, expires: ' 2030-13-01'}", "[0].expires"),
        ("{resource: x, reason: y, expires: 2030-01-01T10:00:00}", "[0].expires"),
    ],
)
def test_waiver_entries_with_unknown_keys_or_bad_dates_are_rejected(
    entry: str, problem: str, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(f"FC-ALB-004:\n  - {entry}\n")
    assert main(["plan", NOISY, "--waivers", str(path)]) == 2
    err = capfd.readouterr().err
    assert problem in err and "PROGRAM-" not in err
