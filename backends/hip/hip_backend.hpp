// HipBackend (host side): compiles .hip candidates with hipcc into shared objects holding code for every
// chosen AMD offload target (cached, safe to call from several threads at once), checks the task's library
// policy on the artifact's imported symbols, and probes the GPU without needing one. CUDA sources compile
// too, through the compatibility headers in backends/hip/cuda_compat (that is how the HIP references are
// the CUDA ones). The worker executable kbench-worker-hip runs the artifacts.
#pragma once
#include <memory>

#include "backends/backend.hpp"

namespace kbench {

std::unique_ptr<Backend> make_hip_backend();

}  // namespace kbench
