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

# Fuzz for longer than make test does: make fuzz FUZZ_SECONDS=600
FUZZ_SECONDS ?= 300
fuzz: deps
	@scripts/fuzz.sh "$(BUILD)" "$(FUZZ_SECONDS)"

# Not in CI: 30 minutes at 200 connections of mixed reads and writes (make soak SOAK_MINUTES=5).
SOAK_MINUTES ?= 30
soak: server
	@scripts/soak.sh "$(BUILD)" "$(SOAK_MINUTES)"

bench: build
	cmake --build $(BUILD) -j $(JOBS) --target hejia_bench
	@scripts/bench.sh "$(BUILD)"

format:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp')

clean:
	rm -rf $(BUILD) web/dist
