#!/usr/bin/env bash
# The measurement attacks on a GPU (issue 12), one `kbench eval` each, printing verdict and speedup: an
# honest copy of the reference, the matmul reference against cuBLAS (the vendor slot timed as itself),
# and the hostile CUDA candidates in tests/candidates/cuda. Usage: bench/cuda/attack_check.sh KBENCH
set -uo pipefail
KBENCH=${1:?kbench binary}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
show() {  # show LABEL TASK FILE
  local out
  out=$("$KBENCH" eval "$3" --task "$2" --backend cuda --no-db --json 2>&1)
  python3 - "$1" "$out" <<'PY'
import json, sys
label, text = sys.argv[1], sys.argv[2]
try:
    v = json.loads(text)
    v = v[0] if isinstance(v, list) else v
except Exception:
    print(f"{label}: kbench failed: {text[-400:]}"); sys.exit(0)
line = f"{label}: {v['status']} speedup={v.get('speedup')} vendor_speedup={v.get('vendor_speedup')} | {v['detail'][:160]}"
for t in v.get('timings', []):
    line += f"\n   {t['shape']}: cand {t['candidate']['median_ns']/1e3:.1f} us ({t['candidate']['method']}), ref {t['reference']['median_ns']/1e3:.1f} us"
    if 'vendor' in t: line += f", vendor {t['vendor']['median_ns']/1e3:.1f} us"
    cc = (t.get('measurement') or {}).get('clock_check')
    if cc: line += f"\n   clock_check: consistent={cc['consistent']} claimed {cc['claimed_per_call_ns']/1e3:.1f} us, parent {cc['parent_per_call_ns']/1e3:.1f} us, allowed shortfall {cc['allowed_shortfall_ns']/1e3:.1f} us, overhead {cc['overhead']['per_call_ns']/1e3:.1f} us/call + {cc['overhead']['fixed_ns']/1e3:.1f} us/batch, {cc['batches']} batches"
print(line)
PY
}
show honest_copy elementwise/vector_add "$ROOT/reference_kernels/cuda/elementwise/vector_add.cu"
show matmul_reference_vs_cublas matmul/matmul "$ROOT/reference_kernels/cuda/matmul/matmul.cu"
show deferred_thread elementwise/vector_add "$ROOT/tests/candidates/cuda/vector_add_deferred_thread.cu"
show skips_timed_calls elementwise/vector_add "$ROOT/tests/candidates/cuda/vector_add_skips_timed_calls.cu"
show patches_clocks elementwise/vector_add "$ROOT/tests/candidates/cuda/vector_add_patches_clocks.cu"
