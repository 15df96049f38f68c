# The documented commands. `make run` and `make test` are the README's first two commands.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run setup install lock migrate demo test test-postgres test-browser test-elasticsearch test-all lint format bench messages clean

run: setup
	@echo "Starter demo på http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

setup: install migrate demo

# Installs exactly the versions in requirements.lock (with their hashes), then the project itself.
$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet --require-hashes -r requirements.lock
	$(PIP) install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed

# Re-resolves the pins after a change to the dependencies in pyproject.toml (uv, from PyPI).
lock:
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 \
		--python-platform x86_64-unknown-linux-gnu --generate-hashes --quiet -o requirements.lock

migrate: install
	$(PY) manage.py migrate --no-input -v 0

demo: migrate
	$(PY) manage.py load_demo

test: install
	$(PY) -m pytest -m "not postgres and not elasticsearch and not browser" $(PYTEST_ARGS)

test-postgres: install
	bash .ci/postgres.sh
	bash .ci/redis.sh
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/1} \
	DATABASE_URL=$${DATABASE_URL:-postgres://pasientforlop:pasientforlop@127.0.0.1:5432/pasientforlop} \
		$(PY) -m pytest -m "not elasticsearch and not browser" $(PYTEST_ARGS)

test-browser: install
	bash .ci/browser.sh
	$(PY) -m pytest -m browser $(PYTEST_ARGS)

test-elasticsearch: install
	bash .ci/elasticsearch.sh start
	ELASTICSEARCH_URL=$${ELASTICSEARCH_URL:-http://127.0.0.1:9200} \
		$(PY) -m pytest -m elasticsearch $(PYTEST_ARGS)

test-all: test test-postgres test-browser

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install
	for name in pages analysis pipeline search; do $(PY) -m bench $$name || exit 1; done

messages: install
	PY=$(PY) bash scripts/update_translations.sh

clean:
	rm -rf db.sqlite3 var media staticfiles
