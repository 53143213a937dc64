# STINet: `make demo` installs and starts the portal with demo data; `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: demo run test test-sqlite test-postgres lint bench browser-deps

$(BIN)/stinet: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test]"
	touch $@

demo: $(BIN)/stinet  ## install, build the demo network (first run only) and serve it
	$(BIN)/stinet demo --port $(PORT)

run: $(BIN)/stinet  ## serve the existing catalogue
	$(BIN)/stinet serve --port $(PORT)

browser-deps:  ## Debian packages the tests use: Chromium (Playwright drives it), Tesseract with Vietnamese, fonts
	@command -v chromium >/dev/null 2>&1 && command -v tesseract >/dev/null 2>&1 && [ -d /usr/share/fonts/truetype/dejavu ] || \
	  (apt-get update -qq && apt-get install -y -qq chromium tesseract-ocr tesseract-ocr-vie fonts-dejavu-core >/dev/null)

lint: $(BIN)/stinet
	$(BIN)/ruff check src tests bench scripts

test-sqlite: $(BIN)/stinet browser-deps
	$(BIN)/pytest -q

test-postgres: $(BIN)/stinet
	$(BIN)/python scripts/with_postgres.py -- $(BIN)/pytest -q -m "not browser" -p no:cacheprovider

test-postgres-tantivy: $(BIN)/stinet  ## the embedded engine beside PostgreSQL (README: large networks)
	STINET_SEARCH_BACKEND=tantivy $(BIN)/python scripts/with_postgres.py -- $(BIN)/pytest -q -m "not browser" -p no:cacheprovider

test: lint test-sqlite test-postgres test-postgres-tantivy  ## everything CI runs

bench: $(BIN)/stinet  ## every benchmark at its default size (search 100k, OAI 100k, harvest 100k, dedup)
	$(BIN)/python bench/search.py --backend both
	$(BIN)/python bench/oai.py
	$(BIN)/python bench/harvest.py
	$(BIN)/python bench/dedup.py
