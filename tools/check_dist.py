"""Check what the built wheel and sdist contain (``make package-check`` runs this).

``python -m tools.check_dist dist`` exits 1, naming what is missing, unless:
- there is exactly one wheel and one sdist, both of the version in ``fargate_components/__init__.py``;
- the wheel has ``py.typed``, every price file, the policy pack and its default waivers, the ``LICENSE`` text
  (``.dist-info/licenses/LICENSE``), an SPDX ``License-Expression: Apache-2.0``, the CLI entry
  point and the pytest plugin entry point;
- the sdist has the ``LICENSE``, ``CHANGELOG.md``, ``README.md``, ``pyproject.toml`` and the same
  package data.
"""

from __future__ import annotations

import ast
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "fargate_components"


def version() -> str:
    """``__version__`` read from the source, the one place it is written."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "__version__":
            return str(ast.literal_eval(node.value))
    raise SystemExit("fargate_components/__init__.py defines no __version__")


def package_data() -> list[str]:
    """The data files the package must ship, relative to the repository root."""
    files = [
        "fargate_components/py.typed",
        "fargate_components/policy_pack/pack/__main__.py",
        "fargate_components/policy/waivers.yaml",
    ]
    files += sorted(str(p.relative_to(ROOT)) for p in (PACKAGE / "pricing" / "data").glob("*.json"))
    return files


def check_wheel(path: Path, expected_version: str) -> list[str]:
    problems = []
    with zipfile.ZipFile(path) as wheel:
        names = set(wheel.namelist())
        info = f"fargate_components-{expected_version}.dist-info"
        for data in package_data():
            if data not in names:
                problems.append(f"{path.name}: {data} is missing")
        if f"{info}/licenses/LICENSE" not in names:
            problems.append(f"{path.name}: {info}/licenses/LICENSE is missing")
        metadata = wheel.read(f"{info}/METADATA").decode() if f"{info}/METADATA" in names else ""
        entry_points = (
            wheel.read(f"{info}/entry_points.txt").decode()
            if f"{info}/entry_points.txt" in names
            else ""
        )
    for needle, what in [
        (f"Version: {expected_version}\n", "the version"),
        ("License-Expression: Apache-2.0\n", "the SPDX license expression"),
        ("License-File: LICENSE\n", "the license file"),
    ]:
        if needle not in metadata:
            problems.append(f"{path.name}: METADATA lacks {what} ({needle.strip()!r})")
    for needle in ("fargate-components = fargate_components.cli:main", "[pytest11]"):
        if needle not in entry_points:
            problems.append(f"{path.name}: entry_points.txt lacks {needle!r}")
    return problems


def check_sdist(path: Path, expected_version: str) -> list[str]:
    top = f"fargate_components-{expected_version}"
    with tarfile.open(path) as sdist:
        names = {n.removeprefix(f"{top}/") for n in sdist.getnames()}
    required = ["LICENSE", "CHANGELOG.md", "README.md", "pyproject.toml", *package_data()]
    return [f"{path.name}: {name} is missing" for name in required if name not in names]


def main(argv: list[str] | None = None) -> int:
    dist = Path((argv or sys.argv[1:] or ["dist"])[0])
    expected = version()
    wheels = sorted(dist.glob("*.whl"))
    sdists = sorted(dist.glob("*.tar.gz"))
    problems = []
    if [w.name for w in wheels] != [f"fargate_components-{expected}-py3-none-any.whl"]:
        problems.append(
            f"expected one wheel of version {expected}, found {[w.name for w in wheels]}"
        )
    if [s.name for s in sdists] != [f"fargate_components-{expected}.tar.gz"]:
        problems.append(
            f"expected one sdist of version {expected}, found {[s.name for s in sdists]}"
        )
    for wheel in wheels:
        problems += check_wheel(wheel, expected)
    for sdist in sdists:
        problems += check_sdist(sdist, expected)
    for problem in problems:
        print(f"check_dist: {problem}", file=sys.stderr)
    if not problems:
        print(f"check_dist: {wheels[0].name} and {sdists[0].name} ship everything")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
