# 党务公开 portal — the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test test-plugins-off test-postgres test-elasticsearch test-api services elasticsearch \
	elasticsearch-stop bench lint browsers clean-var check serve serve-stop test-frontcache

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
	@bash scripts/ensure_axe.sh

test: install browsers
	@mkdir -p var
	$(BIN)/python manage.py check --settings=portal.settings.test
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=portal.settings.test -v0
	$(BIN)/ruff check .
	ELASTICSEARCH_URL=$${ELASTICSEARCH_URL-$$(bash scripts/elasticsearch.sh ensure)} \
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The suite with every plugin switched off (the core alone), or with only the plugins
# PLUGINS names: `make test-plugins-off PLUGINS=cases,meetings,reviews` switches
# commitments off. Tests that need a plugin that is off are skipped, naming it. SQLite and
# local-memory caches whatever the environment says; no benchmarks, no browser tests (the
# core's pages without plugins are booted by tests/plugins/test_plugins_disabled.py), no
# Elasticsearch.
PLUGINS ?=
test-plugins-off: install
	env -u DATABASE_URL -u REDIS_URL -u ELASTICSEARCH_URL PORTAL_PLUGINS=$(PLUGINS) \
	$(BIN)/python -m pytest --ignore=tests/benchmarks --ignore=tests/e2e $(PYTEST_ARGS)

# Needs `make services` (PostgreSQL and Redis on 127.0.0.1) first.
test-postgres: install browsers
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} \
	REDIS_URL=$${REDIS_URL-redis://127.0.0.1:6379/0} \
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The JSON endpoints against their OpenAPI description (portal/openapi.yaml) with
# schemathesis, on a throw-away demo site served on 127.0.0.1:$(API_PORT) (default 8231).
test-api: install
	@bash scripts/api_check.sh

# Installs (apt-get) and starts PostgreSQL and Redis on 127.0.0.1; safe to re-run.
services:
	@bash scripts/services.sh

# A local Elasticsearch 8 node on 127.0.0.1:9200 (development and tests only), built from
# Maven Central; prints ELASTICSEARCH_URL=... once the cluster is green.
elasticsearch:
	@bash scripts/elasticsearch.sh start

elasticsearch-stop:
	@bash scripts/elasticsearch.sh stop

# The search and scope tests on Elasticsearch (starting the node), on whatever database
# DATABASE_URL names.
SEARCH_TESTS := tests/search tests/pages/test_scope_channels.py tests/security/test_scope_plugins.py
test-elasticsearch: install
	@url=$$(bash scripts/elasticsearch.sh start | sed -n 's/^ELASTICSEARCH_URL=//p'); \
	test -n "$$url" || { echo "!!! no Elasticsearch node could be started" >&2; exit 1; }; \
	echo "ELASTICSEARCH_URL=$$url"; \
	ELASTICSEARCH_URL=$$url $(BIN)/python -m pytest $(SEARCH_TESTS) $(PYTEST_ARGS)

# Production-like: Varnish on 127.0.0.1:$(SERVE_PORT) in front of gunicorn (production
# settings, port+1) with Redis; `make serve-stop` stops it. PORT=8101 to move it.
SERVE_PORT ?= $(if $(filter command line,$(origin PORT)),$(PORT),8080)
serve: install
	@HOST=$(HOST) PORT=$(SERVE_PORT) bash scripts/serve.sh start

serve-stop:
	@HOST=$(HOST) PORT=$(SERVE_PORT) bash scripts/serve.sh stop

# The front cache end to end (Varnish installed with apt-get if missing), after `make services`.
test-frontcache: install
	@bash scripts/frontcache.sh install
	REDIS_URL=$${REDIS_URL-redis://127.0.0.1:6379/0} \
	$(BIN)/python -m pytest tests/frontcache $(PYTEST_ARGS)

bench: install services
	@bash scripts/frontcache.sh install
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
