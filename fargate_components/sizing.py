"""Fargate task sizes: the table of valid cpu/memory pairs, parsing, validation, rounding.

Pure data and functions, shared by ECS task definitions and EKS pod sizing.
Source: "Task CPU and memory" in the Amazon ECS developer guide, and the
RegisterTaskDefinition API reference (``cpu`` / ``memory``), checked 2026-11.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .errors import ValidationError

__all__ = [
    "ARCHITECTURES",
    "FARGATE_TASK_SIZES",
    "LINUX",
    "OPERATING_SYSTEMS",
    "TaskSize",
    "check_task_size",
    "is_windows",
    "parse_cpu",
    "parse_memory",
    "round_up_to_task_size",
]

LINUX = "LINUX"
#: ``runtimePlatform.operatingSystemFamily`` values Fargate accepts.
OPERATING_SYSTEMS = (
    LINUX,
    "WINDOWS_SERVER_2019_FULL",
    "WINDOWS_SERVER_2019_CORE",
    "WINDOWS_SERVER_2022_FULL",
    "WINDOWS_SERVER_2022_CORE",
)
#: ``runtimePlatform.cpuArchitecture`` values.
ARCHITECTURES = ("X86_64", "ARM64")


def _steps(low_gib: int, high_gib: int, step_gib: int) -> tuple[int, ...]:
    return tuple(g * 1024 for g in range(low_gib, high_gib + 1, step_gib))


#: cpu units -> the memory values (MiB) allowed with it.
FARGATE_TASK_SIZES: dict[int, tuple[int, ...]] = {
    256: (512, 1024, 2048),
    512: _steps(1, 4, 1),
    1024: _steps(2, 8, 1),
    2048: _steps(4, 16, 1),
    4096: _steps(8, 30, 1),
    8192: _steps(16, 60, 4),
    16384: _steps(32, 120, 8),
}
_WINDOWS_CPUS = (1024, 2048, 4096)


@dataclass(frozen=True, order=True)
class TaskSize:
    """A valid Fargate size: ``cpu`` units (1024 = 1 vCPU) and ``memory`` MiB."""

    cpu: int
    memory: int

    @property
    def vcpu(self) -> float:
        return self.cpu / 1024

    @property
    def memory_gib(self) -> float:
        return self.memory / 1024

    def __str__(self) -> str:
        return f"{self.vcpu:g} vCPU / {self.memory_gib:g} GB"


def is_windows(operating_system: str) -> bool:
    return operating_system.startswith("WINDOWS")


_QUANTITY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$")


def _quantity(argument: str, value: Any, units: dict[str, float], what: str) -> int:
    if isinstance(value, bool):
        raise ValidationError(argument, value, what)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        match = _QUANTITY.match(value)
        if match:
            number, unit = float(match.group(1)), match.group(2).lower()
            if unit in units:
                result = number * units[unit]
                if result.is_integer():
                    return int(result)
    raise ValidationError(argument, value, what)


def parse_cpu(argument: str, value: Any) -> int:
    """CPU units from ``256`` or ``"256"`` or ``"0.25 vCPU"`` (converted once, here)."""
    return _quantity(
        argument,
        value,
        {"": 1, "vcpu": 1024, "vcpus": 1024},
        "cpu units as an integer (e.g. 512) or a string such as '0.5 vCPU'",
    )


def parse_memory(argument: str, value: Any) -> int:
    """Memory MiB from ``1024`` or ``"1024 MiB"`` or ``"1 GB"`` (ECS reads GB as GiB)."""
    return _quantity(
        argument,
        value,
        {"": 1, "mib": 1, "mb": 1, "gb": 1024, "gib": 1024},
        "memory MiB as an integer (e.g. 1024) or a string such as '1 GB' or '512 MiB'",
    )


def _describe_table() -> str:
    parts = []
    for cpu, memories in FARGATE_TASK_SIZES.items():
        gib = [m // 1024 if m >= 1024 else m / 1024 for m in memories]
        if len(memories) > 3:
            step = (memories[1] - memories[0]) // 1024
            parts.append(f"cpu {cpu}: {gib[0]}-{gib[-1]} GB in {step} GB steps")
        else:
            parts.append(f"cpu {cpu}: {', '.join(f'{g:g}' for g in gib)} GB")
    return "; ".join(parts)


def check_task_size(
    cpu: int,
    memory: int,
    *,
    operating_system: str = LINUX,
    architecture: str = "X86_64",
    argument: str = "cpu/memory",
) -> TaskSize:
    """Validate a task size against the Fargate table and the platform's limits.

    Windows tasks need 1, 2 or 4 vCPU and ``X86_64``; 8 and 16 vCPU are Linux only
    (platform version 1.4.0+, which ``LATEST`` is). Errors name ``argument`` (the size),
    ``operating_system`` or ``architecture``, relative to the caller's path (which re-raises
    them under its own, ``errors.argument_path``).
    """
    if operating_system not in OPERATING_SYSTEMS:
        raise ValidationError(
            "operating_system",
            operating_system,
            f"one of {', '.join(OPERATING_SYSTEMS)}",
        )
    if cpu not in FARGATE_TASK_SIZES:
        raise ValidationError(
            argument, cpu, f"cpu one of {', '.join(map(str, FARGATE_TASK_SIZES))}"
        )
    if memory not in FARGATE_TASK_SIZES[cpu]:
        raise ValidationError(
            argument,
            {"cpu": cpu, "memory": memory},
            f"a valid Fargate pair ({_describe_table()})",
        )
    if is_windows(operating_system):
        if cpu not in _WINDOWS_CPUS:
            raise ValidationError(
                argument,
                {"cpu": cpu, "operating_system": operating_system},
                "Windows on Fargate runs with cpu 1024, 2048 or 4096 only",
            )
        if architecture != "X86_64":
            raise ValidationError(
                "architecture",
                architecture,
                "Windows on Fargate runs on X86_64 only",
            )
    return TaskSize(cpu, memory)


def round_up_to_task_size(cpu: int, memory: int) -> TaskSize:
    """The smallest valid Fargate size with at least ``cpu`` units and ``memory`` MiB:
    the lowest cpu tier whose range fits the memory, then the lowest memory in it.

    Raises ``ValidationError`` when nothing fits (more than 16 vCPU or 120 GB).
    """
    for tier, memories in FARGATE_TASK_SIZES.items():
        if tier < cpu:
            continue
        for candidate in memories:
            if candidate >= memory:
                return TaskSize(tier, candidate)
    raise ValidationError(
        "requests", {"cpu": cpu, "memory": memory}, "at most 16 vCPU and 120 GB in total"
    )
