"""Every public name is documented: a docstring, an example and its arguments' defaults
(tools/api_docs.py; `make docs-site` runs the same check inside `mkdocs build --strict`)."""

from __future__ import annotations

from tools.api_docs import PAGES, field_docstrings, problems, public_names


def test_every_public_name_has_docs_an_example_and_its_defaults() -> None:
    missing = problems()
    assert not missing, "add the docs (see tools/api_docs.py):\n" + "\n".join(missing)


def test_every_name_fargate_components_exports_is_on_a_page() -> None:
    on_pages = {id(obj) for mods in PAGES.values() for m in mods for _, obj in public_names(m)}
    for name, obj in public_names("fargate_components"):
        assert isinstance(obj, str) or id(obj) in on_pages, name


def test_the_checker_catches_an_undocumented_default() -> None:
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Args:
        documented: int = 1
        """How many. Default: 1."""
        undocumented: int = 2

    assert field_docstrings(Args) == {"documented": "How many. Default: 1.", "undocumented": None}
