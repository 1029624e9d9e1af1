# The two commands: `make demo` and `make test`. Everything they need is installed from here.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test test-fast system-deps oidc-deps venv lint bench clean

demo: venv
	$(VENV)/bin/klantreis demo

test: venv system-deps oidc-deps lint
	$(PY) -m pytest -n 2 --dist loadgroup

test-fast: venv
	$(PY) -m pytest -m "not postgres and not slow"

lint: venv
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

bench: venv system-deps
	mkdir -p bench-results
	$(VENV)/bin/klantreis bench import | tail -n 1 > bench-results/import.json
	$(VENV)/bin/klantreis bench slots | tail -n 1 > bench-results/slots.json
	$(VENV)/bin/klantreis bench booking --db sqlite | tail -n 1 > bench-results/booking-sqlite.json
	$(VENV)/bin/klantreis bench booking --db postgres | tail -n 1 > bench-results/booking-postgres.json
	$(VENV)/bin/klantreis bench telemetry --db postgres | tail -n 1 > bench-results/telemetry.json
	$(VENV)/bin/klantreis bench diagnosis | tail -n 1 > bench-results/diagnosis.json
	$(VENV)/bin/klantreis bench triage | tail -n 1 > bench-results/triage.json
	$(VENV)/bin/klantreis bench analytics | tail -n 1 > bench-results/analytics.json
	$(VENV)/bin/klantreis bench twin --out bench-results/twin | tail -n 1 > bench-results/twin.json

venv: $(STAMP)

# requirements.lock pins every package (and what they pull in) to the versions tested.
$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

# Debian packages for the real servers the tests start: PostgreSQL, and Chromium for the pages.
system-deps:
	@missing=""; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; \
	fi

# The identity provider the sign-in tests start (node-oidc-provider, pinned by its lock file),
# with the machine's Node.js and npm; installed again only when the lock file changes.
OIDC := src/klantreis/devtools/oidc
oidc-deps: $(OIDC)/node_modules/.package-lock.json

$(OIDC)/node_modules/.package-lock.json: $(OIDC)/package-lock.json
	command -v npm >/dev/null || { echo "the sign-in tests need Node.js and npm"; exit 1; }
	npm ci --prefix $(OIDC) --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache bench-results klantreis.db klantreis.db-* $(OIDC)/node_modules
