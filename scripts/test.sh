#!/usr/bin/env bash
# Builds kbench and runs the whole test suite (unit, integration, CPU selftest of the catalog).
# GPU suites skip with a reason when no GPU is present; HIP compile tests skip when hipcc is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
cd "${BUILD_DIR:-build}"
ctest --output-on-failure -j"${JOBS:-$(nproc)}" "$@"
