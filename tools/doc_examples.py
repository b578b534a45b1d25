"""Find every code example in the docs and run it: README blocks and docstring ``Example::`` blocks.

What counts as an example, and how it runs (``tests/test_docs_examples.py``):

- Markdown (README.md, docs/*.md, examples/*/README.md): every ```` ```python ```` block.
- Docstrings of the package's modules, classes and functions: the indented block after a line
  that starts with ``Example`` and ends with ``::``, and ``>>>`` lines (run with doctest).
- A block whose first line is ``# fragment: <why>`` is deliberately incomplete (it continues a
  program the reader has, e.g. ``db_secret`` is yours): it is compiled, so its syntax is
  checked, and listed by name, never run.
- A block whose first line is ``# file: <path>`` is one file of a complete project shown across
  several blocks (Python, YAML or TOML); the test assembles the project and runs it.
- Anything else runs: a block that calls ``run_in_mocks`` itself runs as is, any other runs as a
  Pulumi program under the test kit's mocks. Afterwards, each ``test_*`` function it defined
  without parameters is called, as pytest would.
"""

from __future__ import annotations

import argparse
import ast
import doctest
import re
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "fargate_components"

FRAGMENT = "# fragment:"
FILE = "# file:"

_FENCE = re.compile(
    r"^(?P<indent> *)```(?P<lang>[\w+-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)```", re.M | re.S
)
_EXAMPLE_INTRO = re.compile(r"^\s*Example\b[^\n]*::\s*$")


@dataclass(frozen=True)
class Example:
    """One code example: where it is (``path:line``), its language and its code."""

    where: str
    lang: str
    code: str
    module: str | None = None

    @property
    def first_line(self) -> str:
        return next((ln.strip() for ln in self.code.splitlines() if ln.strip()), "")

    @property
    def kind(self) -> str:
        """``fragment``, ``file``, ``doctest``, ``pytest`` (it defines a test that takes
        fixtures: the test runs it with pytester) or ``program``."""
        if self.first_line.startswith(FRAGMENT):
            return "fragment"
        if self.first_line.startswith(FILE):
            return "file"
        if self.lang == "doctest":
            return "doctest"
        if _pytest_functions(self.code):
            return "pytest"
        return "program"

    @property
    def file_path(self) -> str:
        """For a ``# file: <path>`` block, the path."""
        return self.first_line[len(FILE) :].strip()


def markdown_examples(path: Path) -> list[Example]:
    """The fenced code blocks of a markdown file (python, yaml, toml, text...)."""
    text = path.read_text()
    found = []
    for match in _FENCE.finditer(text):
        line = text[: match.start()].count("\n") + 1
        body = textwrap.dedent(match.group("body"))
        found.append(Example(f"{_rel(path)}:{line}", match.group("lang") or "text", body))
    return found


def project_files(examples: list[Example]) -> dict[str, str]:
    """The ``# file: <path>`` blocks of a document, as ``{path: text}``."""
    return {e.file_path: e.code for e in examples if e.kind == "file"}


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def _docstrings(tree: ast.Module) -> Iterator[tuple[str, int, str]]:
    """(qualified name, line, docstring) of the module and every class and function in it."""
    stack: list[tuple[str, ast.AST]] = [("", tree)]
    while stack:
        prefix, node = stack.pop()
        doc = ast.get_docstring(node, clean=True)  # type: ignore[arg-type]
        if doc:
            line = getattr(node, "lineno", 1)
            yield prefix or "<module>", line, doc
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                stack.append((f"{prefix}.{child.name}".lstrip("."), child))


def docstring_blocks(doc: str) -> Iterator[str]:
    """The ``Example...::`` literal blocks of one docstring, dedented."""
    lines = doc.splitlines()
    i = 0
    while i < len(lines):
        if _EXAMPLE_INTRO.match(lines[i]):
            intro_indent = len(lines[i]) - len(lines[i].lstrip())
            block: list[str] = []
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            while j < len(lines) and (
                not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip()) > intro_indent
            ):
                block.append(lines[j])
                j += 1
            code = textwrap.dedent("\n".join(block)).strip("\n")
            if code and not code.lstrip().startswith(">>>"):
                yield code + "\n"
            i = j
        else:
            i += 1


