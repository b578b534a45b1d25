"""The parsed source of the package's files, parsed once per test process.

Several suites read the package's own source (tests/test_model_boundaries.py,
tests/test_function_length.py, tests/test_layout.py): each parsed every file for itself,
~0.3-0.5 s of CPU per suite (issue 11, suite time). The trees are shared: read them, never
change them."""

from __future__ import annotations

import ast
import functools
from pathlib import Path


def parsed(path: Path) -> ast.Module:
    """The module ``path`` as ``ast.parse`` gives it (shared and read only)."""
    return _parsed(path.resolve())


@functools.cache
def _parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))
