#!/usr/bin/env bash
# The compile time a CUDA verdict reports: two never-seen vector_add candidates in one `kbench eval`
# (the batch's compile pool builds them), then the first one again (a cache hit, marked cached).
# Prints each verdict's status, compile_seconds and compile_cached. Usage: compile_time.sh KBENCH
set -uo pipefail
KBENCH=${1:?kbench binary}
dir=$(mktemp -d)
export KBENCH_CACHE=$dir/cache KBENCH_DB=$dir/kbench.db
for k in 1 2; do
  { echo "// never seen before: $k $$ $(date +%s%N)"; cat tests/candidates/cuda/vector_add_correct.cu; } > "$dir/fresh$k.cu"
done
show() { python3 -c '
import json, sys
d = json.load(sys.stdin)
for v in d if isinstance(d, list) else [d]:
    print("  %s %s compile_seconds=%.3f compile_cached=%s" % (v.get("file", ""), v["status"], v["compile_seconds"], v["compile_cached"]))'; }
echo "two fresh candidates in one eval:"
"$KBENCH" eval "$dir/fresh1.cu" "$dir/fresh2.cu" --task elementwise/vector_add --backend cuda --json --no-time | show || true
echo "the first again (cache hit):"
"$KBENCH" eval "$dir/fresh1.cu" --task elementwise/vector_add --backend cuda --json --no-time | show || true
rm -rf "$dir"
