#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Quick start 2 (and CI): install what is missing, build, and run every test with CTest.
# Extra arguments go to ctest (e.g. -L core, -R tst_midifile). Fidelity tests (label
# `fidelity`) run when ../shared/fixtures exists and say plainly when it does not.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$repo/build}"
"$repo/packaging/install-deps.sh"
t0=$(date +%s)
BUILD_DIR="$build" "$repo/packaging/build.sh"
t1=$(date +%s)
shared="${MIRSTUDIO_SHARED_DIR:-$repo/../shared}"
if [ -d "$shared/fixtures" ]; then
  echo "test: fidelity fixtures found at $shared/fixtures"
else
  echo "test: NOTE: $shared/fixtures is absent, so fidelity tests will report that and skip"
fi
cd "$build"
set +e
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j "${TEST_JOBS:-2}" "$@"
rc=$?
set -e
t2=$(date +%s)
echo "test: build $((t1 - t0)) s, tests $((t2 - t1)) s, ctest exit $rc"
exit $rc
