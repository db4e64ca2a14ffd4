# Quick start:  make packs  (set up, then build every bundled lesson into build/)
#               make test   (set up, then run the whole test suite)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: packs test wheel fuzz setup system-deps test-deps lint clean

packs: setup
	$(BIN)/safepacks build

test: setup test-deps
	$(BIN)/python -m pytest

fuzz: setup  # the fuzz properties, about 5,000 examples each (several minutes); crashers go in tests/data/fuzz/
	HYPOTHESIS_PROFILE=deep $(BIN)/python -m pytest tests/test_fuzz.py -q

wheel: setup
	$(BIN)/python -m pip wheel --no-deps --quiet --wheel-dir dist .
	@ls dist/safepacks-*.whl

setup: system-deps $(INSTALLED)

system-deps:
	@bash scripts/system-deps

test-deps:
	@bash scripts/system-deps --test

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

lint: setup
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

clean:
	rm -rf build dist $(VENV)
