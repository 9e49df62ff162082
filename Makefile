# HeJia: `make run` and `make test` are the two commands of the quick start.
SHELL := /bin/bash
BUILD ?= build
JOBS ?= $(shell nproc)
DB ?= sqlite:data/hejia.db
LISTEN ?= 127.0.0.1:8080
DEMO_PASSWORD ?= Hejia-Demo-2026
# ccache: the same cache serves every clone of the repo, and compilations that use the
# precompiled header are cacheable (ccache refuses them without this sloppiness).
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := true
export CCACHE_SLOPPINESS := pch_defines,time_macros,include_file_mtime,include_file_ctime

.PHONY: deps configure build server web run test fuzz soak bench format clean

# Installs missing Debian packages (as root, or with sudo); fast when nothing is missing.
deps:
	@scripts/install-deps.sh

configure: deps
	@test -f $(BUILD)/CMakeCache.txt || cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

# Everything: the server, the unit and API tests, the benchmarks.
build: configure
	cmake --build $(BUILD) -j $(JOBS)

# The server alone (what `make run` needs).
server: configure
	cmake --build $(BUILD) -j $(JOBS) --target hejia

web: deps
	@scripts/build-web.sh

run: server web
	@scripts/run.sh "$(BUILD)" "$(DB)" "$(LISTEN)" "$(DEMO_PASSWORD)"

test: build web
	@scripts/test.sh "$(BUILD)"

# Not in CI: 10 million executions of each fuzz target (request, import, routes) under ASan and
# UBSan, shared among the cores. make fuzz FUZZ_RUNS=100000 for a shorter run, or
# make fuzz FUZZ_SECONDS=600 for a time per target instead.
FUZZ_RUNS ?= 10000000
FUZZ_SECONDS ?=
fuzz: deps
	@if [ -n "$(FUZZ_SECONDS)" ]; then scripts/fuzz.sh "$(BUILD)" --seconds "$(FUZZ_SECONDS)"; \
	else scripts/fuzz.sh "$(BUILD)" --runs "$(FUZZ_RUNS)"; fi

# Not in CI: 30 minutes at 200 connections of mixed reads and writes (make soak SOAK_MINUTES=5).
SOAK_MINUTES ?= 30
soak: server
	cmake --build $(BUILD) -j $(JOBS) --target hejia_bench
	@scripts/soak.sh "$(BUILD)" "$(SOAK_MINUTES)"

bench: build
	cmake --build $(BUILD) -j $(JOBS) --target hejia_bench
	@scripts/bench.sh "$(BUILD)"

format:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp')

clean:
	rm -rf $(BUILD) web/dist
