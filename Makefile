# HeJia: `make run` and `make test` are the two commands of the quick start.
SHELL := /bin/bash
BUILD ?= build
JOBS ?= $(shell nproc)
DB ?= sqlite:data/hejia.db
LISTEN ?= 127.0.0.1:8080
DEMO_PASSWORD ?= Hejia-Demo-2026
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := true

.PHONY: deps build web run test unit api-test web-test e2e fuzz bench format clean

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja $(BUILD)/Makefile:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS)

web: deps
	@scripts/build-web.sh

run: build web
	@scripts/run.sh "$(BUILD)" "$(DB)" "$(LISTEN)" "$(DEMO_PASSWORD)"

test: build web
	@scripts/test.sh "$(BUILD)"

bench: build
	@scripts/bench.sh "$(BUILD)"

format:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp')

clean:
	rm -rf $(BUILD) web/dist
