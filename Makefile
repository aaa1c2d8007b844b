# Two commands do all setup on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= marsad.duckdb

.PHONY: demo test lint bench clean

$(BIN)/marsad: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

demo: $(BIN)/marsad
	@mkdir -p out
	$(BIN)/marsad code examples/articles.jsonl -o out/examples.events.jsonl
	rm -f $(DB)
	$(BIN)/marsad ingest examples --db $(DB)
	$(BIN)/marsad stats --db $(DB)
	$(BIN)/marsad dyads --db $(DB)

test: $(BIN)/marsad
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/pytest

bench: $(BIN)/marsad
	$(BIN)/python benchmarks/bench_knowledge.py
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/python benchmarks/bench_gazetteer.py

clean:
	rm -rf $(VENV) out $(DB) .pytest_cache .ruff_cache
