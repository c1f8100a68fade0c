# r2pkit: two commands on a fresh machine.
#   make lab   set everything up (.venv) and open JupyterLab on the first notebook
#   make test  set everything up and run every test
# Other targets: make notebooks (re-execute notebooks and store their outputs),
# make data (rebuild the curated datasets from ../shared/reference and publish their hashes),
# make hashes (publish the tables' hashes alone), make bench, make clean,
# make test-browser (JupyterLab and Voilà in a real browser), make app (the app notebooks in Voilà),
# make book (the kit as a static website, offline), make requirements (re-pin binder/requirements.txt),
# make lite (the kit in the browser: a JupyterLite site in build/lite, nothing to install for students).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# JupyterLab refuses to run as root unless told; CI containers run as root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
# The browser tests and the apps also need the `browser` extra (Playwright, Voilà) and Chromium.
BROWSER_STAMP := $(VENV)/.browser-stamp
CHROMIUM      := /usr/bin/chromium
# The notebooks `make app` serves as web apps (tests/browser/test_voila.py reads this line), with
# the kit's Voilà template (share/jupyter/voila/templates/r2pkit: nothing loaded from a CDN).
APP_NOTEBOOKS := notebooks/02_syria_case.ipynb notebooks/01_history.ipynb notebooks/03_duty_bundle.ipynb notebooks/04_resettlement.ipynb notebooks/05_prevention_toolbox.ipynb notebooks/07_syria_and_myanmar.ipynb
APP_PORT      ?= 8866
# Voilà's options for the apps (tests/browser/browser_servers.py reads this line): the kit's template,
# and no JupyterLab extension of Jupytext (it is for editing; in Voilà it fails to load, with an error).
VOILA_ARGS    := --VoilaConfiguration.template=r2pkit --VoilaConfiguration.extension_denylist=jupyterlab-jupytext

.PHONY: setup sandbox lab test test-browser test-hub app notebooks data hashes bench clean book requirements

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "r2pkit needs Python 3.11 or newer; this is " + sys.version.split()[0] + ". Run: make PYTHON=python3.11 ...")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)
	@echo "r2pkit is installed in $(VENV)."

# JupyterLab opens on notebook 00 (the URL it prints goes straight there), and its file browser
# shows what a student uses (notebooks, exercises, datasets, README): the notebooks' paired .py
# text files and the developers' folders and files are hidden from it (still on disk).
LAB_START  := notebooks/00_start_here.ipynb
LAB_HIDDEN := ['__pycache__','*.pyc','*.py','*.egg-info','.*','r2pkit','tests','tools','benchmarks','binder','book','build','share','node_modules','test-output','Makefile','pyproject.toml','jupytext.toml','CITATION.cff','appendix.example.yaml','LICENSE']
LAB_ARGS   ?=
lab: setup
	$(BIN)/jupyter lab --no-browser $(ROOT_FLAG) --ServerApp.root_dir="$(CURDIR)" \
	  --LabApp.default_url=/lab/tree/$(LAB_START) "--ContentsManager.hide_globs=$(LAB_HIDDEN)" $(LAB_ARGS)

test: setup sandbox
	$(BIN)/python -m pytest

# The grader's sandbox, bubblewrap (Debian package bubblewrap): installed when run as root,
# as in CI; otherwise say how. The grading tests need it and fail without it.
sandbox:
	@if ! command -v bwrap >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing bubblewrap (Debian package bubblewrap) for the grader's sandbox."; \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q bubblewrap || exit 1; \
	  else \
	    echo "NOTE: grading (and its tests) needs bubblewrap. Install it: sudo apt-get install -y bubblewrap"; \
	  fi; \
	fi

$(BROWSER_STAMP): $(STAMP) tests/browser/package-lock.json
	$(BIN)/python -m pip install --quiet -e ".[test,browser]"
	@command -v npm >/dev/null || if [ "$$(id -u)" = 0 ]; then \
	  echo "Installing npm (Debian package npm) for axe-core, the browser tests' accessibility audit."; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm; \
	else echo "The browser tests need npm for axe-core (the accessibility audit): sudo apt-get install -y npm"; exit 1; fi
	npm ci --prefix tests/browser --no-audit --no-fund --silent
	@touch $(BROWSER_STAMP)

# Every notebook and exercise in JupyterLab, and the apps in Voilà, driven in Debian's Chromium
# by Playwright (never `playwright install`: it downloads a browser). Screenshots of the last page
# of each test go to test-output/browser/. Not part of make test (a few minutes).
test-browser: $(BROWSER_STAMP)
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Chromium (Debian package chromium) for the browser tests."; \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium || exit 1; \
	  else \
	    echo "SKIPPED: the browser tests need Chromium at $(CHROMIUM), which is not installed."; \
	    echo "Install it with: sudo apt-get install -y chromium   (Debian/Ubuntu), then run: make test-browser"; \
	    exit 0; \
	  fi; \
	fi; \
	R2PKIT_BROWSER=1 R2PKIT_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest tests/browser -v -rs --durations=0

