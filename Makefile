# editorial: two commands do all set-up. `make run` serves the desk; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed

.PHONY: run test test-sqlite test-postgres lint format browser-deps fixtures migrate demo clean bench bench-deps loadtest loadtest-single

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

migrate: $(STAMP)
	$(PY) manage.py migrate --noinput

# The checks run once over the shipped corpus, so a newcomer's first visit shows what
# they find; a second run proposes nothing it proposed before.
demo: migrate
	$(PY) manage.py load_fixtures
	$(PY) manage.py ensure_demo_accounts
	$(PY) manage.py check_sources --reason "Checks over the shipped corpus"

# The server and a task worker (db_worker, every queue) together; Ctrl-C stops both.
run: demo
	PY=$(PY) bin/serve

# Debian's chromium for the browser tests; Playwright never downloads a browser here.
# axe-core (pinned in package.json and package-lock.json) from the npm registry, for
# the accessibility test; npm ci installs exactly the locked version into node_modules/.
browser-deps: node_modules/.installed
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; }

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { \
	  echo "Installing Debian's npm for axe-core"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# ruff, the import contracts in pyproject.toml, and no module over 400 lines.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	.ci/line-count

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test-sqlite: $(STAMP) browser-deps
	$(PY) manage.py makemigrations --check --dry-run
	env -u DATABASE_URL $(BIN)/pytest

# The same suite on a throwaway PostgreSQL 15 server (started and removed by the script).
test-postgres: $(STAMP) browser-deps
	.ci/with-postgres $(BIN)/pytest

test: lint test-sqlite test-postgres

# Rebuild fixtures/ from fixtures/seeds/ (the reference data from fixtures/seeds/reference/) in a throwaway
# database, written by export_fixtures (the shipped files are never edited by hand).
# The checks do not run on the seed import: the shipped demo holds what editors wrote,
# not what the checks propose.
fixtures: $(STAMP)
	tmp=$$(mktemp -d) && SQLITE_PATH=$$tmp/db.sqlite3 $(PY) manage.py migrate -v0 \
	  && EDITORIAL_CHECK_AFTER_IMPORT=0 SQLITE_PATH=$$tmp/db.sqlite3 $(PY) manage.py build_demo_fixtures \
	  && SQLITE_PATH=$$tmp/db.sqlite3 $(PY) manage.py export_fixtures --output fixtures; rm -rf $$tmp

# Benchmarks (not part of make test): the issue's six on SQLite, then on a throwaway
# PostgreSQL, then the load tests. BENCH_SCALE=0.05 for a quick run. Results in
# tests/benchmarks/results/.
BENCH_SCALE ?= 1
BENCH_RUNS ?= 15
# Installed once (a stamp, as for the venv): a load test downloads nothing when it runs.
BENCH_STAMP := $(VENV)/.bench-installed
bench-deps: $(BENCH_STAMP)

$(BENCH_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet -e ".[test,bench]"
	touch $(BENCH_STAMP)

# browser-deps: the reader's Chromium benchmark (tests/benchmarks/browser.py) needs chromium.
bench: bench-deps browser-deps
	env -u DATABASE_URL $(PY) -m tests.benchmarks.run --scale $(BENCH_SCALE) --runs $(BENCH_RUNS)
	.ci/with-postgres $(PY) -m tests.benchmarks.run --scale $(BENCH_SCALE) --runs $(BENCH_RUNS) --only reader,write,lists,search,export
	$(MAKE) loadtest

# The scaled-out desk under load: nginx, two gunicorn app servers, PostgreSQL 15, Redis
# and one task worker on loopback (Debian's packages installed when missing); 50 then 200
# editors for 60 s, then 200 again with one app server stopped halfway
# (tests/benchmarks/topology.py; results in tests/benchmarks/results/topology-*.json).
loadtest: bench-deps
	.ci/with-postgres .ci/with-redis $(PY) -m tests.benchmarks.topology --users 50,200 --stop-run 200 --seconds 60

# One gunicorn + locust on loopback: 50 editors for 60 s on PostgreSQL, then on SQLite
# with 1, 2 and 4 workers to show where it stops scaling.
loadtest-single: bench-deps
	.ci/with-postgres $(PY) -m tests.benchmarks.loadtest --workers 4 --users 50 --seconds 60
	for workers in 1 2 4; do \
	  env -u DATABASE_URL $(PY) -m tests.benchmarks.loadtest --workers $$workers --users 50 --seconds 60 || exit 1; \
	done

clean:
	rm -rf $(VENV) staticfiles test-artifacts .pytest_cache node_modules