def docstring_examples(package: Path = PACKAGE) -> list[Example]:
    """Every docstring example of the package's modules (read with ``ast``: nothing is
    imported, so the policy pack's program, which serves on import, is only read)."""
    found = []
    for path in sorted(package.rglob("*.py")):
        text = path.read_text()
        if "Example" not in text and ">>>" not in text:
            continue  # nothing to find; parsing it cost ~2/3 of this at collection (issue 11)
        tree = ast.parse(text)
        module = ".".join(path.relative_to(package.parent).with_suffix("").parts)
        module = module.removesuffix(".__init__")
        for name, line, doc in _docstrings(tree):
            where = f"{_rel(path)}:{line} ({name})"
            for code in docstring_blocks(doc):
                found.append(Example(where, "python", code, module))
            if ">>>" in doc:
                found.append(Example(where, "doctest", doc, module))
    return found


def _pytest_functions(code: str) -> list[str]:
    """Names of the ``test_*`` functions that take fixtures."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    return [
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_") and node.args.args
    ]


def _imports(code: str) -> bool:
    return any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in ast.walk(ast.parse(code)))


def _namespace(example: Example) -> dict[str, Any]:
    """A fresh namespace; for a docstring example that imports nothing, its module's globals
    (doctest's convention: the example is read in the context of the module)."""
    if example.module and not _imports(example.code):
        import importlib

        return dict(vars(importlib.import_module(example.module)))
    return {"__name__": "__doc_example__"}


def _calls_runner(code: str) -> bool:
    return bool(re.search(r"\b(run_in_mocks|run_project|fargate_plan)\b", code))


def _call_tests(namespace: dict[str, Any]) -> list[str]:
    called = []
    for name, value in list(namespace.items()):
        if name.startswith("test_") and callable(value) and not value.__code__.co_argcount:
            value()
            called.append(name)
    return called


def run_example(example: Example) -> str:
    """Run one example (see the module docstring); return what was done, for the report.
    Raises whatever the example raises."""
    kind = example.kind
    if kind == "fragment":
        compile(example.code, example.where, "exec")
        return "compiled (fragment)"
    if kind == "doctest":
        return _run_doctest(example)
    if kind in ("pytest", "file"):
        raise ValueError(f"{example.where}: a {kind} example runs under pytester, not here")
    code = compile(example.code, example.where, "exec")
    namespace = _namespace(example)
    if _calls_runner(example.code):
        exec(code, namespace)
    else:
        from fargate_components.testing import run_in_mocks

        run_in_mocks(lambda: exec(code, namespace))
    called = _call_tests(namespace)
    return "ran" + (f" and called {', '.join(called)}" if called else "")


def _run_doctest(example: Example) -> str:
    import importlib

    globs = dict(vars(importlib.import_module(example.module))) if example.module else {}
    parser = doctest.DocTestParser()
    test = parser.get_doctest(example.code, globs, example.where, example.where, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    out: list[str] = []
    runner.run(test, out=out.append)
    if runner.failures:
        raise AssertionError("".join(out))
    return f"doctest: {len(test.examples)} examples"


def write_project(markdown: Path, directory: Path) -> list[Path]:
    """Write the ``# file:`` blocks of ``markdown`` into ``directory``; return the files."""
    written = []
    for name, text in project_files(markdown_examples(markdown)).items():
        target = directory / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.doc_examples")
    parser.add_argument("--write-project", nargs=2, metavar=("MARKDOWN", "DIR"), required=True)
    args = parser.parse_args(argv)
    files = write_project(Path(args.write_project[0]), Path(args.write_project[1]))
    if not files:
        print(f"{args.write_project[0]}: no '# file:' blocks", file=sys.stderr)
        return 1
    print(f"wrote {len(files)} files into {args.write_project[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
