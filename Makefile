# Praxis: `make run` serves the demo forum, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
HOST ?= 127.0.0.1
FLASK := $(BIN)/flask --app wsgi
PYTEST_ARGS ?=

.PHONY: install run test test-postgres migration clean-instance

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

forum/static/vendor/.installed: node_modules/.installed
	mkdir -p forum/static/vendor
	cp node_modules/socket.io-client/dist/socket.io.min.js forum/static/vendor/
	touch $@

install: $(VENV)/.installed forum/static/vendor/.installed

run: install
	$(FLASK) db upgrade
	$(FLASK) seed-demo
	$(FLASK) run --host $(HOST) --port $(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The suite against PostgreSQL (TEST_DATABASE_URL defaults to the local `test` database).
test-postgres: install
	TEST_DATABASE_URL=$${TEST_DATABASE_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test} \
		$(BIN)/python -m pytest -m "not browser" $(PYTEST_ARGS)

# Regenerate the initial schema migration from the models (before the first release only).
migration: install
	bash scripts/regen-migration.sh
