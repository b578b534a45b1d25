"""The Fargate size table, parsing and rounding (pure, no mocks)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fargate_components.errors import ValidationError
from fargate_components.sizing import (
    FARGATE_TASK_SIZES,
    TaskSize,
    check_task_size,
    parse_cpu,
    parse_memory,
    round_up_to_task_size,
)


def test_table_matches_the_documented_ranges() -> None:
    assert FARGATE_TASK_SIZES[256] == (512, 1024, 2048)
    assert FARGATE_TASK_SIZES[512] == (1024, 2048, 3072, 4096)
    assert FARGATE_TASK_SIZES[4096][0] == 8192 and FARGATE_TASK_SIZES[4096][-1] == 30720
    assert FARGATE_TASK_SIZES[8192] == tuple(range(16384, 61441, 4096))
    assert FARGATE_TASK_SIZES[16384] == tuple(range(32768, 122881, 8192))


@pytest.mark.parametrize(
    ("text", "units"), [(256, 256), ("512", 512), ("0.25 vCPU", 256), ("2 vcpu", 2048)]
)
def test_parse_cpu(text: object, units: int) -> None:
    assert parse_cpu("cpu", text) == units


@pytest.mark.parametrize(
    ("text", "mib"), [(512, 512), ("1 GB", 1024), ("0.5 GB", 512), ("2048 MiB", 2048)]
)
def test_parse_memory(text: object, mib: int) -> None:
    assert parse_memory("memory", text) == mib


@pytest.mark.parametrize("bad", ["1 TB", "lots", True, 1.5, "0.3 vCPU x"])
def test_parse_rejects_nonsense(bad: object) -> None:
    with pytest.raises(ValidationError):
        parse_cpu("cpu", bad)


def test_windows_limits() -> None:
    check_task_size(1024, 2048, operating_system="WINDOWS_SERVER_2022_CORE")
    with pytest.raises(ValidationError, match="Windows"):
        check_task_size(512, 1024, operating_system="WINDOWS_SERVER_2022_CORE")
    with pytest.raises(ValidationError, match="Windows"):
        check_task_size(8192, 16384, operating_system="WINDOWS_SERVER_2019_FULL")
    with pytest.raises(ValidationError, match="X86_64"):
        check_task_size(
            1024, 2048, operating_system="WINDOWS_SERVER_2022_CORE", architecture="ARM64"
        )


def test_rounding_matches_the_eks_example() -> None:
    # 1 vCPU / 8 GiB requested + 256 MiB overhead -> 2 vCPU / 9 GiB
    assert round_up_to_task_size(1024, 8 * 1024 + 256) == TaskSize(2048, 9 * 1024)
    assert round_up_to_task_size(100, 100) == TaskSize(256, 512)


@given(st.integers(1, 16384), st.integers(1, 120 * 1024))
def test_rounding_always_gives_a_valid_size_that_fits(cpu: int, memory: int) -> None:
    size = round_up_to_task_size(cpu, memory)
    check_task_size(size.cpu, size.memory)
    assert size.cpu >= cpu and size.memory >= memory
