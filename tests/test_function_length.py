"""No function in the library is longer than about 80 lines (GUIDE: "no function longer
than about 80 lines unless it is a data table"): long constructors become named
``_build_*`` steps. Read from the source with ``ast``."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

from tests.source_trees import parsed

PACKAGE = Path(__file__).resolve().parent.parent / "fargate_components"
MAX_LINES = 80

#: ``module path:qualified name`` -> why it may be longer. Keep it short and commented.
ALLOWED = {
    # A data table: the AWS Load Balancer Controller's upstream IAM policy, statement by
    # statement (kubernetes-sigs/aws-load-balancer-controller docs/install/iam_policy.json).
    "eks/iam_documents.py:load_balancer_controller_policy": "data table",
}


def _visit(node: ast.AST, module: str, prefix: str, found: dict[str, int]) -> None:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.ClassDef):
            _visit(child, module, f"{prefix}{child.name}.", found)
        elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            assert child.end_lineno is not None
            length = child.end_lineno - child.lineno + 1
            if length > MAX_LINES:
                found[f"{module}:{prefix}{child.name}"] = length
            _visit(child, module, f"{prefix}{child.name}.", found)


@functools.cache
def _long_functions() -> dict[str, int]:
    """``module path:qualified name`` -> lines, of every function over the limit (the
    package is parsed once for both tests; read it, don't change it)."""
    found: dict[str, int] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        _visit(parsed(path), str(path.relative_to(PACKAGE)), "", found)
    return found


def test_no_function_is_longer_than_80_lines() -> None:
    too_long = {k: v for k, v in _long_functions().items() if k not in ALLOWED}
    assert too_long == {}, (
        f"functions over {MAX_LINES} lines (split them into named steps, or allow-list a data "
        f"table with a comment): {too_long}"
    )


def test_the_allow_list_has_no_stale_entries() -> None:
    # arch-model's entries are exempt until they remove them, so their split can land alone.
    mine = {k for k, why in ALLOWED.items() if why != "arch-model is splitting"}
    stale = sorted(mine - set(_long_functions()))
    assert stale == [], f"no longer long (remove from ALLOWED): {stale}"
