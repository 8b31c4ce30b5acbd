#!/usr/bin/env bash
# honest_copies.sh: the speedup of an honest copy of each task's CPU reference kernel against the reference
# (issue 12 wants 0.9-1.1x). Runs `kbench eval` of reference_kernels/cpu/<task>.cpp RUNS times per task and
# prints, per run, the reported speedup (lower quartile of rounds, each side), the other estimators over the
# same rounds (ratio of medians, median of per-round ratios), the rounds and calls per round; then, per
# estimator, how many runs fell within 0.9-1.1x.
#   KBENCH=build/bin/kbench TASKS='elementwise/vector_add,matmul/matmul' RUNS=5 MAX_TIME_MS=1000 bench/honest_copies.sh
set -euo pipefail
K=${KBENCH:-build/bin/kbench}
TASKS=${TASKS:-elementwise/vector_add,matmul/matmul,reduction/sum_rows,activation/relu,normalization/softmax}
RUNS=${RUNS:-5}
MAX_TIME_MS=${MAX_TIME_MS:-1000}
EXTRA=${EXTRA:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "host: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); max_time_ms=$MAX_TIME_MS runs=$RUNS"
printf '%-26s %4s %9s %9s %9s %6s %5s\n' task run p25 median paired rounds calls
for task in ${TASKS//,/ }; do
  for run in $(seq 1 "$RUNS"); do
    # shellcheck disable=SC2086
    "$K" eval "reference_kernels/cpu/$task.cpp" -t "$task" --backend cpu --no-db --json --max-time-ms "$MAX_TIME_MS" $EXTRA \
      > "$work/v.json" 2> "$work/log" || { cat "$work/log"; exit 2; }
    python3 - "$work/v.json" "$task" "$run" >> "$work/rows" <<'PY'
import json, sys
v = json.load(open(sys.argv[1]))
if isinstance(v, list): v = v[0]
if v.get("status") != "correct":
    print(f"{sys.argv[2]} {sys.argv[3]} {v.get('status')} - - - -"); sys.exit()
m = v["timings"][-1]["measurement"]
print(sys.argv[2], sys.argv[3], f'{v["timings"][-1]["speedup"]:.3f}', f'{m.get("speedup_median_ratio", 0):.3f}',
      f'{m.get("speedup_paired_median", 0):.3f}', m.get("rounds"), m.get("calls_per_round"))
PY
    tail -1 "$work/rows" | awk '{printf "%-26s %4s %9s %9s %9s %6s %5s\n", $1, $2, $3, $4, $5, $6, $7}'
  done
done
python3 - "$work/rows" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1])]
for i, name in ((2, "p25 (reported)"), (3, "median ratio"), (4, "paired median")):
    xs = [float(r[i]) for r in rows if r[i] != "-"]
    inside = sum(0.9 <= x <= 1.1 for x in xs)
    print(f"{name:>15}: {inside}/{len(xs)} runs within 0.9-1.1x, range {min(xs):.3f}-{max(xs):.3f}" if xs else f"{name}: none")
PY
