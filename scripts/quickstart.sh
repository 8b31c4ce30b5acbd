#!/usr/bin/env bash
# Quick start on a fresh Debian 12 machine: install everything, build, and run kbench's main job —
# the propose → compile → verify → time → refine loop — offline, replaying the scripted session shipped in
# prompts/replay (no API key needed; see docs/llm.md for a hosted model), then print its report.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
./build/bin/kbench run --tasks 'elementwise/vector_add,activation/relu,reduction/sum_rows' --backend cpu --model replay
./build/bin/kbench report
