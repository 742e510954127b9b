# talon — the two commands a new user needs: `make run` and `make test`.
SWIFT ?= swift
SOURCES := Package.swift Sources Tests Plugins
# Debian packages the build and the tests need: libedit for the shell's line editing,
# tmux to drive the shell in a pseudo-terminal in tests.
APT_PACKAGES := libedit-dev pkg-config tmux

.PHONY: run build test lint format deps test-deps bench fuzz clean sdk-conformance openapi \
  postgres-deps postgres-check

run: deps build
	@.build/debug/talon $(ARGS)

build: deps
	$(SWIFT) build

# Lint, build, every test, today's official SDK against `talon serve` (see `sdk-conformance`),
# then libFuzzer over the script parser for TEST_FUZZ_SECONDS (a crash, a hang or a leak fails
# the run; see `fuzz`). The tests run beside a throw-away PostgreSQL cluster (scripts/with-postgres:
# TALON_TEST_POSTGRES names it), so the PostgreSQL store's tests run too, never skipped, and the
# engine's behaviour tests run a second time on PostgreSQL (TALON_ENGINE_TEST_STORE=postgres).
test: deps test-deps postgres-deps lint
	$(SWIFT) build --build-tests
	scripts/with-postgres sh -c 'TALON_REQUIRE_CHROMIUM=1 $(SWIFT) test --skip-build && \
	  TALON_ENGINE_TEST_STORE=postgres $(SWIFT) test --skip-build --filter TalonEngineTests'
	$(MAKE) --no-print-directory sdk-conformance
	$(call fuzz-script,$(TEST_FUZZ_SECONDS))

# Only the PostgreSQL store's tests, beside their own throw-away cluster: its own suites, and
# the engine's behaviour tests on PostgreSQL (TALON_ENGINE_TEST_STORE).
postgres-check: deps postgres-deps
	$(SWIFT) build --build-tests
	scripts/with-postgres sh -c '$(SWIFT) test --skip-build --filter TalonPostgresTests && \
	  TALON_ENGINE_TEST_STORE=postgres $(SWIFT) test --skip-build --filter TalonEngineTests'

# Today's official Python SDK (talon-one-sdk, every dependency pinned in SDK_REQUIREMENTS) in a
# virtual environment under .build, rebuilt when the requirements change; then the pytest suite
# Tests/SDKConformance drives the debug binary's `talon serve` through it. No network to the
# package index is a failure, never a skip.
SDK_REQUIREMENTS := Tests/SDKConformance/requirements.txt
SDK_VENV := .build/sdk-venv
PYTHON ?= python3

