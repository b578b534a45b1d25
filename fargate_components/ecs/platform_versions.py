"""Which Fargate platform versions a task may ask for, by operating system. Pure.

- Linux: ``LATEST`` or ``1.4.0``. Platform versions 1.0.0-1.2.0 are long retired, and 1.3.0
  was retired on 2026-03-16: "Starting March 16, 2026, we will make the platform version 1.3.0
  as Retired. At that time, you will not be able to launch new tasks or create new services
  configured with platform version 1.3.0" ("AWS Fargate Linux platform version deprecation",
  https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-versions-retired.html;
  the China regions' copy of that page gives 2026-06-15 instead). "The latest Linux platform
  version is 1.4.0" ("Fargate platform versions for Amazon ECS",
  https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-fargate.html).
- Windows: ``LATEST`` or ``1.0.0``, the only Windows platform version ("Fargate Windows
  platform version change log",
  https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-windows-fargate.html).
  Linux and Windows numbers are independent ("The platform version numbers for Linux
  containers and Windows containers on Fargate are independent", same page as above).

Features that need Linux 1.4.0 (EFS volumes, the ``CAP_SYS_PTRACE`` capability, the
consolidated 20 GiB ephemeral volume and with it larger ephemeral storage: "Supports EFS
endpoints, CAP_SYS_PTRACE Linux capability, ... consolidated 20 GB ephemeral volume", the
platform-version list as CDK's ``FargatePlatformVersion.VERSION1_4`` quotes it; ECS Exec, see
``volumes.check_platform_version``) and those that need 1.3.0 (secrets; container
dependencies and ``startTimeout``/``stopTimeout``: ContainerDependency, ContainerDefinition
in the ECS API reference) are all met by
every Linux value accepted here, since 1.4.0 is the only non-retired Linux version:
refusing 1.3.0 and older refuses every too-old combination, on every path that runs tasks
(``FargateServiceArgs.platform_version``, ``ScheduledTaskArgs.platform_version``; both call
:func:`check_task_platform_version`). ``volumes.check_platform_version`` keeps the
feature-by-feature message for a numeric version below 1.4.0.

A value unknown at preview (``pulumi.Output``) is not checked.
"""

from __future__ import annotations

from typing import Any

from ..errors import ValidationError, is_known
from ..sizing import is_windows
from .volumes import check_platform_version

__all__ = [
    "LINUX_PLATFORM_VERSIONS",
    "RETIRED_LINUX",
    "WINDOWS_PLATFORM_VERSIONS",
    "check_fargate_platform_version",
    "check_task_platform_version",
]

LINUX_PLATFORM_VERSIONS = ("LATEST", "1.4.0")
WINDOWS_PLATFORM_VERSIONS = ("LATEST", "1.0.0")
#: Retired Linux versions and when (new tasks and services can't use them).
RETIRED_LINUX = {
    "1.0.0": "retired",
    "1.1.0": "retired",
    "1.2.0": "retired",
    "1.3.0": "retired on 2026-03-16",
}


def check_fargate_platform_version(argument: str, value: Any, operating_system: Any) -> None:
    """``value`` must be a platform version Fargate offers for ``operating_system``."""
    if value is None or not is_known(value) or not is_known(operating_system):
        return
    windows = isinstance(operating_system, str) and is_windows(operating_system)
    allowed = WINDOWS_PLATFORM_VERSIONS if windows else LINUX_PLATFORM_VERSIONS
    if value in allowed:
        return
    family = "Windows" if windows else "Linux"
    why = ""
    if not windows and value in RETIRED_LINUX:
        why = f" ({value} is {RETIRED_LINUX[value]}: new tasks and services can't use it)"
    elif windows and value in LINUX_PLATFORM_VERSIONS:
        why = " (1.4.0 is a Linux platform version; Windows numbers are independent)"
    raise ValidationError(
        argument, value, f"one of {', '.join(repr(a) for a in allowed)} for {family} tasks{why}"
    )


def check_task_platform_version(
    argument: str, value: Any, task_definition: Any, *, exec_on: bool = False
) -> None:
    """The whole platform-version rule for a task that a service or scheduled task runs: a
    version Fargate offers for the task's operating system, and new enough for the features
    it uses (EFS volumes, ECS Exec)."""
    operating_system = task_definition.operating_system
    check_fargate_platform_version(argument, value, operating_system)
    check_platform_version(
        argument,
        value,
        efs=bool(task_definition.efs_volumes),
        exec_on=exec_on,
        windows=is_known(operating_system) and is_windows(str(operating_system)),
    )
