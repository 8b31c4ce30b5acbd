#!/usr/bin/env bash
# The sandbox on a GPU machine: its own tests, its cost (bench/sandbox_overhead.cpp), and the same
# kernels judged inside and outside it (their verdicts and timings must agree). For each task, the task's
# CUDA reference kernel is evaluated as a candidate, first sandboxed, then with --unsandboxed.
# Usage (repository root): bench/cuda/sandbox_check.sh BIN_DIR [TASKS]
set -uo pipefail
BIN=$(cd "${1:?bin dir}" && pwd)
TASKS=${2:-elementwise/vector_add,activation/relu,reduction/sum_rows,loss/mse_loss,normalization/softmax,normalization/layernorm,matmul/matmul}
echo "--- test_core_sandbox"
"$BIN/test_core_sandbox" 2>&1 | tail -4
echo "--- overhead"
"$BIN/kbench-bench-sandbox-overhead" cuda tests/candidates/cuda/vector_add_correct.cu
echo "--- inside vs outside"
for task in ${TASKS//,/ }; do
  ref=$(python3 -c "import json,sys; print(json.load(open('tasks/$task.json'))['references']['cuda'])")
  for mode in sandboxed unsandboxed; do
    flag=""; [ $mode = unsandboxed ] && flag=--unsandboxed
    "$BIN/kbench" eval "reference_kernels/$ref" -t "$task" -b cuda --no-db --json $flag > /tmp/verdict.json 2>&1
    python3 - "$task" "$mode" <<'PY'
import json, sys
task, mode = sys.argv[1:]
try:
    v = json.load(open("/tmp/verdict.json"))
except Exception as e:
    print(f"{task:28s} {mode:12s} unreadable verdict: {open('/tmp/verdict.json').read()[:300]}")
    sys.exit()
shapes = " ".join(f"{t['shape']}: {t['candidate']['median_ns']/1e3:.1f} us (ref {t['reference']['median_ns']/1e3:.1f})" for t in v.get("timings", []))
print(f"{task:28s} {mode:12s} {v['status']:10s} sandboxed={v.get('sandboxed')} speedup={v.get('speedup')} {shapes} {v['detail'][:120] if v['status']!='correct' else ''}")
PY
  done
done
