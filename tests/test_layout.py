"""The file-name convention (issue 11): a module whose name ends in ``_component.py`` wires
resources; every other module of the component areas decides (pure functions, frozen
dataclasses) and creates no Pulumi resource. Read from the source with ``ast``: no mocks,
no imports of the modules under test."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.source_trees import parsed

PACKAGE = Path(__file__).resolve().parent.parent / "fargate_components"
#: The component areas, and the top-level modules they share.
AREAS = ("network", "ecs", "eks", "efs")
SHARED = ("errors.py", "iam.py", "logs.py", "sizing.py")
#: Packages whose classes are resources (calling one registers it).
RESOURCE_PACKAGES = ("pulumi_aws", "pulumi_eks", "pulumi_kubernetes")
#: Base classes only a wiring module may subclass.
RESOURCE_BASES = ("ComponentResource", "CustomResource", "Resource", "ProviderResource")


def _modules() -> list[Path]:
    found = [p for area in AREAS for p in sorted((PACKAGE / area).glob("*.py"))]
    return found + [PACKAGE / name for name in SHARED]


def _is_component(path: Path) -> bool:
    return path.name.endswith("_component.py")


DECISION_MODULES = [p for p in _modules() if not _is_component(p) and p.name != "__init__.py"]
COMPONENT_MODULES = [p for p in _modules() if _is_component(p)]


def _rel(path: Path) -> str:
    return str(path.relative_to(PACKAGE.parent))


def _resource_aliases(tree: ast.AST) -> set[str]:
    """Local names bound to a resource package (``import pulumi_aws as aws``)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in RESOURCE_PACKAGES:
                    names.add(alias.asname or alias.name.split(".")[0])
    return names


def _dotted(node: ast.expr) -> list[str]:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return parts[::-1]


def _violations(path: Path) -> list[str]:
    tree = parsed(path)
    aliases = _resource_aliases(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for base in node.bases:
                if _dotted(base)[-1:] and _dotted(base)[-1] in RESOURCE_BASES:
                    found.append(f"line {node.lineno}: class {node.name} is a resource")
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module.split(".")[0] in RESOURCE_PACKAGES:
                found.append(f"line {node.lineno}: imports names from {module}")
            targets = [module] + [f"{module}.{a.name}" for a in node.names]
            if any(t.split(".")[-1].endswith("_component") for t in targets if t):
                found.append(f"line {node.lineno}: imports a wiring module ({module})")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[-1].endswith("_component"):
                    found.append(f"line {node.lineno}: imports a wiring module ({alias.name})")
        elif isinstance(node, ast.Call):
            chain = _dotted(node.func)
            # Input types (``aws.ecs.ServiceCapacityProviderStrategyArgs``) are plain data;
            # anything else called from a resource package registers a resource or invokes.
            if chain and chain[0] in aliases and not chain[-1].endswith("Args"):
                found.append(f"line {node.lineno}: calls {'.'.join(chain)}")
    return found


@pytest.mark.parametrize("path", DECISION_MODULES, ids=_rel)
def test_decision_module_wires_nothing(path: Path) -> None:
    assert _violations(path) == [], (
        f"{_rel(path)} decides (its name does not end in _component.py) but wires: "
        "move the resources to a *_component.py module"
    )


@pytest.mark.parametrize("path", COMPONENT_MODULES, ids=_rel)
def test_component_module_wires(path: Path) -> None:
    tree = parsed(path)
    assert _resource_aliases(tree), f"{_rel(path)} is named *_component.py but wires nothing"


def test_the_areas_have_both_kinds() -> None:
    # A guard against the globs above silently matching nothing.
    assert len(DECISION_MODULES) > 10 and len(COMPONENT_MODULES) >= 10


def test_the_lazy_table_and_all_list_the_same_names() -> None:
    # The package lists its public names twice on purpose: the TYPE_CHECKING import block
    # (which the lazy loader reads, and type checkers follow) and a literal __all__ (what
    # mypy and IDEs treat as exported). They must agree exactly.
    import fargate_components

    table = fargate_components._lazy_table()
    assert sorted(table) == sorted(fargate_components.__all__)
    assert len(fargate_components.__all__) == len(set(fargate_components.__all__))
