# The README names two targets for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
AS_OF  ?= 2026-11-24

.PHONY: demo test lint typecheck unit install clean bench

$(BIN)/wvp: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet -e ".[dev,pdf]"
	touch $(BIN)/wvp

install: $(BIN)/wvp

demo: install
	$(BIN)/wvp check sample_cases --as-of $(AS_OF) --exclude 'invalid-*'
	$(BIN)/wvp deadlines sample_cases --as-of $(AS_OF) --days 42 --exclude 'invalid-*'
	$(BIN)/wvp timeline 2025-018 --in sample_cases --as-of $(AS_OF)
	@echo ; echo "Zo zien fouten eruit (sample_cases/invalid-*; exitcode 1 is hier de bedoeling):"
	$(BIN)/wvp check sample_cases/invalid-*.yaml --as-of $(AS_OF) ; test $$? -eq 1

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest

test: lint typecheck unit

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache .hypothesis
