"""docs/validation.md stays true to the code and the bad-input catalogue.

Every table on the page has the columns Rule | Source | Where encoded | Cases. For each row:
the source is a URL; every ``module:function`` it names exists under ``fargate_components``;
every case it cites is in the catalogue (``*`` matches any characters, and must match at
least one case), or is ``test:<file>::<test>`` naming a test that exists. And every case of
the bad-input files a section names on its ``Catalogue:`` line is cited somewhere on the page,
so a new case of a validation class can't land undocumented. Pure text and imports: cheap.
"""

from __future__ import annotations

import fnmatch
import importlib
import re
from pathlib import Path

import pytest

from tests.test_bad_input import CASES

ROOT = Path(__file__).parent.parent
PAGE = ROOT / "docs" / "validation.md"
COLUMNS = ["Rule", "Source", "Where encoded", "Cases"]
_TICKED = re.compile(r"`([^`]+)`")
_CATALOGUE = re.compile(r"^Catalogue: (.+)$", re.MULTILINE)


def _cells(line: str) -> list[str]:
    """The cells of a table row (``|`` inside backticks is not a separator here: none used)."""
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _tables(text: str) -> list[list[list[str]]]:
    """Every table of the page as rows of cells, header first, the ``|---|`` line dropped."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            if not re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", line.strip()):
                current.append(_cells(line))
        elif current:
            tables.append(current)
            current = []
    return tables


TEXT = PAGE.read_text(encoding="utf-8")
TABLES = _tables(TEXT)
ROWS = [row for table in TABLES for row in table[1:]]
IDS = [c.id for c in CASES]


def _cited() -> list[str]:
    return [token for row in ROWS for token in _TICKED.findall(row[3])]


def test_every_table_has_the_four_columns() -> None:
    assert TABLES, "docs/validation.md has no table"
    for table in TABLES:
        assert table[0] == COLUMNS, table[0]
        for row in table[1:]:
            assert len(row) == len(COLUMNS), row


@pytest.mark.parametrize("row", ROWS, ids=[row[0][:60] for row in ROWS])
def test_row_cites_a_source_existing_code_and_existing_cases(row: list[str]) -> None:
    rule, source, where, cases = row
    assert re.search(r"https?://\S+", source), f"{rule}: no URL in {source!r}"
    places = _TICKED.findall(where)
    assert places, f"{rule}: no `module:function` in {where!r}"
    for place in places:
        module, _, attribute = place.partition(":")
        obj = importlib.import_module(f"fargate_components.{module}")
        for part in attribute.split("."):
            assert hasattr(obj, part), f"{rule}: {place} does not exist"
            obj = getattr(obj, part)
    tokens = _TICKED.findall(cases)
    assert tokens, f"{rule}: no case cited"
    for token in tokens:
        if token.startswith("test:"):
            path, _, name = token.removeprefix("test:").partition("::")
            source_text = (ROOT / path).read_text(encoding="utf-8")
            assert f"def {name}(" in source_text, f"{rule}: {token} does not exist"
        else:
            assert fnmatch.filter(IDS, token), f"{rule}: no catalogue case matches {token!r}"


def test_every_case_of_a_class_file_is_cited() -> None:
    files = [path for line in _CATALOGUE.findall(TEXT) for path in _TICKED.findall(line)]
    assert files, "no Catalogue: line"
    cited = [token for token in _cited() if not token.startswith("test:")]
    for path in files:
        module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
        uncited = [
            case.id
            for case in module.CASES
            if not any(fnmatch.fnmatchcase(case.id, token) for token in cited)
        ]
        assert not uncited, f"cite these cases of {path} in docs/validation.md: {uncited}"
