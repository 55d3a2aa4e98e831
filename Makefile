# make serve | build | test | check. Needs only Python 3.11 and make: the first run makes .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check clean bench

$(STAMP): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	rm -f $(VENV)/.installed-* && touch $@

serve: $(STAMP)          ## serve the example site at http://127.0.0.1:8000 with live reload
	$(BIN)/mkdocs serve

build: $(STAMP)          ## build the site into site/
	$(BIN)/mkdocs build --strict

test: $(STAMP)           ## run every test
	$(BIN)/python -m pytest

clean:
	rm -rf site .pytest_cache
