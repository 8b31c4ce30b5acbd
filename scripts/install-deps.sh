#!/usr/bin/env bash
# Installs kbench's build and test dependencies from Debian 12 packages (root, or sudo when available).
# The CUDA toolkit is optional: when /usr/local/cuda exists, the CUDA backend is built too.
# hipcc and the HIP runtime headers/library (ROCm 5.2) build the HIP backend and kbench-worker-hip; no AMD GPU needed.
set -euo pipefail
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
  build-essential cmake ninja-build git binutils ca-certificates python3 sqlite3 \
  libfmt-dev nlohmann-json3-dev libsqlite3-dev libcurl4-openssl-dev libssl-dev \
  libgtest-dev libgmock-dev libcli11-dev libcpp-httplib-dev bubblewrap libseccomp-dev \
  hipcc libamdhip64-dev rocm-device-libs chromium >/dev/null
echo "dependencies installed"
