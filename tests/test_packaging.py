"""Packaging facts that need no build: one version, SPDX license metadata, the LICENSE text,
a CHANGELOG with a versioning policy, starters whose pin accepts this version, and the policy
pack shipped in the package. (`make package-check` builds and installs the wheel for real.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tomllib
from packaging.specifiers import SpecifierSet

import fargate_components
from fargate_components.policy_pack import (
    PACK_PROGRAM,
    pulumi_policy_yaml,
    requirements_txt,
    write_pack,
)
from fargate_components.policy_pack.__main__ import main as pack_main
from tools.check_dist import package_data, version

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_the_version_lives_in_one_place() -> None:
    project = PYPROJECT["project"]
    assert "version" not in project and project["dynamic"] == ["version"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {
        "attr": "fargate_components.__version__"
    }
    assert version() == fargate_components.__version__
    assert f"version: {fargate_components.__version__}\n" in pulumi_policy_yaml()


def test_license_is_an_spdx_expression_with_its_file() -> None:
    project = PYPROJECT["project"]
    assert project["license"] == "Apache-2.0"
    assert project["license-files"] == ["LICENSE"]
    assert not any(c.startswith("License ::") for c in project["classifiers"])  # PEP 639
    text = (ROOT / "LICENSE").read_text()
    assert text.lstrip().startswith("Apache License")
    assert "Version 2.0, January 2004" in text and "END OF TERMS AND CONDITIONS" in text


def test_changelog_states_the_versioning_policy_and_this_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text()
    assert "## Versioning policy" in text
    assert re.search(r"replaces or deletes a\s+deployed resource is a major change", text)
    assert f"## [{fargate_components.__version__}]" in text


@pytest.mark.parametrize("requirements", sorted((ROOT / "examples").glob("*/requirements.txt")))
def test_each_starter_accepts_this_version(requirements: Path) -> None:
    lines = [ln for ln in requirements.read_text().splitlines() if ln and not ln.startswith("#")]
    (line,) = [ln for ln in lines if ln.startswith("fargate-components")]
    specifier = SpecifierSet(line.removeprefix("fargate-components"))
    assert fargate_components.__version__ in specifier, f"{requirements}: {line}"


def test_package_data_is_declared_and_present() -> None:
    declared = PYPROJECT["tool"]["setuptools"]["package-data"]["fargate_components"]
    assert {"py.typed", "pricing/data/*.json", "policy_pack/pack/__main__.py"} <= set(declared)
    for path in package_data():
        assert (ROOT / path).is_file(), path


def test_the_repository_pack_runs_the_shipped_program() -> None:
    assert (ROOT / "policy" / "PulumiPolicy.yaml").read_text() == pulumi_policy_yaml()
    assert str(PACK_PROGRAM.relative_to(ROOT)) in package_data()
    assert "policy_pack" in (ROOT / "policy" / "__main__.py").read_text()


def test_write_pack_writes_a_pinned_pack_and_never_overwrites_silently(tmp_path: Path) -> None:
    folder = tmp_path / "policy"
    written = write_pack(folder)
    assert sorted(p.name for p in written) == [
        "PulumiPolicy.yaml",
        "__main__.py",
        "requirements.txt",
    ]
    assert (folder / "requirements.txt").read_text() == requirements_txt()
    assert f"fargate-components=={fargate_components.__version__}" in requirements_txt()
    (folder / "__main__.py").write_text("# my edits\n")
    with pytest.raises(FileExistsError, match="already exists; pass overwrite=True"):
        write_pack(folder)
    assert (folder / "__main__.py").read_text() == "# my edits\n"
    write_pack(folder, requirement="fargate-components @ file:///wheels/x.whl", overwrite=True)
    assert "file:///wheels/x.whl" in (folder / "requirements.txt").read_text()


def test_the_pack_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert pack_main([str(tmp_path / "p")]) == 0
    assert "pulumi preview --policy-pack" in capsys.readouterr().out
    assert pack_main([str(tmp_path / "p")]) == 1
    assert "already exists" in capsys.readouterr().err
    assert pack_main([str(tmp_path / "p"), "--force"]) == 0


def test_a_written_pack_builds_every_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import runpy

    import pulumi_policy

    from fargate_components.policy import RULES
    from fargate_components.policy.crossguard import UNVERIFIED_POLICY, WAIVERS_ENV

    write_pack(tmp_path)
    (tmp_path / "waivers.yaml").write_text("FC-ALB-004: [{resource: 'web-*', reason: dev}]\n")
    monkeypatch.delenv(WAIVERS_ENV, raising=False)
    captured: dict = {}
    monkeypatch.setattr(pulumi_policy, "PolicyPack", lambda **kwargs: captured.update(kwargs))
    runpy.run_path(str(tmp_path / "__main__.py"), run_name="__main__")
    assert [p.name for p in captured["policies"]] == [*RULES, UNVERIFIED_POLICY]
    import os

    assert os.environ[WAIVERS_ENV] == str(tmp_path / "waivers.yaml")  # the pack's own file
