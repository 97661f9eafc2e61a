# SCO Records — make install | run | test | lint | format
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint format bench messages

# The interface's translations: each catalog is compiled by Babel (no GNU gettext needed).
CATALOGS := $(wildcard locale/*/LC_MESSAGES/django.po)

install: $(STAMP) .env $(CATALOGS:.po=.mo)

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(STAMP)
	$(BIN)/pybabel -q compile --domain=django --input-file=$< --output-file=$@

# Refresh the catalogs from the code and templates (needs GNU gettext's xgettext).
messages: install
	$(BIN)/python manage.py makemessages --locale=ru --locale=zh_Hans --no-obsolete --add-location=file \
		--ignore=.venv --ignore=assets --ignore=bench --ignore=tests --ignore=staticfiles --ignore=media

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# A local-development .env (debug on, a fresh secret key), never committed.
.env:
	@printf 'DJANGO_DEBUG=1\nDJANGO_SECRET_KEY=%s\n' "$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > .env
	@echo "wrote .env for local development"

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_dataset
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python bench/run.py
