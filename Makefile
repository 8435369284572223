# 党务公开 portal — the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test test-postgres services bench lint browsers clean-var check

# Reinstall only when pyproject.toml changes, so re-running is fast.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	@touch $(STAMP)

install: $(STAMP)

run: install
	@mkdir -p var
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py ensure_admin --address http://$(HOST):$(PORT)
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

browsers:
	@bash scripts/ensure_chromium.sh

test: install browsers
	@mkdir -p var
	$(BIN)/python manage.py check --settings=portal.settings.test
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=portal.settings.test -v0
	$(BIN)/ruff check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Needs `make services` (PostgreSQL and Redis on 127.0.0.1) first.
test-postgres: install browsers
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} \
	REDIS_URL=$${REDIS_URL-redis://127.0.0.1:6379/0} \
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Installs (apt-get) and starts PostgreSQL and Redis on 127.0.0.1; safe to re-run.
services:
	@bash scripts/services.sh

bench: install services
	$(BIN)/python -m tests.benchmarks.run

lint: install
	$(BIN)/ruff check .

check: install
	DJANGO_SECRET_KEY=$$(python3 -c 'import secrets;print(secrets.token_urlsafe(60))') \
	DJANGO_ALLOWED_HOSTS=example.org \
	INTEGRITY_KEY=$${INTEGRITY_KEY:-$$(python3 -c 'import secrets;print(secrets.token_hex(32))')} \
	$(BIN)/python manage.py check --deploy --fail-level WARNING --settings=portal.settings.production

clean-var:
	rm -rf var
