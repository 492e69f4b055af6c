# make run: install what is needed, then start the window on the local replica.
# make test: install what is needed, then run the whole test suite.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck bench screenshot wheel-check system-deps clean

run: system-deps $(STAMP)
	$(BIN)/ka-explorer $(ARGS)

test: system-deps $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check ka_explorer tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

bench: system-deps $(STAMP)
	$(BIN)/python -m bench.run_all

screenshot: system-deps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/ka-explorer --open /api/v1/badges \
		--screenshot docs/screenshot.png

wheel-check: $(STAMP)
	$(BIN)/python -m pytest tests/unit/test_packaging.py

system-deps:
	@./.ci/system-deps

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or newer is required ($(PYTHON) is older)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache
