# r2pkit: two commands on a fresh machine.
#   make lab   set everything up (.venv) and open JupyterLab on the first notebook
#   make test  set everything up and run every test
# Other targets: make notebooks (re-execute notebooks and store their outputs),
# make data (rebuild the curated datasets from ../shared/reference), make bench, make clean.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# JupyterLab refuses to run as root unless told; CI containers run as root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: setup lab test notebooks data bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "r2pkit needs Python 3.11 or newer; this is " + sys.version.split()[0] + ". Run: make PYTHON=python3.11 ...")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)
	@echo "r2pkit is installed in $(VENV)."

lab: setup
	$(BIN)/jupyter lab --no-browser $(ROOT_FLAG) --ServerApp.root_dir="$(CURDIR)" notebooks/00_start_here.ipynb

test: setup
	$(BIN)/python -m pytest

# The .py files (jupytext percent format) are the source of truth for notebook text;
# this rebuilds each .ipynb from its .py and stores fresh outputs for nbval.
notebooks: setup
	$(BIN)/python tools/refresh_notebooks.py

# Maintainer step: rebuild the curated CSVs from ../shared/reference (not needed to use the kit).
data: setup
	$(BIN)/python tools/build_un_datasets.py
	$(BIN)/python tools/build_displacement_datasets.py

# Performance figures, measured as ratios in one run (not part of make test).
bench: setup
	$(BIN)/python benchmarks/bench_grading.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