$(SDK_VENV)/installed: $(SDK_REQUIREMENTS)
	rm -rf $(SDK_VENV)
	$(PYTHON) -m venv $(SDK_VENV) || { \
	  echo "cannot create a Python virtual environment: install python3-venv"; exit 1; }
	$(SDK_VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps \
	  --requirement $(SDK_REQUIREMENTS) || { \
	  echo "cannot install today's Python SDK from the package index (see above):" \
	    "the SDK conformance suite needs network access to PyPI or a mirror (PIP_INDEX_URL)"; \
	  rm -rf $(SDK_VENV); exit 1; }
	$(SDK_VENV)/bin/pip check --disable-pip-version-check >/dev/null || { \
	  $(SDK_VENV)/bin/pip check; echo "$(SDK_REQUIREMENTS) misses a dependency"; \
	  rm -rf $(SDK_VENV); exit 1; }
	touch $@

sdk-conformance: $(SDK_VENV)/installed
	$(SWIFT) build --product talon
	PYTHONDONTWRITEBYTECODE=1 TALON_BINARY=.build/debug/talon $(SDK_VENV)/bin/python -m pytest -p no:cacheprovider \
	  -r fE Tests/SDKConformance

# The OpenAPI document `talon serve` answers at GET /openapi.json: the catalogue's operations,
# each as its generation's reference describes it (scripts/openapi.py). Run it after adding or
# changing an operation and commit the result; a test fails while it is out of date.
openapi:
	$(PYTHON) scripts/openapi.py

lint:
	$(SWIFT) format lint --strict --recursive --parallel $(SOURCES)

format:
	$(SWIFT) format --in-place --recursive --parallel $(SOURCES)

# Installs the Debian packages when missing (as root), or says the exact command to run.
deps:
	@missing=""; \
	pkg-config --exists libedit 2>/dev/null || missing="$$missing libedit-dev pkg-config"; \
	command -v tmux >/dev/null 2>&1 || missing="$$missing tmux"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing$$missing"; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get install -y -q $$missing >/dev/null 2>&1 || \
	      { apt-get update -q >/dev/null && apt-get install -y -q $$missing >/dev/null; } || exit 1; \
	  else \
	    echo "missing Debian packages; run: sudo apt-get update && sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi

# What only the tests need: headless Chromium, which draws `talon run`'s HTML report to a PNG
# (the test fails, not skips, without it under `make test`: TALON_REQUIRE_CHROMIUM is set).
# Installed from Debian like `deps` does (as root), or the exact command is printed.
test-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing chromium"; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get install -y -q chromium >/dev/null 2>&1 || \
	      { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; } || exit 1; \
	  else \
	    echo "missing Debian package; run: sudo apt-get update && sudo apt-get install -y chromium"; \
	    exit 1; \
	  fi; \
	}

# PostgreSQL's server programs (Debian's package; /usr/lib/postgresql/VERSION/bin), for the tests
# of the PostgreSQL store: installed as root, or the exact command is printed.
postgres-deps:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing postgresql"; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get install -y -q postgresql >/dev/null 2>&1 || \
	      { apt-get update -q >/dev/null && apt-get install -y -q postgresql >/dev/null; } || exit 1; \
	  else \
	    echo "missing Debian package; run: sudo apt-get update && sudo apt-get install -y postgresql"; \
	    exit 1; \
	  fi; \
	}

# The benchmarks of every part (release build, then about four minutes of measurements): one
# table on standard output, the same as JSON in .build/bench/latest.json. Not part of `test`.
# wrk (Debian's package) drives `talon serve`; it is installed like `deps` installs packages.
BENCH_ARGS ?=
bench: deps
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing wrk"; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get install -y -q wrk >/dev/null 2>&1 || \
	      { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; } || exit 1; \
	  else \
	    echo "missing Debian package; run: sudo apt-get update && sudo apt-get install -y wrk"; \
	    exit 1; \
	  fi; \
	}
	$(SWIFT) build -c release --product talon
	$(SWIFT) build -c release --product talon-bench-engine
	python3 Benchmarks/bench.py --bin .build/release --out .build/bench/latest.json $(BENCH_ARGS)

# libFuzzer over the script lexer and parser: `make fuzz` for FUZZ_SECONDS, and the last step
# of `make test` for TEST_FUZZ_SECONDS. It is built with TALON_FUZZ=1 in its own scratch folder
# (.build/fuzz; sanitizer flags, only TalonAPI and TalonScript, no package dependencies: about a
# minute cold). The seeds are Tests/FuzzCorpus and workflows/, only read; new inputs go to
# .build/fuzz/corpus and a crashing input to .build/fuzz/artifacts/, never into the tree. Any
# crash, an input running over 10 s, or a leak ends it with a non-zero status.
FUZZ_SECONDS ?= 60
TEST_FUZZ_SECONDS ?= 20
FUZZ_DIR := .build/fuzz
define fuzz-script
	TALON_FUZZ=1 $(SWIFT) build -c debug --scratch-path $(FUZZ_DIR) --product talon-fuzz-script
	mkdir -p $(FUZZ_DIR)/corpus $(FUZZ_DIR)/artifacts
	$(FUZZ_DIR)/debug/talon-fuzz-script $(FUZZ_DIR)/corpus Tests/FuzzCorpus $(wildcard workflows) \
	  -max_total_time=$(1) -max_len=4096 -timeout=10 -artifact_prefix=$(FUZZ_DIR)/artifacts/
endef

fuzz: deps
	$(call fuzz-script,$(FUZZ_SECONDS))

clean:
	rm -rf .build
