#!/usr/bin/env bash
# `make bench`: not yet — the benchmarks (bench/, wrk against a running server) come later.
echo "bench: not yet"
