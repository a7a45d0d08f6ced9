# Two set-up commands: `make run` and `make test`. Everything else is a helper they call.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
VAR := var
DEMO_DB := $(VAR)/demo-lookup.sqlite
SECRETS := $(VAR)/secrets.env
APT_UPDATED := $(VAR)/.apt-updated

.PHONY: run test venv venv-test fonts pdf-tools browser-deps i18n-extract i18n-update i18n-compile i18n-check \
        i18n-init demo-db demo-cases web bench bench-web lint clean

# gunicorn with webapp/serving.py: threaded workers, an escaped access log of method, path,
# status, size and time (no client address, no query string, no form contents), no Server header.
run: venv fonts i18n-compile $(SECRETS) $(DEMO_DB)
	set -a; . ./$(SECRETS); set +a; \
	PROP64_LOOKUP_DB=sqlite:///$(abspath $(DEMO_DB)) \
	$(BIN)/gunicorn -c python:webapp.serving

test: venv-test fonts pdf-tools browser-deps i18n-compile
	$(BIN)/pytest -q -p no:cacheprovider

# The virtual environment, rebuilt when pyproject.toml changes.
venv: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

venv-test: $(VENV)/.installed-test
$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install -q -e '.[test]'
	touch $@

# The font the papers embed for Chinese, Korean and Japanese (TrueType outlines, which the PDF
# writer needs), and poppler's PDF tools, which the font and form tests read the papers with.
CJK_FONT := /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
fonts: $(CJK_FONT)
$(CJK_FONT):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null
pdf-tools:
	@command -v pdftoppm >/dev/null || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; }

# Debian's Chromium for the browser tests, and axe-core from the npm registry.
browser-deps: node_modules/axe-core/axe.min.js
	@command -v chromium >/dev/null || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
node_modules/axe-core/axe.min.js: package.json
	@command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
	npm install --no-audit --no-fund --silent
	touch $@

$(VAR):
	mkdir -p $(VAR)

# Secrets for local serving only; production sets them in the environment.
$(SECRETS): | $(VAR)
	@umask 077; { \
	  echo "PROP64_SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_hex(32))')"; \
	  echo "PROP64_LOOKUP_KEY=demo-lookup-key-not-for-production"; \
	} > $@

# A demo lookup database built from synthetic data, so the lookup page answers at once.
demo-db: $(DEMO_DB)
$(DEMO_DB): $(VENV)/.installed | $(VAR)
	rm -f $@ $(VAR)/demo-synth.csv
	$(BIN)/prop64 synth --rows 20000 --seed 64 --format doj --out $(VAR)/demo-synth.csv
	PROP64_LOOKUP_KEY=demo-lookup-key-not-for-production $(BIN)/prop64 bulk $(VAR)/demo-synth.csv \
	  --format doj --county "SAN FRANCISCO" --as-of 2026-01-01 --out $(VAR)/demo-bulk \
	  --lookup-db sqlite:///$(abspath $@) --allow-row-errors >/dev/null

# Demo case numbers and dates of birth for the lookup page, with the answer each gives.
demo-cases: $(DEMO_DB)
	PROP64_LOOKUP_KEY=demo-lookup-key-not-for-production $(PY) -m bulk.demo $(VAR)/demo-bulk \
	  --lookup-db sqlite:///$(abspath $(DEMO_DB))

web: venv fonts i18n-compile
	$(BIN)/flask --app webapp run --debug

# Translations: extract, update, compile, check.
i18n-extract: venv
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -c "Translators:" \
	  --omit-header --no-location --sort-by-file -o translations/messages.pot .
i18n-update: venv
	$(BIN)/pybabel update -i translations/messages.pot -d translations --ignore-obsolete --no-fuzzy-matching
i18n-init: venv
	$(BIN)/pybabel init -i translations/messages.pot -d translations -l $(LANG)
i18n-compile: venv
	@$(BIN)/pybabel compile -d translations
i18n-check: venv-test
	$(BIN)/pytest -q tests/test_translations.py

bench: venv fonts
	$(PY) bench/engine.py
	$(PY) bench/documents.py

bench-web: venv
	$(PY) bench/web.py

lint: venv
	$(PY) -m pip install -q -e '.[dev]'
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) node_modules $(VAR) .pytest_cache
