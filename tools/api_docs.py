"""Every public name has docs: a docstring, an example, and its arguments' defaults.

The public API is each area package's ``__all__`` (listed in :data:`PAGES`, with the docs page
that renders it). ``problems()`` returns what is missing; the docs build (``tools/mkdocs_hooks.py``,
``make docs-site``) and ``tests/test_api_docs.py`` both fail on any. The rules:

- the page renders the module (a ``::: <module>`` line), so every name in its ``__all__`` is
  on the site; every name exported by ``fargate_components`` itself is in some area's ``__all__``;
- a class or function has its own docstring (not the signature a dataclass makes up);
- a class or function has an example: an ``Example::`` block or ``>>>`` lines in its docstring,
  or a use in a ``python`` block of its page (those blocks run as tests, see
  ``tests/test_docs_examples.py``);
- a constant is named on its page, with what it is;
- the argument dataclasses (``*Args`` and every class exported by ``fargate_components``) say
  each field's default: the field's docstring contains ``Default``.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import re
import textwrap
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

#: docs page -> the modules whose ``__all__`` it renders.
PAGES: dict[str, tuple[str, ...]] = {
    "index.md": ("fargate_components.errors",),
    "network.md": ("fargate_components.network",),
    "ecs.md": ("fargate_components.ecs", "fargate_components.efs"),
    "eks.md": ("fargate_components.eks",),
    "review.md": (
        "fargate_components.plan",
        "fargate_components.policy",
        "fargate_components.pricing",
        "fargate_components.policy_pack",
        "fargate_components.timefmt",
    ),
    "testing.md": (
        "fargate_components.testing",
        "fargate_components.testing.assertions",
        "fargate_components.testing.pytest_plugin",
        "fargate_components.testing.simulate.replay",
    ),
}

_PY_BLOCK = re.compile(r"```python\n(.*?)```", re.S)


def public_names(module_name: str) -> list[tuple[str, Any]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the providers' import-time noise
        module = importlib.import_module(module_name)
    return [(name, getattr(module, name)) for name in getattr(module, "__all__", ())]


def _own_docstring(obj: Any) -> str:
    doc = obj.__dict__.get("__doc__") if inspect.isclass(obj) else obj.__doc__
    if not doc:
        return ""
    if dataclasses.is_dataclass(obj) and doc.startswith(f"{obj.__name__}("):
        return ""  # made up by @dataclass from the signature
    return str(doc)


def field_docstrings(cls: type) -> dict[str, str | None]:
    """Each annotated field of a dataclass that has a default -> its docstring (the string
    literal right under it), or ``None``."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls))).body[0]
    assert isinstance(tree, ast.ClassDef)
    found: dict[str, str | None] = {}
    body = tree.body
    for i, stmt in enumerate(body):
        if not (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)):
            continue
        if stmt.value is None or stmt.target.id.startswith("_"):
            continue
        after = body[i + 1] if i + 1 < len(body) else None
        doc = (
            after.value.value
            if isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
            else None
        )
        found[stmt.target.id] = doc
    return found


def _used_in(name: str, code_blocks: str) -> bool:
    return re.search(rf"\b{re.escape(name)}\b", code_blocks) is not None


def _page_problems(page: str, modules: tuple[str, ...], argument_classes: set[int]) -> list[str]:
    path = DOCS / page
    if not path.is_file():
        return [f"docs/{page} is missing"]
    text = path.read_text()
    code = "\n".join(_PY_BLOCK.findall(text))
    problems = []
    for module in modules:
        if not re.search(rf"^::: {re.escape(module)}\s*$", text, re.M):
            problems.append(f"docs/{page}: renders no '::: {module}'")
        for name, obj in public_names(module):
            where = f"{module}.{name}"
            if not (inspect.isclass(obj) or inspect.isfunction(obj)):
                if not _used_in(name, text):
                    problems.append(f"{where}: a constant that docs/{page} never names")
                continue
            doc = _own_docstring(obj)
            if not doc:
                problems.append(f"{where}: no docstring")
            if not ("Example" in doc or ">>>" in doc or _used_in(name, code)):
                problems.append(
                    f"{where}: no example (an Example:: block in its docstring, or a use in"
                    f" a python block of docs/{page})"
                )
            if dataclasses.is_dataclass(obj) and (
                name.endswith("Args") or id(obj) in argument_classes
            ):
                for field, field_doc in field_docstrings(obj).items():
                    if not field_doc or "Default" not in field_doc:
                        problems.append(f"{where}.{field}: its docstring does not say its Default")
    return problems


def rendered_problems(site_dir: Path) -> list[str]:
    """After a build: every public name has an anchor on its page (``<module>.<name>``, or
    a deeper path ending in the name when a submodule shares its name)."""
    found = []
    for page, modules in PAGES.items():
        html_path = site_dir / ("index.html" if page == "index.md" else f"{page[:-3]}/index.html")
        if not html_path.is_file():
            found.append(f"{html_path}: not built")
            continue
        ids = set(re.findall(r'id="([^"]+)"', html_path.read_text()))
        for module in modules:
            for name, _ in public_names(module):
                if f"{module}.{name}" in ids:
                    continue
                if not any(i.startswith(f"{module}.") and i.endswith(f".{name}") for i in ids):
                    found.append(f"{module}.{name}: not rendered on docs/{page}")
    return found


def problems() -> list[str]:
    """Everything missing from the API docs, one line each (empty when complete)."""
    top = public_names("fargate_components")
    argument_classes = {id(obj) for _, obj in top if inspect.isclass(obj)}
    rendered = {id(obj) for mods in PAGES.values() for m in mods for _, obj in public_names(m)}
    found = [
        f"fargate_components.{name}: in no area's __all__, so on no page of the site"
        for name, obj in top
        if id(obj) not in rendered and not isinstance(obj, (str, int))
    ]
    for page, modules in PAGES.items():
        found += _page_problems(page, modules, argument_classes)
    return found


if __name__ == "__main__":
    import sys

    missing = problems()
    print("\n".join(missing) or "api docs: every public name is documented")
    sys.exit(1 if missing else 0)
