#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer targets (clang, ASan + UBSan) and runs each for SECONDS seconds on a
# copy of its seed corpus. Exit status non-zero when a target finds a crash, a leak, a
# sanitizer error or fails to build. Usage: run-fuzzers.sh BUILD_DIR [SECONDS] [target...]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:?build dir}"; shift
seconds="${1:-20}"; [ $# -gt 0 ] && shift
cmake -S "$repo/tests/fuzz/standalone" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ > "$build.configure.log" 2>&1 \
  || { cat "$build.configure.log"; exit 1; }
ninja -C "$build" > "$build.build.log" 2>&1 || { tail -50 "$build.build.log"; exit 1; }
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in "$repo"/tests/fuzz/fuzz_*.cpp; do targets+=("$(basename "$f" .cpp)"); done
fi
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export QT_LOGGING_RULES="*=false"
status=0
for t in "${targets[@]}"; do
  kind="${t#fuzz_}"
  work="$build/corpus-$kind"; mkdir -p "$work" "$build/artifacts"
  if [ -d "$repo/tests/fuzz/corpus/$kind" ]; then cp -n "$repo/tests/fuzz/corpus/$kind"/* "$work"/ 2>/dev/null || true; fi
  dict=()
  [ -f "$repo/tests/fuzz/$kind.dict" ] && dict=("-dict=$repo/tests/fuzz/$kind.dict")
  echo "== $t: ${seconds}s"
  if "$build/$t" "$work" "${dict[@]}" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
       -artifact_prefix="$build/artifacts/$t-" -print_final_stats=1 > "$build/$t.log" 2>&1; then
    grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "$build/$t.log" | tail -2
  else
    echo "$t FAILED:"; tail -60 "$build/$t.log"; status=1
  fi
done
exit $status
