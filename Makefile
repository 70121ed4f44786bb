# Gronings model — `make help` lists every target.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export DJANGO_SETTINGS_MODULE := groningenmodel.settings

.PHONY: help setup run demo test lint typecheck test-sqlite test-postgres test-fast messages bench totp clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | column -t -s $$'\t'

$(VENV)/.installed: requirements/dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv==0.13.9
	$(VENV)/bin/uv pip sync --quiet --python $(PY) requirements/dev.txt
	touch $@

setup: $(VENV)/.installed ## create the virtualenv with the pinned dependencies
	$(PY) manage.py compilemessages --ignore=.venv -v0
	$(PY) manage.py migrate --noinput -v0

run: setup ## set up, load demo data and run web server + Celery worker (Ctrl-C stops both)
	$(PY) manage.py demo
	DEBUG=$${DEBUG:-1} $(PY) manage.py serve $${ADDRPORT:-127.0.0.1:8000}

demo: setup ## load the demo municipality (idempotent)
	$(PY) manage.py demo

totp: ## print the current two-factor code of a demo account: make totp EMAIL=...
	@$(PY) manage.py totp_code $(EMAIL)

lint: $(VENV)/.installed ## ruff lint + format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(VENV)/.installed ## mypy with django-stubs
	$(VENV)/bin/mypy .

test-sqlite: setup ## pytest on SQLite with a filesystem-broker Celery worker
	$(PY) -m tests.services sqlite -- $(PY) -m pytest $(PYTEST_ARGS)

test-postgres: setup ## pytest on PostgreSQL + Redis + a real Celery worker (started on loopback)
	$(PY) -m tests.services postgres -- $(PY) -m pytest $(PYTEST_ARGS)

test: lint typecheck test-sqlite test-postgres ## everything: lint, types, SQLite and PostgreSQL suites

messages: $(VENV)/.installed ## update the translation catalogues
	$(PY) manage.py messages_update
	$(PY) manage.py compilemessages --ignore=.venv -v0

bench: setup ## benchmarks side by side with the peer libraries
	$(PY) bench/run.py

clean: ## remove the virtualenv and all local data
	rm -rf $(VENV) .bench-venv var
