#!/usr/bin/env bash
# Soak benchmark (issue 13): N candidates (default 1000) in one `kbench eval` batch on the CPU backend, cycling
# through every vector_add candidate in tests/candidates/cpu (honest ones and hostile ones: hangs, crashes,
# forged replies, floods, fork bombs, arena shrinking, late writers, ...), each made a distinct source by a
# trailing comment so that every one is compiled and judged afresh (set SOAK_DISTINCT=0 to reuse the cache).
# Prints: kbench's exit code and wall time, its peak memory (ru_maxrss of the kbench process tree's largest),
# the verdicts by status, whether every verdict was stored (rows in the database == N), and what was left
# behind (worker processes alive, run folders under the cache). Exits 1 when a check fails.
# Timing is on (--max-time-ms 100), so the hostile candidates' timed paths are exercised too.
#
#   bench/soak_cpu.sh [N]          (KBENCH: the kbench binary, default build/bin/kbench)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-1000}"
kbench="${KBENCH:-$root/build/bin/kbench}"
work="$(mktemp -d /tmp/kbench-soak.XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/candidates"

# vector_add_slow_calls spins 1 s per call by design (it tests the evaluation budget): at ~1 minute per
# evaluation it would dominate the soak's time, so it is left out unless SOAK_EXCLUDE is set otherwise.
mapfile -t pool < <(ls "$root"/tests/candidates/cpu/vector_add_*.cpp | grep -Ev "${SOAK_EXCLUDE:-slow_calls}" | sort)
files=()
for ((i = 0; i < n; ++i)); do
  src="${pool[$((i % ${#pool[@]}))]}"
  dst="$work/candidates/$(printf '%04d' "$i")_$(basename "$src")"
  cp "$src" "$dst"
  if [ "${SOAK_DISTINCT:-1}" != 0 ]; then printf '\n// soak %d\n' "$i" >> "$dst"; fi
  files+=("$dst")
done
echo "soak: $n candidates cycling through ${#pool[@]} vector_add candidates (distinct sources: ${SOAK_DISTINCT:-1})"

export KBENCH_CACHE="$work/cache" KBENCH_DB="$work/kbench.db"
start=$(date +%s.%N)
# kbench runs as a child of python, which reports the largest resident set among its waited-for children.
set +e
python3 - "$kbench" "$work/out.jsonl" "${files[@]}" <<'EOF'
import resource, subprocess, sys
kbench, out, files = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(out, "w") as f:
    rc = subprocess.call([kbench, "eval", *files, "--task", "elementwise/vector_add", "--backend", "cpu",
                          "--max-time-ms", "100", "--json"], stdout=f, stderr=subprocess.STDOUT)
print(f"kbench exit code: {rc}")
print(f"peak memory of kbench (largest child, ru_maxrss): {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.1f} MiB")
EOF
set -e
end=$(date +%s.%N)
echo "wall: $(python3 -c "print(f'{$end - $start:.1f} s, {($end - $start) / $n:.2f} s per candidate')")"

fail=0
python3 - "$work/kbench.db" "$n" <<'EOF' || fail=1
import sqlite3, sys, collections
db, n = sys.argv[1], int(sys.argv[2])
con = sqlite3.connect(db)
rows = con.execute("SELECT status, COUNT(*) FROM attempts GROUP BY status ORDER BY 2 DESC").fetchall()
total = sum(c for _, c in rows)
print("verdicts stored: " + ", ".join(f"{s} {c}" for s, c in rows))
unfinished = con.execute("SELECT COUNT(*) FROM runs WHERE finished_at IS NULL").fetchone()[0]
print(f"rows in attempts: {total} of {n}; unfinished runs: {unfinished}")
sys.exit(0 if total == n and unfinished == 0 else 1)
EOF
if [ -e "$work/kbench.db.pending.jsonl" ]; then echo "journal left: $work/kbench.db.pending.jsonl"; fail=1; fi
left_runs=$(find "$work/cache/runs" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
left_workers=$(pgrep -f "$(dirname "$kbench")/kbench-worker-cpu" | wc -l || true)
echo "left behind: $left_runs run folders, $left_workers kbench-worker-cpu processes"
[ "$left_runs" -eq 0 ] && [ "$left_workers" -eq 0 ] || fail=1
echo "soak: $([ $fail -eq 0 ] && echo PASS || echo FAIL)"
exit $fail
