# Two commands on a fresh machine: `make demo` (desk with demo data on SQLite) and `make test`.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install demo serve worker test test-fast lint typecheck check messages bench bench-full clean

$(STAMP): pyproject.toml requirements.lock
	@test -n "$(PYTHON)" || { echo "Python >= 3.11 is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# Catalogues are compiled whenever their .po changes (Babel; no system gettext needed).
MO := latitude/locale/de/LC_MESSAGES/django.mo
$(MO): latitude/locale/de/LC_MESSAGES/django.po $(STAMP)
	$(BIN)/latitude compilemessages

install: $(STAMP) $(MO)

demo: install
	$(BIN)/latitude migrate
	$(BIN)/latitude demo --if-empty
	$(BIN)/latitude serve --port $(PORT)

serve: install
	$(BIN)/latitude serve --port $(PORT)

worker: install
	$(BIN)/latitude worker

test: install
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

test-fast: install
	$(BIN)/pytest -n 2 -m "not browser" $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy latitude

check: lint typecheck
	$(BIN)/python -m django makemigrations --check --dry-run --settings=latitude.settings

messages: $(STAMP)
	cd latitude && ../$(BIN)/django-admin makemessages -l de --ignore='tests/*' --ignore='testing/*'
	$(BIN)/latitude compilemessages

bench: $(STAMP)
	$(BIN)/latitude bench --quick

bench-full: $(STAMP)
	$(BIN)/latitude bench --full

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
