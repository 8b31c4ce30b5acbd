#!/usr/bin/env bash
# Verifies every task's CUDA reference kernel against the float64 oracle on the GPU: `kbench selftest
# --backend cuda`, one process per category, several at once (verification only, no timing, so the
# processes sharing the GPU cannot disturb any result). Prints each category's lines, then a summary.
# Usage: bench/cuda/catalog_selftest.sh KBENCH_BINARY [PARALLEL]
set -uo pipefail
KBENCH=$(realpath "${1:?kbench binary}")
PARALLEL=${2:-8}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
JOBS=$(( ($(nproc) + PARALLEL - 1) / PARALLEL ))  # compile jobs per selftest process, the cores shared out
ls "$ROOT/tasks" | xargs -P "$PARALLEL" -I{} sh -c "'$KBENCH' selftest --backend cuda --jobs $JOBS --tasks '{}/*' > '$WORK/{}.log' 2>&1"
cat "$WORK"/*.log | grep -v '^selftest cuda:'
grep -h '^selftest cuda:' "$WORK"/*.log | awk '{tasks += $3; ok += $5; failed += $12}
  END {printf "catalog selftest cuda: %d tasks, %d verified, %d failed\n", tasks, ok, failed}'
grep -h -E ' (FAIL|ERROR|MISSING) ' "$WORK"/*.log | sed 's/^/  not verified: /'
# The exit status: 1 when any task was not verified (the grep above exits 1 when all were).
! grep -q -h -E ' (FAIL|ERROR|MISSING) ' "$WORK"/*.log
