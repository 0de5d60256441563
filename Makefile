# storyline — two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DB     ?= storyline.db

.PHONY: install demo test lint serve bench bench-ingest bench-text bench-cluster bench-summary bench-facts bench-web clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	touch $(STAMP)

install: $(STAMP)

## Ingest the bundled example (five seed reports) into $(DB) and print its digest.
demo: install
	$(BIN)/storyline --db $(DB) digest examples/sochi

## Run the whole test suite (unit, CLI, store, HTTP, browser, quality gates).
test: install
	$(BIN)/python -m pytest -n 2 -q

lint: install
	$(BIN)/ruff check storyline tests benchmarks

serve: install
	$(BIN)/storyline --db $(DB) serve

bench-ingest: install
	$(BIN)/python -m benchmarks.bench_ingest

bench-text: install
	$(BIN)/python -m benchmarks.bench_text

bench-cluster: install
	$(BIN)/python -m benchmarks.bench_cluster

bench-summary: install
	$(BIN)/python -m benchmarks.bench_summary

bench-facts: install
	$(BIN)/python -m benchmarks.bench_facts

bench-web: install
	$(BIN)/python -m benchmarks.bench_web

bench: bench-ingest bench-text bench-cluster bench-summary bench-facts bench-web

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache test-artifacts
