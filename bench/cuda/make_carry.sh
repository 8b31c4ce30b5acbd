#!/usr/bin/env bash
# Packs what a device machine without kbench's dependencies needs into one folder (default
# build-cuda-carry/): the stripped executables run_device_bench.sh uses, the non-glibc shared libraries
# they load (lib/, for LD_LIBRARY_PATH), and Debian's bubblewrap for the sandbox (found beside kbench).
# Usage: bench/cuda/make_carry.sh [BUILD_BIN_DIR] [OUT_DIR]
set -euo pipefail
BIN=${1:-build/bin}
OUT=${2:-build-cuda-carry}
rm -rf "$OUT"
mkdir -p "$OUT/lib"
for exe in kbench kbench-worker-cuda kbench-worker-cpu kbench-bench-cuda-throughput kbench-bench-sandbox-overhead \
           test_cuda_runtime test_cuda_sticky_error test_cuda_compile test_backend_conformance test_core_sandbox; do
  strip --strip-debug -o "$OUT/$exe" "$BIN/$exe"
done
cp "$(command -v bwrap)" "$OUT/bwrap"
for f in "$OUT"/*; do
  [ -f "$f" ] || continue
  ldd "$f" | awk '/=> \// {print $3}'
done | sort -u | grep -Ev '/(libc|libm|libdl|libpthread|librt|libresolv|ld-linux[^/]*|libcuda|libnvidia[^/]*)\.so' |
  while read -r lib; do cp -L "$lib" "$OUT/lib/"; done
du -sh "$OUT"
