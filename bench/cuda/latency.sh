#!/usr/bin/env bash
# End-to-end latency of `kbench eval` on one simple CUDA candidate (vector_add), as a user sees it:
# process start, compile (nvcc + link), verify on the GPU against the float64 oracle, time at the bench
# shape. Cold: a fresh source each run (compile cache miss). Warm: the same source again (cache hit).
# Usage: bench/cuda/latency.sh [KBENCH_BINARY] [RUNS]
set -euo pipefail
KBENCH=${1:-build-cuda/bin/kbench}
RUNS=${2:-5}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
REF="$ROOT/reference_kernels/cuda/elementwise/vector_add.cu"

run_once() {  # prints wall seconds; fails loudly when the verdict is not correct
  local file=$1 start end
  start=$(date +%s.%N)
  "$KBENCH" eval "$file" --task elementwise/vector_add --backend cuda --no-db --json > "$WORK/verdict.json" ||
    { echo "kbench eval failed on $file:" >&2; cat "$WORK/verdict.json" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f\n", b - a}'
}
median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

cold=()
for i in $(seq 1 "$RUNS"); do
  f="$WORK/candidate_$i.cu"
  { cat "$REF"; echo "// latency run $i $$ $RANDOM"; } > "$f"
  cold+=("$(run_once "$f")")
done
warm=()
for i in $(seq 1 "$RUNS"); do warm+=("$(run_once "$WORK/candidate_1.cu")"); done
python3 - "$WORK/verdict.json" <<'PY'
import json, sys
v = json.load(open(sys.argv[1]))
t = v.get("timings", [{}])[0]
print(f"last verdict: {v['status']}, compile {v.get('compile_seconds', 0):.2f} s, verify {v.get('verify_seconds', 0):.2f} s, "
      f"timing {v.get('time_seconds', 0):.2f} s, candidate median {t.get('candidate', {}).get('median_ns', 0)/1e3:.1f} us")
PY
echo "cold (compile cache miss) runs: ${cold[*]}"
echo "warm (compile cache hit)  runs: ${warm[*]}"
echo "kbench eval vector_add end-to-end median: cold $(printf '%s\n' "${cold[@]}" | median) s, warm $(printf '%s\n' "${warm[@]}" | median) s"
rm -rf "$WORK"
