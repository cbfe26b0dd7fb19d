# brinkwatch — the targets CI and newcomers run. `make run` and `make test` set everything up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
BENCH  ?= ../shared/bench
EXTRAS ?= dev,model

.PHONY: setup run test lint format bench eval docs clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[$(EXTRAS)]"
	touch $(STAMP)

run: setup
	$(BIN)/brinkwatch ingest examples/storyline/
	$(BIN)/brinkwatch summary

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

format: setup
	$(BIN)/ruff check --fix src tests benchmarks
	$(BIN)/ruff format src tests benchmarks

bench: setup
	$(BIN)/python benchmarks/throughput.py

eval: setup
	$(BIN)/brinkwatch eval plover-gsr $(BENCH)/plover-gsr
	$(BIN)/brinkwatch eval polnear $(BENCH)/polnear
	$(BIN)/brinkwatch eval te3 $(BENCH)/te3
	$(BIN)/brinkwatch eval tr-news $(BENCH)/tr-news

docs: setup
	$(BIN)/python -m brinkwatch.reference > docs/reference.md
	$(BIN)/brinkwatch schema > src/brinkwatch/schema/record.schema.json

clean:
	rm -rf $(VENV) brinkwatch.db brinkwatch.db-wal brinkwatch.db-shm .pytest_cache .mypy_cache .ruff_cache