# A seminar on a real JupyterHub (tests/hub/): the hub on 127.0.0.1 with its proxy
# (configurable-http-proxy, from npm, into build/hub-node/), two students log in in Chromium, pull
# the course with an nbgitpuller link, answer an exercise; the instructor collects, grades and
# exports. Needs Node.js/npm and Chromium (installed with apt-get when run as root). A few minutes.
HUB_STAMP := $(VENV)/.hub-stamp
CHP       := build/hub-node/node_modules/.bin/configurable-http-proxy

$(HUB_STAMP): $(BROWSER_STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,browser,hub]"
	@touch $(HUB_STAMP)

$(CHP):
	@if ! command -v npm >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm || exit 1; \
	  else \
	    echo "make test-hub needs npm (Node.js): sudo apt-get install -y nodejs npm"; exit 1; \
	  fi; \
	fi
	npm install --prefix build/hub-node --no-audit --no-fund --loglevel=error configurable-http-proxy@5

test-hub: $(HUB_STAMP) $(CHP)
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium || exit 1; \
	  else \
	    echo "make test-hub needs Chromium at $(CHROMIUM): sudo apt-get install -y chromium"; exit 1; \
	  fi; \
	fi
	R2PKIT_HUB=1 R2PKIT_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest tests/hub -v -rs -p no:randomly --durations=0

# The app notebooks as web pages (Voilà: outputs and widgets, no code), on this machine only.
app: $(BROWSER_STAMP)
	@echo "Voilà serves the kit's apps; open in your browser:"
	@$(foreach nb,$(APP_NOTEBOOKS),echo "  http://127.0.0.1:$(APP_PORT)/voila/render/$(nb)";)
	@echo "Stop it with Ctrl+C."
	JUPYTER_PATH="$(CURDIR)/share/jupyter" $(BIN)/voila --no-browser --Voila.ip=127.0.0.1 --port=$(APP_PORT) \
	  --Voila.root_dir="$(CURDIR)" $(VOILA_ARGS)

# The .py files (jupytext percent format) are the source of truth for notebook text;
# this rebuilds each .ipynb from its .py and stores fresh outputs for nbval.
notebooks: setup
	$(BIN)/python tools/refresh_notebooks.py

# Maintainer step: rebuild the curated CSVs from ../shared/reference (not needed to use the kit).
data: setup
	$(BIN)/python tools/build_un_datasets.py
	$(BIN)/python tools/build_displacement_datasets.py
	$(BIN)/python tools/build_resettlement_datasets.py
	$(BIN)/python tools/build_crisis_datasets.py
	$(BIN)/python tools/refresh_hashes.py

# Maintainer step: publish each table's SHA-256 and size in datasets/datapackage.json after a
# deliberate change (load and validate report any other change as an edit since the release).
hashes: setup
	$(BIN)/python tools/refresh_hashes.py

# Performance figures, measured as ratios in one run (not part of make test).
bench: setup
	$(BIN)/python benchmarks/run_all.py $(BENCH_ARGS)

# The kit as a static website (Jupyter Book 1.x, the `book` extra, installed by setup through the
# `test` extra): notebooks with their stored outputs and the student exercises, no execution, no
# network; any warning fails the build. Open build/book/html/index.html. tests/test_book.py builds it too.
book: setup
	$(BIN)/python tools/build_book.py --out build/book

# The kit as a JupyterLite site (JupyterLab and Python in the browser) in build/lite: pinned
# downloads from PyPI and npm, each checked against its hash, kept in build/cache-lite.
.PHONY: lite test-lite
lite: setup
	$(BIN)/python tools/build_lite.py --out build/lite

# Build the site and use it in Chromium served from 127.0.0.1 (notebook 00, notebook 02 and an
# exercise: run all, charts, widgets, an answer kept after reloading, graded; nothing may leave
# 127.0.0.1). Figures in test-output/lite/metrics.json. A few minutes; needs Chromium as test-browser.
test-lite: $(BROWSER_STAMP)
	@test -x $(CHROMIUM) || { [ "$$(id -u)" = 0 ] && apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; } || { echo "test-lite needs Chromium at $(CHROMIUM): sudo apt-get install -y chromium"; exit 1; }
	R2PKIT_LITE=1 R2PKIT_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest tests/lite -v -rs -p no:randomly --durations=0

# Maintainer step: pin binder/requirements.txt (Binder, repo2docker, JupyterHub images) from
# pyproject's dependencies with pip-compile; tests/test_packaging.py checks they agree.
requirements: setup
	$(BIN)/python -m pip install --quiet -e ".[maintainer]"
	$(BIN)/python tools/pin_requirements.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
