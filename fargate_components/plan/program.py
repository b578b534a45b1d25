"""Load a Pulumi Python project from disk and run it under the test kit's mocks.

What the Pulumi CLI would do before running a program, done offline: read ``Pulumi.yaml``
(project name, ``main``, project-level config defaults), then ``Pulumi.<stack>.yaml``, then
``--config`` / ``--secret`` overrides. Encrypted (``secure:``) values cannot be decrypted
without the stack's secrets provider, so the program sees a placeholder and every place the
value flows is shown as ``[secret]``.
"""

from __future__ import annotations

import os
import runpy
import sys
import traceback
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..testing import Plan, run_in_mocks
from ..testing.recorder import SECRET_MARK

__all__ = ["ProgramError", "ProjectFiles", "load_project", "run_project"]


class ProgramError(Exception):
    """The user's program failed; ``str()`` is a short report without our internals."""


@dataclass
class ProjectFiles:
    """A project on disk and the config a run will see."""

    directory: Path
    name: str
    main: Path
    config: dict[str, Any] = field(default_factory=dict)
    secret_keys: list[str] = field(default_factory=list)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text()) or {}
    except yaml.YAMLError as err:
        raise ProgramError(f"{path}: not valid YAML: {err}") from None
    if not isinstance(data, dict):
        raise ProgramError(f"{path}: expected a mapping at the top level")
    return data


def load_project(
    directory: str | os.PathLike[str],
    stack: str = "dev",
    overrides: Mapping[str, str] | None = None,
    secret_overrides: Mapping[str, str] | None = None,
) -> ProjectFiles:
    """Read ``Pulumi.yaml`` and the stack's config. Keys without a namespace belong to the
    project (``key`` means ``<project>:key``), as with the Pulumi CLI."""
    root = Path(directory).resolve()
    project_file = next(
        (root / n for n in ("Pulumi.yaml", "Pulumi.yml") if (root / n).exists()), None
    )
    if project_file is None:
        raise ProgramError(f"{root}: no Pulumi.yaml here (is this a Pulumi project directory?)")
    project = _read_yaml(project_file)
    name = str(project.get("name") or root.name)
    runtime = project.get("runtime")
    runtime_name = runtime.get("name") if isinstance(runtime, dict) else runtime
    if runtime_name != "python":
        raise ProgramError(
            f"{project_file}: runtime is {runtime_name!r}; only Python programs can be planned"
        )
    main = root / str(project.get("main") or ".")
    if main.is_dir():
        main = main / "__main__.py"
    if not main.exists():
        raise ProgramError(f"{project_file}: the program {main} does not exist")

    def qualify(key: str) -> str:
        return key if ":" in key else f"{name}:{key}"

    config: dict[str, Any] = {}
    secrets: list[str] = []
    for key, spec in (project.get("config") or {}).items():
        if isinstance(spec, dict):
            if "value" in spec or "default" in spec:
                config[qualify(key)] = spec.get("value", spec.get("default"))
        else:
            config[qualify(key)] = spec
    stack_file = root / f"Pulumi.{stack}.yaml"
    if stack_file.exists():
        for key, value in (_read_yaml(stack_file).get("config") or {}).items():
            if isinstance(value, dict) and set(value) == {"secure"}:
                config[qualify(key)] = SECRET_MARK
                secrets.append(qualify(key))
            else:
                config[qualify(key)] = value
    for key, value in (overrides or {}).items():
        config[qualify(key)] = value
    for key, value in (secret_overrides or {}).items():
        config[qualify(key)] = value
        secrets.append(qualify(key))
    return ProjectFiles(root, name, main, config, sorted(set(secrets)))


@contextmanager
def _program_environment(project: ProjectFiles) -> Iterator[None]:
    old_cwd, old_path = os.getcwd(), list(sys.path)
    os.chdir(project.main.parent)
    sys.path.insert(0, str(project.main.parent))
    try:
        yield
    finally:
        os.chdir(old_cwd)
        sys.path[:] = old_path


def _short_traceback(err: BaseException, project: ProjectFiles) -> str:
    """The error, with only the frames that are in the user's project."""
    frames = [
        f"  {Path(f.filename).relative_to(project.directory)}:{f.lineno} in {f.name}: {f.line}"
        for f in traceback.extract_tb(err.__traceback__)
        if Path(f.filename).resolve().is_relative_to(project.directory)
        and ".venv" not in f.filename
    ]
    head = f"{type(err).__name__}: {err}"
    return "\n".join([head, *frames])


def run_project(project: ProjectFiles, stack: str = "dev") -> Plan:
    """Run the project's program under mocks. Raises :class:`ProgramError` with a short
    report if the program fails (``ValidationError`` messages are shown as they are)."""

    def program() -> None:
        runpy.run_path(str(project.main), run_name="__main__")

    try:
        with _program_environment(project):
            return run_in_mocks(
                program,
                project=project.name,
                stack=stack,
                config=project.config,
                secret_keys=project.secret_keys,
            )
    except Exception as err:
        raise ProgramError(_short_traceback(err, project)) from err
