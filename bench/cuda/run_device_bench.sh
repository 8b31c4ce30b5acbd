#!/usr/bin/env bash
# Everything the CUDA backend needs a GPU for, in one device call: GPU test suites, selftest of the first
# seven tasks, latency, throughput, load_inline comparison, timer cross-check. Logs go to $OUT.
# Usage (repository root): bench/cuda/run_device_bench.sh BIN_DIR [STEP ...]
#   steps: env tests selftest compile_time latency throughput load_inline crosscheck attacks catalog
#   (default: all but catalog)
set -uo pipefail
BIN=$(cd "${1:?bin dir}" && pwd)
shift
STEPS=${*:-env tests selftest latency throughput load_inline crosscheck}
OUT=${OUT:-$(mktemp -d)}
export KBENCH_ROOT=$PWD PYTHONUNBUFFERED=1
SEVEN="elementwise/vector_add,activation/relu,reduction/sum_rows,loss/mse_loss,normalization/softmax,normalization/layernorm,matmul/matmul"

step() {  # step NAME TIMEOUT COMMAND...: runs, tees to $OUT/NAME.log, reports wall time and status
  local name=$1 limit=$2
  shift 2
  echo "=== $name ==="
  local t0=$(date +%s.%N)
  timeout "$limit" "$@" > >(tee "$OUT/$name.log") 2>&1
  local rc=$?
  sleep 0.2
  echo "=== $name: rc=$rc, $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s ==="
}

for s in $STEPS; do
  case $s in
    env) step env 60 bash -c 'nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm,clocks.max.sm --format=csv;
                              nvcc --version | tail -1; g++ --version | head -1; nproc;
                              ls /usr/local/cuda/lib64/libcublas.so* 2>&1 | head -2' ;;
    tests) step tests 300 bash -c "'$BIN/test_cuda_runtime' && '$BIN/test_cuda_sticky_error' && '$BIN/test_cuda_compile' &&
                                  '$BIN/test_backend_conformance' --gtest_filter='*cuda*'" ;;
    selftest) step selftest 300 "$BIN/kbench" selftest --backend cuda --tasks "$SEVEN" ;;
    compile_time) step compile_time 300 bench/cuda/compile_time.sh "$BIN/kbench" ;;
    latency) step latency 300 bench/cuda/latency.sh "$BIN/kbench" 5 ;;
    throughput) step throughput 400 "$BIN/kbench-bench-cuda-throughput" ;;
    load_inline) step load_inline 300 python3 bench/cuda/load_inline_vector_add.py ;;
    crosscheck) step crosscheck 400 python3 bench/cuda/timer_crosscheck.py "$BIN/kbench" ;;
    attacks) step attacks 300 bench/cuda/attack_check.sh "$BIN/kbench" ;;
    catalog) step catalog 580 bench/cuda/catalog_selftest.sh "$BIN/kbench" 8 ;;
    *) echo "unknown step $s" ;;
  esac
done
