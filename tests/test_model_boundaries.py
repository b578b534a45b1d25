"""The plan model's boundaries, enforced over the source (issue 11).

- The product stands on ``fargate_components.model``, never on the test kit: nothing under
  ``policy/``, ``plan/`` (except the program runner), ``pricing/`` or the components imports
  ``fargate_components.testing``.
- Every Pulumi type token is spelled once, in ``model/tokens.py``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import fargate_components
from fargate_components.model import tokens
from tests.source_trees import parsed

PACKAGE = Path(fargate_components.__file__).parent
#: The one module of the product that may use the test kit: it runs user programs under
#: the mocks (and replays plans into moto for ``--simulate``).
RUNNER = PACKAGE / "plan" / "program.py"
STRATEGY_MODEL = ("fargate_components.ecs.capacity", "fargate_components.errors")
PRODUCT = ("policy", "plan", "pricing", "network", "ecs", "eks", "model")


def _tree(path: Path) -> ast.Module:
    """The parsed source of ``path`` (shared with the other source-reading suites: read only)."""
    return parsed(path)


def _imports(path: Path) -> list[str]:
    """Every module ``path`` imports, made absolute (function-level imports included)."""
    tree = _tree(path)
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append(module)
            found += [f"{module}.{alias.name}" for alias in node.names]
    return found


def _product_files() -> list[Path]:
    files = [p for area in PRODUCT for p in (PACKAGE / area).rglob("*.py")]
    files += [p for p in PACKAGE.glob("*.py") if p.name not in ("cli.py", "__main__.py")]
    return [p for p in files if p != RUNNER]


def test_nothing_in_the_product_imports_the_test_kit() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): [m for m in _imports(path) if m.startswith(kit)]
        for path in _product_files()
        for kit in ["fargate_components.testing"]
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_model_imports_neither_pulumi_nor_the_components() -> None:
    for path in (PACKAGE / "model").rglob("*.py"):
        for module in _imports(path):
            assert not module.startswith("pulumi"), (path.name, module)
            if module.startswith("fargate_components."):
                # the model, and the one capacity-strategy model (with its ValidationError)
                allowed = ("fargate_components.model", *STRATEGY_MODEL)
                assert module.startswith(allowed), (path.name, module)


def test_every_type_token_is_spelled_once_in_the_package() -> None:
    spelled = [v for k, v in vars(tokens).items() if k.isupper() and isinstance(v, str)]
    assert len(spelled) == len(set(spelled)), "a token is defined twice in model/tokens.py"
    token_re = re.compile(r"""["']((?:aws|pulumi|kubernetes):[A-Za-z0-9./_-]+:[A-Za-z0-9]+)["']""")
    elsewhere: dict[str, list[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        if path == PACKAGE / "model" / "tokens.py":
            continue
        docstrings: set[int] = set()
        # ast.walk is breadth-first: a definition comes before its docstring's Constant.
        for node in ast.walk(_tree(path)):
            if (
                isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                and node.body
                and isinstance(node.body[0], ast.Expr)
                and isinstance(node.body[0].value, ast.Constant)
            ):
                docstrings.add(id(node.body[0].value))
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and ":" in node.value
                and id(node) not in docstrings
                and token_re.fullmatch(repr(node.value))
            ):
                elsewhere.setdefault(str(path.relative_to(PACKAGE)), []).append(node.value)
    assert elsewhere == {}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_the_simulator_has_no_import_cycle() -> None:
    """engine -> handlers -> context and engine -> fixtures -> context; type-only and
    function-level imports count too."""
    root = PACKAGE / "testing" / "simulate"
    modules = {_module_name(p): p for p in root.rglob("*.py")}
    graph = {
        name: {m for m in _imports(path) if m in modules and m != name}
        for name, path in modules.items()
    }
    package = _module_name(root / "__init__.py")
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in graph[node]:
            if nxt == package or nxt.startswith(node + "."):
                continue  # a package importing its own submodules is not a cycle
            assert state.get(nxt) != 1, " -> ".join([*trail, node, nxt])
            if nxt not in state:
                visit(nxt, [*trail, node])
        state[node] = 2

    for name in graph:
        if name not in state:
            visit(name, [])
