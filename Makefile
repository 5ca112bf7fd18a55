# The two commands a new user needs (see README):
#   make demo   - create .venv, install newsgraph, run it on the built-in sample corpus
#   make test   - create .venv, install newsgraph with test tools, run ruff, mypy and the test suite
# and, for maintainers:
#   make bench  - run every benchmark and rewrite BENCHMARKS.md
#   make train  - retrain the learned event model (src/newsgraph/events/data/event_typing_minilm.npz)
#   make assets - npm ci in frontend/ and copy the web vendor files (see README, Test services)
#   make system-deps - as root: apt-get the test services' Debian packages when missing

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test bench train install assets system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[web,test,bench,ml]'
	touch $(STAMP)

install: $(STAMP) assets

assets: $(STAMP)
	$(PY) tools/build_assets.py

system-deps:
	@bash .ci/system_deps.sh

demo: $(STAMP)
	$(VENV)/bin/newsgraph demo

test: $(STAMP) system-deps assets
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/mypy
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) benchmarks/run.py

train: $(STAMP)
	$(PY) -m pip install --quiet -e '.[ml-train]'
	$(PY) -m newsgraph.events.train

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info frontend/node_modules src/newsgraph/web/static/vendor
