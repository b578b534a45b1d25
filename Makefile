# Two commands for a fresh clone:  `make plan`  and  `make test`.
# Both create .venv and install what they need (pip, from PyPI) on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PROGRAM ?= .
PYTEST_ARGS ?= -n 2  # the suite on both cores (pytest-xdist); PYTEST_ARGS= for one process

.PHONY: plan test lint typecheck unit docs bench snapshots clean venv package-check docs-site

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	rm -f $(VENV)/.installed-*
	touch $@

# The `package` and `docs` extras, installed on first use of their targets.
PKG_STAMP  := $(VENV)/.installed-package-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
DOCS_STAMP := $(VENV)/.installed-docs-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

$(PKG_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,package]"
	touch $@

$(DOCS_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,docs]"
	touch $@

## The main job: the offline plan of the default example (no AWS account, no Pulumi CLI).
plan: $(STAMP)
	$(BIN)/fargate-components plan $(PROGRAM)

## Lint, type check and the whole test suite.
test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy fargate_components

unit: $(STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

docs: $(STAMP)
	$(BIN)/python -m tools.update_docs

## Rewrite the example plan snapshots (tests/snapshots); review `git diff tests/snapshots`.
snapshots: $(STAMP)
	$(BIN)/pytest tests/test_snapshots.py --update-snapshots

## Build the wheel + sdist, check them, install the wheel in a fresh venv outside the repo and
## plan every example from there (tools/package_check.sh says each step).
package-check: $(PKG_STAMP)
	bash tools/package_check.sh

## The API reference site, from the docstrings: mkdocs build --strict into site/.
docs-site: $(DOCS_STAMP)
	$(BIN)/mkdocs build --strict

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache dist build site
