# runmech — two commands are the contract:
#   make lab    set everything up (first time) and open JupyterLab at the start notebook
#   make test   set everything up and run every test (unit, notebooks, browser)
# Other targets: make clinic, make bench, make clean. Nothing here needs a browser except the browser tests.

SHELL  := /bin/bash
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8888
CLINIC_PORT ?= 8866
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help fork lock lab test test-unit test-robustness test-notebooks test-browser test-deploy clinic bench browser clean
.DEFAULT_GOAL := help

help:
	@echo "make lab      set up .venv and open JupyterLab at notebooks/00_start_here.ipynb (127.0.0.1:$(PORT))"
	@echo "make test     set up .venv with the test tools and run unit, robustness, notebook and browser tests"
	@echo "make clinic   serve the code-free dashboards with Voila on 127.0.0.1:$(CLINIC_PORT)"
	@echo "make bench    run the speed benchmarks"
	@echo "make lock     regenerate the lock (binder/requirements.txt) from pyproject.toml"
	@echo "make fork REPO=owner/name   point the Binder badge, links and pyproject URLs at your fork"
	@echo "make clean    remove .venv and test artefacts"

# --- the environment -------------------------------------------------------------------------------------------
# The virtual environment is made once; each install step leaves a stamp that is newer than what it installed from,
# so a second run reuses everything and reinstalls only when pyproject.toml, the lock or runmech's Jupyter files
# changed. Sources are installed editable. Versions come from the lock (binder/requirements.txt, the same one Binder
# installs): `make lab` and `make test` hold every locked package at its locked version.
# uv installs when it is there (on PATH, or put into .venv with pip, a few seconds); pip is the fallback.
LOCK      := binder/requirements.txt
JUPYTER_FILES := $(shell find src/runmech/share -type f -not -path '*/__pycache__/*' 2>/dev/null)
UV_ON_PATH := $(shell command -v uv 2>/dev/null)
CHP_VERSION := 5.3.0
CHP       := $(VENV)/node/node_modules/.bin/configurable-http-proxy
export RUNMECH_CHP := $(abspath $(CHP))

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { \
	  echo "runmech: '$(PYTHON)' was not found. Install Python 3.10 or newer (Debian: sudo apt-get install python3)."; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' || { \
	  echo "runmech: Python 3.10 or newer is needed; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)."; exit 1; }
	@$(PYTHON) -m venv $(VENV) >/dev/null 2>&1 || { rm -rf $(VENV); \
	  echo "runmech: could not create the virtual environment $(VENV) (the venv module or ensurepip is missing)."; \
	  echo "         On Debian or Ubuntu: sudo apt-get install python3-venv   then run the make command again."; exit 1; }
	@echo "runmech: created $(VENV)"

# the installer: uv if it is on PATH or pip can put it into .venv; otherwise pip itself (with the lock's hashes
# stripped, since pip cannot take hashes in a constraints file)
$(VENV)/.installer: | $(BIN)/python
	@if [ -n "$(UV_ON_PATH)" ]; then echo "$(UV_ON_PATH)" > $@; \
	elif [ "$(RUNMECH_NO_UV)" != "1" ] && $(PIP) install uv >/dev/null 2>&1; then echo "$(abspath $(BIN))/uv" > $@; \
	else $(PIP) install --upgrade pip >/dev/null; echo pip > $@; fi
	@echo "runmech: installing with $$(cat $@)"

# install(spec, options for uv): one recipe for both stamps, with uv or pip (pip always reinstalls an editable)
define install
	@if [ "$$(cat $(VENV)/.installer)" = pip ]; then \
	  sed -e '/^ *--hash=/d' -e 's/ \\$$//' $(LOCK) > $(VENV)/constraints.txt && \
	  $(PIP) install -c $(VENV)/constraints.txt -e "$(1)"; \
	else "$$(cat $(VENV)/.installer)" pip install -q --python $(BIN)/python -c $(LOCK) $(2) -e "$(1)"; fi
endef

$(VENV)/.stamp-lab: pyproject.toml $(LOCK) $(JUPYTER_FILES) | $(VENV)/.installer
	@echo "runmech: installing runmech and the notebook tools into $(VENV) (versions from $(LOCK))"
	$(call install,.,--reinstall-package runmech)
	@touch $@

$(VENV)/.stamp-test: pyproject.toml $(LOCK) $(VENV)/.stamp-lab
	@echo "runmech: installing the test tools into $(VENV)"
	$(call install,.[test],)
	@command -v npm >/dev/null 2>&1 || { echo "runmech: the JupyterHub test needs node and npm (configurable-http-proxy)."; \
	  echo "         On Debian or Ubuntu: sudo apt-get install nodejs npm   (then run 'make test' again)"; exit 1; }
	@npm install --silent --no-audit --no-fund --prefix $(VENV)/node configurable-http-proxy@$(CHP_VERSION) >/dev/null
	@touch $@

# The lock: every package Binder and `make` install, at one version each with its hashes, for every Python runmech
# supports. Regenerate it after changing the dependencies in pyproject.toml (tests/unit/test_lock.py fails until then).
lock: $(VENV)/.stamp-test
	@$(BIN)/uv pip compile pyproject.toml --extra binder --universal --generate-hashes --python-version 3.10 -q \
	  --custom-compile-command "make lock" -o $(LOCK)
	@echo "runmech: wrote $(LOCK)"

# The repository's GitHub name lives in one place, pyproject.toml's Source URL; the README's Binder badge and links
# and the Documentation URL repeat it (tests/unit/test_repository_name.py checks they agree). A fork runs
# `make fork REPO=owner/name` once, which rewrites every copy.
fork:
	@[ -n "$(REPO)" ] && echo "$(REPO)" | grep -Eq '^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$$' || { \
	  echo "runmech: REPO must be your fork's GitHub owner/name, e.g. make fork REPO=ana/runmech; got '$(REPO)'"; exit 1; }
	@old=$$(sed -n 's|^Source = "https://github.com/\([^"]*\)"|\1|p' pyproject.toml); \
	  sed -i "s|github.com/$$old|github.com/$(REPO)|g; s|/gh/$$old/|/gh/$(REPO)/|g" pyproject.toml README.md && \
	  echo "runmech: $$old -> $(REPO) in pyproject.toml and README.md"

# --- the browser the browser tests drive ------------------------------------------------------------------------
# Debian's chromium, driven by the Python playwright package through executable_path (never 'playwright install').
browser:
	@if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "runmech: installing Debian's chromium for the browser tests"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null \
	  || { echo "runmech: apt-get could not install chromium"; exit 1; }; \
	else \
	  echo "runmech: the browser tests need Chromium and it is not installed."; \
	  echo "         On Debian or Ubuntu: sudo apt-get install chromium   (then run 'make test' again)"; \
	  exit 1; \
	fi

# --- the two commands -------------------------------------------------------------------------------------------
lab: $(VENV)/.stamp-lab
	@$(BIN)/runmech lab --port $(PORT)

test: $(VENV)/.stamp-test browser
	@$(MAKE) --no-print-directory --keep-going test-unit test-robustness test-notebooks test-browser test-deploy

test-unit: $(VENV)/.stamp-test
	@echo "== import layers (import-linter contracts in pyproject.toml)"
	@$(BIN)/lint-imports --no-cache
	@echo "== unit tests"
	@$(BIN)/python -m pytest tests/unit -q -p no:cacheprovider

# Every public callable and runmech command with hostile values (Hypothesis, seeded), the handout's file cases, the
# servers with foreign Host headers; prints the outcome counts and every allow-listed finding
# (tests/robustness/known_findings.txt).
test-robustness: $(VENV)/.stamp-test
	@echo "== robustness: hostile values for every public callable and command; foreign Host headers for the servers"
	@$(BIN)/python -m pytest tests/robustness -q -p no:cacheprovider

test-notebooks: $(VENV)/.stamp-test
	@echo "== notebook tests: committed clean, then every notebook executed on a fresh kernel and run again by nbval,"
	@echo "   whose outputs must match the first run (ids masked by tests/notebooks/sanitize.cfg)"
	@$(BIN)/python -m pytest tests/notebooks -q -p no:cacheprovider
	@rm -rf test-artifacts/executed-notebooks
	@$(BIN)/python tests/notebooks/execute.py notebooks test-artifacts/executed-notebooks
	@$(BIN)/python -m pytest --nbval --nbval-current-env --nbval-cell-timeout=300 -n 2 --dist loadfile \
	  --nbval-sanitize-with tests/notebooks/sanitize.cfg -q -p no:cacheprovider test-artifacts/executed-notebooks

test-browser: $(VENV)/.stamp-test browser
	@echo "== browser tests (JupyterLab and Voila in headless Chromium)"
	@$(BIN)/python -m pytest tests/browser -q -p no:cacheprovider

test-deploy: $(VENV)/.stamp-test
	@echo "== deploy tests (the workshop JupyterHub recipe with ten participants on loopback)"
	@$(BIN)/python -m pytest tests/deploy -q -p no:cacheprovider -s

clinic: $(VENV)/.stamp-lab
	@$(BIN)/runmech clinic --port $(CLINIC_PORT)

bench: $(VENV)/.stamp-test browser
	@$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) test-artifacts bench-results .pytest_cache
