# make serve | build | test | check | measure. Needs only Python 3.11 and make: the first run makes .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

# Browser tests (tests/browser/) inject axe-core from the npm package pinned in
# tests/browser/package-lock.json. Without npm they skip loudly (and fail under CI=true); Chromium
# comes from apt (.ci/run installs it as root). Lighthouse, for make measure, has its own folder.
AXE := tests/browser/node_modules/axe-core/axe.min.js
LIGHTHOUSE := tests/browser/lighthouse/node_modules/.bin/lighthouse
NPM_CI := npm ci --no-audit --no-fund --loglevel=error --prefix

.PHONY: serve build test check clean bench

$(STAMP): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	rm -f $(VENV)/.installed-* && touch $@

# MkDocs reads mkdocs.yml before any hook runs, and stops at some mistakes in it (an impossible
# date without quotes) with a Python error and no line: serve and build check the settings first.
serve: $(STAMP)          ## serve the example site at http://127.0.0.1:8000 with live reload
	@$(CLI) check --settings
	$(BIN)/mkdocs serve --dirty

build: $(STAMP)          ## build the site into site/
	@$(CLI) check --settings
	$(BIN)/mkdocs build --strict

# make edit: the site and its web editor at http://127.0.0.1:8000/admin/, saving into this working
# tree through Decap CMS's local server (decap-server, pinned in editor/package-lock.json, installed
# by the command on first use; it needs Node.js and npm). SITE_PORT and EDITOR_PORT change the ports.
SITE_PORT ?= 8000
EDITOR_PORT ?= 8081
EDITOR_SERVER := editor/node_modules/decap-server/dist/index.js
.PHONY: edit editor-bundle
edit: $(STAMP)           ## serve the site with the web editor at http://127.0.0.1:8000/admin/, saving into this folder
	@$(CLI) edit --site-port $(SITE_PORT) --editor-port $(EDITOR_PORT)

# The editor's bundle (Decap CMS and the yaml library, built) is committed in editor/admin/vendor/,
# so that make build needs no npm; each build checks it against vendor/SHA256SUMS. This fetches
# the versions pinned in vendor/VERSIONS again from npm (or others: make editor-bundle SET=decap-cms@3.17.0).
editor-bundle:           ## refresh the web editor's committed bundle from npm (editor/admin/vendor/)
	$(PYTHON) editor/vendor.py $(foreach p,$(SET),--set $(p))

test: $(STAMP) $(AXE) $(EDITOR_SERVER)  ## run every test
	$(BIN)/python -m pytest

# The editor's browser test runs decap-server too; without npm it skips (and fails under CI=true).
$(EDITOR_SERVER): editor/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  $(NPM_CI) editor && touch $@ || echo "WARNING: npm ci failed in editor/: the web editor's browser test will skip" >&2; \
	else echo "WARNING: npm not found: decap-server is not installed and the web editor's browser test will skip" >&2; fi

$(AXE): tests/browser/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  $(NPM_CI) tests/browser && touch $@ || echo "WARNING: npm ci failed: the browser tests will skip" >&2; \
	else echo "WARNING: npm not found: axe-core is not installed and the browser tests will skip" >&2; fi

$(LIGHTHOUSE): tests/browser/lighthouse/package-lock.json
	$(NPM_CI) tests/browser/lighthouse
	touch $@

# Full-page screenshots of every page type at 390 and 1280 px, in Chromium, into SHOTS (outside
# the repository: they go stale with every change to the look).
SHOTS ?= /tmp/eventsite-screenshots
.PHONY: screenshots
screenshots: build        ## screenshots of every page type at 390 and 1280 px into SHOTS (default /tmp/eventsite-screenshots)
	$(BIN)/python tests/browser/screenshots.py --site site --out $(SHOTS)

.PHONY: measure lighthouse
measure: $(STAMP) $(LIGHTHOUSE)  ## Lighthouse scores and page weight of the home and event pages (reported, not asserted)
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python tests/browser/measure.py

lighthouse: measure

# Authoring commands (hooks/eventsite/cli.py): no MkDocs import, so `make check` takes well under
# a second. new-event takes make variables (TITLE, START, END, VENUE, SLUG, SUMMARY, ORGANISER)
# and asks for the rest when run in a terminal; `value` and `quote` keep $ and quotes intact.
.PHONY: new-event schema error-guide
CLI := $(BIN)/python hooks/eventsite/cli.py
quote = '$(subst ','\'',$(1))'

check: $(STAMP)          ## check every event file without building; exit 1 on any problem
	@$(CLI) check

new-event: $(STAMP)      ## start an event file: make new-event TITLE="..." START="2015-01-20 10:00" END=13:00 VENUE=... ORGANISER=...
	@$(CLI) new-event --title $(call quote,$(value TITLE)) --slug $(call quote,$(value SLUG)) \
	  --summary $(call quote,$(value SUMMARY)) --start $(call quote,$(value START)) \
	  --end $(call quote,$(value END)) --venue $(call quote,$(value VENUE)) \
	  --organiser $(call quote,$(value ORGANISER))

schema: $(STAMP)         ## regenerate schema/*.schema.json from hooks/eventsite/reading/schema.py
	@$(CLI) schema

error-guide: $(STAMP)    ## regenerate docs/guide/errors.md (every message, with how to fix it)
	@$(CLI) error-guide

clean:
	rm -rf site .pytest_cache measure-out

bench: $(STAMP)          ## build time, memory and output against plain mkdocs-material at 100, 1,000 and 5,000 events (N=1000: one size)
	$(BIN)/python bench/run.py $(if $(N),--sizes $(N)) $(if $(OUTPUT),--output $(OUTPUT))

.PHONY: bench-serve
bench-serve: $(STAMP)    ## save-to-reload time under make serve at 1,000 events, against plain mkdocs serve (N=...: another size)
	$(BIN)/python bench/serve.py $(if $(N),--events $(N))
