# talon — the two commands a new user needs: `make run` and `make test`.
SWIFT ?= swift
SOURCES := Package.swift Sources Tests Plugins
# Debian packages the build and the tests need: libedit for the shell's line editing,
# tmux to drive the shell in a pseudo-terminal in tests.
APT_PACKAGES := libedit-dev pkg-config tmux

.PHONY: run build test lint format deps bench fuzz clean

run: deps build
	@.build/debug/talon $(ARGS)

build: deps
	$(SWIFT) build

test: deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

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

# The benchmarks of every part (release build, then about two minutes of measurements): one
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

# libFuzzer over the script lexer and parser, for FUZZ_SECONDS (not part of `make test`).
FUZZ_SECONDS ?= 60
fuzz: deps
	TALON_FUZZ=1 $(SWIFT) build -c debug --scratch-path .build/fuzz --product talon-fuzz-script
	mkdir -p .build/fuzz/corpus
	.build/fuzz/debug/talon-fuzz-script .build/fuzz/corpus Tests/FuzzCorpus $(wildcard workflows) \
	  -max_total_time=$(FUZZ_SECONDS) -max_len=4096

clean:
	rm -rf .build
