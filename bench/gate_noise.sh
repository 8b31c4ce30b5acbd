#!/usr/bin/env bash
# gate_noise.sh: the regression gate's false positives on this machine. Runs PAIRS pairs of `kbench baseline`
# of the same code and kernels and compares each pair with `kbench compare`; with nothing changed every
# flagged task is a false positive. Prints per pair the tasks flagged, and the total.
#   KBENCH=build/bin/kbench TASKS='activation/relu,...' PAIRS=2 MAX_TIME_MS=500 bench/gate_noise.sh
# KEEP=DIR keeps each pair's compare JSON there. A pair whose compare exits 1 is compared again with
# --confirm (as docs/ci.md's recipe does) unless CONFIRM is set empty.
set -euo pipefail
K=${KBENCH:-build/bin/kbench}
TASKS=${TASKS:-activation/relu,elementwise/vector_add,reduction/sum_rows,normalization/softmax}
PAIRS=${PAIRS:-2}
MAX_TIME_MS=${MAX_TIME_MS:-500}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
CONFIRM=${CONFIRM-1}  # empty: do not re-run a failing compare with --confirm
flagged_total=0 tasks_total=0 exits_total=0 confirmed_total=0
for pair in $(seq 1 "$PAIRS"); do
  for side in a b; do
    "$K" baseline --backend cpu --tasks "$TASKS" --max-time-ms "$MAX_TIME_MS" --db "$work/$pair$side.db" > "$work/log" 2>&1 ||
      { cat "$work/log"; exit 2; }
  done
  status=0
  "$K" compare "$work/${pair}a.db" "$work/${pair}b.db" --json > "$work/cmp.json" || status=$?
  [ -z "${KEEP:-}" ] || { mkdir -p "$KEEP"; cp "$work/cmp.json" "$KEEP/pair$pair.json"; }
  [ "$status" -le 1 ] || { cat "$work/cmp.json"; exit 2; }
  read -r flagged tasks noisy unreliable drift < <(python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))
d = c.get("drift") or {}
print(c["regressions"], len(c["tasks"]), c["counts"]["noisy"], int(c["unreliable"]), "%+.1f%%" % (100 * d.get("change", 0)))' "$work/cmp.json")
  line="pair $pair: $flagged of $tasks tasks flagged as regressions ($noisy noisy, run-wide drift $drift), exit $status, unreliable=$unreliable"
  if [ "$status" -eq 1 ] && [ -n "$CONFIRM" ]; then  # what the docs/ci.md recipe runs: re-time the flagged tasks
    confirmed=0
    "$K" compare "$work/${pair}a.db" "$work/${pair}b.db" --confirm > "$work/confirm.txt" 2>&1 || confirmed=$?
    [ "$confirmed" -le 1 ] || { cat "$work/confirm.txt"; exit 2; }
    line="$line; with --confirm exit $confirmed"
    [ "$confirmed" -eq 0 ] || confirmed_total=$((confirmed_total + 1))
  elif [ "$status" -eq 1 ]; then
    confirmed_total=$((confirmed_total + 1))
  fi
  [ "$status" -eq 0 ] || exits_total=$((exits_total + 1))
  echo "$line"
  flagged_total=$((flagged_total + flagged)); tasks_total=$((tasks_total + tasks))
done
echo "total: $flagged_total false positives over $tasks_total task comparisons ($PAIRS pairs of unchanged baselines);" \
     "compare exited 1 in $exits_total pairs${CONFIRM:+, $confirmed_total still with --confirm}"
