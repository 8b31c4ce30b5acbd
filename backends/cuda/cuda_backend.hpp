// CudaBackend (host side): compiles .cu candidates with nvcc into shared objects for the device's
// architecture (cached, safe to call from several threads at once), checks the task's library policy on
// the artifact, and probes the GPU without needing one. The worker executable kbench-worker-cuda runs them.
#pragma once
#include <memory>

#include "backends/backend.hpp"

namespace kbench {

std::unique_ptr<Backend> make_cuda_backend();

}  // namespace kbench
