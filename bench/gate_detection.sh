#!/usr/bin/env bash
# gate_detection.sh: how often the regression gate catches a real slowdown on this machine. Runs PAIRS
# pairs of `kbench eval` (the plain vector_add, then one made SLOW times slower) and compares each pair with
# `kbench compare`; a pair whose compare exits 1 is a detection. Also compares each plain side with a second
# plain evaluation (the same kernel twice): an exit 1 there is a false positive. Prints per pair and totals.
#   KBENCH=build/bin/kbench PAIRS=20 SLOW=bench/candidates/vector_add_1_3x.cpp MAX_TIME_MS=500 bench/gate_detection.sh
set -euo pipefail
K=${KBENCH:-build/bin/kbench}
PAIRS=${PAIRS:-5}
TASK=${TASK:-elementwise/vector_add}
PLAIN=${PLAIN:-tests/candidates/cpu/vector_add_correct.cpp}
SLOW=${SLOW:-bench/candidates/vector_add_1_3x.cpp}
MAX_TIME_MS=${MAX_TIME_MS:-500}
EXTRA=${EXTRA:-}  # more compare flags, e.g. --confirm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
detected=0 false_positives=0
evaluate() {  # FILE DB
  "$K" eval "$1" --task "$TASK" --backend cpu --max-time-ms "$MAX_TIME_MS" --db "$2" > "$work/log" 2>&1 || { cat "$work/log"; exit 2; }
}
gate() {  # BASE NEW -> prints the exit status of compare
  local status=0
  # shellcheck disable=SC2086
  "$K" compare "$1" "$2" $EXTRA > "$work/cmp.txt" 2>&1 || status=$?
  [ "$status" -le 1 ] || { cat "$work/cmp.txt" >&2; exit 2; }
  echo "$status"
}
for pair in $(seq 1 "$PAIRS"); do
  evaluate "$PLAIN" "$work/$pair-plain.db"
  evaluate "$SLOW" "$work/$pair-slow.db"
  evaluate "$PLAIN" "$work/$pair-again.db"
  slow=$(gate "$work/$pair-plain.db" "$work/$pair-slow.db")
  change=$(grep -o '[+-][0-9.]*%' "$work/cmp.txt" | head -1 || true)
  same=$(gate "$work/$pair-plain.db" "$work/$pair-again.db")
  echo "pair $pair: slower kernel exit $slow ($change), same kernel twice exit $same"
  [ "$slow" -eq 1 ] && detected=$((detected + 1))
  [ "$same" -eq 1 ] && false_positives=$((false_positives + 1))
done
echo "total: slowdown detected in $detected of $PAIRS pairs; same kernel twice flagged in $false_positives of $PAIRS"
