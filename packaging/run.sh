#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Quick start 1: install what is missing, build, and start MIR Studio on the bundled demo
# session. With no display it says so and runs the CLI demo instead, writing its output files
# into out/demo/ and saying where.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$repo/build}"
"$repo/packaging/install-deps.sh"
BUILD_DIR="$build" "$repo/packaging/build.sh"
demo="$repo/resources/demo/demo.mirstudio"
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ] || [ "${QT_QPA_PLATFORM:-}" = offscreen ]; then
  exec "$build/app/mirstudio" "$demo" "$@"
fi
out="$repo/out/demo"
echo "run: no display (neither DISPLAY nor WAYLAND_DISPLAY is set), so the window cannot open."
echo "run: running the command-line demo instead; its files go to $out"
mkdir -p "$out"
"$build/app/mirstudio-cli" inspect "$demo"
"$build/app/mirstudio-cli" make-demo "$out"
"$build/app/mirstudio-cli" inspect "$out/demo.mirstudio"
"$build/app/mirstudio-cli" inspect "$out/demo.mid"
"$build/app/mirstudio-cli" inspect "$out/demo.flac"
echo "run: CLI demo done. Output files:"
ls -l "$out"
