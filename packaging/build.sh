#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Configures and builds MIR Studio with Ninja (RelWithDebInfo, ccache) into BUILD_DIR
# (default: build/). Used by run.sh and test.sh; safe to call repeatedly (incremental).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$repo/build}"
jobs="${JOBS:-$(nproc)}"
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
start=$(date +%s)
cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" \
  -DMIRSTUDIO_SHARED_DIR="${MIRSTUDIO_SHARED_DIR:-$repo/../shared}"
ninja -C "$build" -j "$jobs"
echo "build: done in $(( $(date +%s) - start )) s ($build)"
