"""The pure pricing model: price books, the arithmetic, the Spot split, the assumptions."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fargate_components.errors import ValidationError
from fargate_components.pricing import (
    Assumptions,
    StrategyItem,
    available_regions,
    expected_split,
    load_prices,
    task_hourly_cost,
)
from fargate_components.pricing.model import PRICE_NAMES, cents


@pytest.fixture(scope="module")
def us() -> object:
    return load_prices("us-east-1")


def test_worked_example_from_the_seed(us) -> None:
    # 0.25 vCPU + 0.5 GB for one hour at $0.04048 / $0.004445.
    hourly = task_hourly_cost(us, vcpu=Decimal("0.25"), memory_gb=Decimal("0.5"))
    assert hourly.compute == Decimal("0.0101200") + Decimal("0.0022225")
    assert hourly.total == Decimal("0.0123425")
    assert round(hourly.total, 5) == Decimal("0.01234")
    assert hourly.uses == ("fargate_linux_x86_vcpu_hour", "fargate_linux_x86_gb_hour")


def test_floats_give_the_same_exact_answer(us) -> None:
    assert task_hourly_cost(us, vcpu=0.25, memory_gb=0.5).total == Decimal("0.0123425")


def test_arm_windows_and_storage(us) -> None:
    arm = task_hourly_cost(us, vcpu=1, memory_gb=2, architecture="ARM64")
    assert arm.total == Decimal("0.03238") + 2 * Decimal("0.00356")
    win = task_hourly_cost(us, vcpu=1, memory_gb=2, operating_system="WINDOWS_SERVER_2022_CORE")
    assert win.total == Decimal("0.09148") + 2 * Decimal("0.01005") + Decimal("0.046")
    assert "fargate_windows_os_license_vcpu_hour" in win.uses
    disk = task_hourly_cost(us, vcpu=1, memory_gb=2, ephemeral_gb=50)
    assert disk.storage == 30 * Decimal("0.000111")
    assert task_hourly_cost(us, vcpu=1, memory_gb=2, ephemeral_gb=20).storage == 0


def test_spot_discount_applies_to_vcpu_and_memory_only(us) -> None:
    spot = task_hourly_cost(
        us, vcpu=Decimal("0.25"), memory_gb=Decimal("0.5"), ephemeral_gb=30, spot_discount=0.7
    )
    assert spot.compute == Decimal("0.0123425") * Decimal("0.3")
    assert spot.storage == 10 * Decimal("0.000111")


@pytest.mark.parametrize("region", ["us-east-1", "ap-northeast-2"])
def test_shipped_books_are_complete_dated_and_sourced(region: str) -> None:
    book = load_prices(region)
    assert book.region == region and book.currency == "USD"
    assert book.as_of[:4].isdigit()
    assert set(book.prices) == set(PRICE_NAMES)
    for price in book.prices.values():
        assert price.sources, price.name
        assert price.value >= 0
        assert price.confirmed or price.note, f"{price.name}: unconfirmed without a note"
    assert region in available_regions()


def test_seoul_prices_differ_from_us_east_1() -> None:
    seoul = load_prices("ap-northeast-2")
    assert seoul.value("fargate_linux_x86_vcpu_hour") == Decimal("0.04656")
    assert seoul.value("fargate_linux_x86_gb_hour") == Decimal("0.00511")
    assert seoul.value("nat_gateway_hour") == Decimal("0.059")
    assert not seoul["fargate_ephemeral_storage_gb_hour"].confirmed


def test_unknown_region_is_refused() -> None:
    with pytest.raises(ValidationError, match="region = 'mars-east-1' is not allowed"):
        load_prices("mars-east-1")


def _write(tmp_path: Path, doc: object) -> Path:
    path = tmp_path / "prices.json"
    path.write_text(json.dumps(doc))
    return path


def test_user_file_overrides_name_by_name(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        {
            "as_of": "2027-01-01",
            "prices": {
                "fargate_linux_x86_vcpu_hour": {"value": 0.05, "sources": ["my contract"]},
                "alb_lcu_hour": 0.01,
            },
        },
    )
    book = load_prices("us-east-1", override_path=path)
    assert book.value("fargate_linux_x86_vcpu_hour") == Decimal("0.05")
    assert book["fargate_linux_x86_vcpu_hour"].sources == ("my contract",)
    assert book.value("alb_lcu_hour") == Decimal("0.01")
    assert not book["alb_lcu_hour"].confirmed  # a bare number has no source
    assert book.value("fargate_linux_x86_gb_hour") == Decimal("0.004445")
    assert book.as_of == "2027-01-01"
    assert book.files == ("us-east-1.json", str(path))


def test_a_region_without_a_shipped_file_needs_every_price(tmp_path: Path) -> None:
    full = {name: 0.01 for name in PRICE_NAMES}
    book = load_prices("eu-west-9", override_path=_write(tmp_path, {"prices": full}))
    assert book.region == "eu-west-9"
    del full["alb_hour"]
    with pytest.raises(ValidationError, match="alb_hour"):
        load_prices("eu-west-9", override_path=_write(tmp_path, {"prices": full}))


@pytest.mark.parametrize(
    ("doc", "argument"),
    [
        ({"prices": {"alb_hour": -1}}, "prices.alb_hour"),
        ({"prices": {"alb_hour": "cheap"}}, "prices.alb_hour"),
        ({"prices": {"alb_hours": 1}}, "prices"),
        ({"currency": "EUR", "prices": {}}, "currency"),
        ([1, 2], "override_path"),
    ],
)
def test_bad_price_files_are_refused(tmp_path: Path, doc: object, argument: str) -> None:
    with pytest.raises(ValidationError, match="is not allowed") as info:
        load_prices("us-east-1", override_path=_write(tmp_path, doc))
    assert argument in str(info.value)


def test_missing_override_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="override_path"):
        load_prices("us-east-1", override_path=tmp_path / "nope.json")


F, S = "FARGATE", "FARGATE_SPOT"


@pytest.mark.parametrize(
    ("count", "strategy", "expected"),
    [
        (5, [StrategyItem(F, 1, 1), StrategyItem(S, 0, 3)], {F: 2, S: 3}),
        (1, [StrategyItem(F, 1, 1), StrategyItem(S, 0, 3)], {F: 1, S: 0}),
        (2, [StrategyItem(F, 1, 1), StrategyItem(S, 0, 3)], {F: 1, S: 1}),
        (4, [StrategyItem(F, 0, 1), StrategyItem(S, 0, 1)], {F: 2, S: 2}),
        (3, [StrategyItem(F, 0, 1), StrategyItem(S, 0, 1)], {F: 2, S: 1}),  # tie: first item
        (3, [StrategyItem(S, 0, 1), StrategyItem(F, 0, 1)], {S: 2, F: 1}),
        (10, [StrategyItem(S, 0, 1)], {S: 10}),
        (3, [StrategyItem(F, 5, 0), StrategyItem(S, 0, 1)], {F: 3, S: 0}),
        (7, [StrategyItem(F, 2, 0), StrategyItem(S, 0, 0)], {F: 7, S: 0}),
        (0, [StrategyItem(F, 1, 1)], {F: 0}),
    ],
)
def test_expected_split(count: int, strategy: list[StrategyItem], expected: dict) -> None:
    assert expected_split(count, strategy) == expected


@given(
    count=st.integers(0, 500),
    base=st.integers(0, 20),
    weights=st.tuples(st.integers(0, 10), st.integers(1, 10)),
)
def test_expected_split_places_every_task(count: int, base: int, weights: tuple) -> None:
    strategy = [StrategyItem(F, base, weights[0]), StrategyItem(S, 0, weights[1])]
    split = expected_split(count, strategy)
    assert sum(split.values()) == count
    assert split[F] >= min(base, count)
    rest = count - min(base, count)
    exact = Decimal(rest) * weights[1] / sum(weights)
    assert abs(split[S] - exact) <= 1


@pytest.mark.parametrize(
    ("name", "bad"),
    [
        ("scheduled_task_run_minutes", -1),
        ("scheduled_task_run_minutes", 50000),
        ("sqs_requests_per_month", "many"),
        ("flow_log_gb_per_month", -0.5),
        ("route53_queries_per_record_per_month", float("nan")),
        ("efs_backup_gb_per_month", True),
    ],
)
def test_usage_assumptions_are_checked(name: str, bad: object) -> None:
    with pytest.raises(ValidationError, match=rf"Assumptions\.{name} = "):
        Assumptions().with_overrides({name: bad})


def test_assumption_overrides_are_checked() -> None:
    a = Assumptions().with_overrides({"fargate_spot_discount": 0.5})
    assert a.fargate_spot_discount == 0.5
    with pytest.raises(ValidationError, match="assumptions = 'spot' is not allowed"):
        Assumptions().with_overrides({"spot": 0.5})
    with pytest.raises(ValidationError, match=r"Assumptions\.fargate_spot_discount = 1.5"):
        Assumptions().with_overrides({"fargate_spot_discount": 1.5})
    with pytest.raises(ValidationError, match=r"Assumptions\.hours_per_month"):
        Assumptions().with_overrides({"hours_per_month": 0})
    with pytest.raises(ValidationError, match=r"Assumptions\.alb_lcu_per_hour"):
        Assumptions().with_overrides({"alb_lcu_per_hour": "lots"})


def test_cents_round_half_up() -> None:
    assert cents(Decimal("9.005")) == Decimal("9.01")
    assert cents(Decimal("9.0049")) == Decimal("9.00")
    assert cents(Decimal("0.0123425") * 730) == Decimal("9.01")
