// Pool of worker processes that hold only trusted code (reference and vendor kernels), reused across
// evaluations in one process: a batch or an LLM run pays their start (a CUDA context, say) once.
// Keyed by backend and the artifacts they loaded. Candidate workers are never pooled.
#pragma once
#include <filesystem>
#include <memory>
#include <string>

#include "harness/worker/supervisor.hpp"

namespace kbench {

struct BaselineWorker {
  std::unique_ptr<WorkerProcess> worker;
  bool loaded = false;  // true when it came from the pool with its kernels already loaded
};

// A loaded worker from the pool, or a freshly started one (loaded = false; its device initialises while
// the caller does other work). `log_dir` receives the fresh worker's log.
BaselineWorker take_baseline_worker(const std::string& key, const std::filesystem::path& executable,
                                    const std::filesystem::path& log_dir);
// Hands a worker back; only call it for a worker whose kernels are loaded. Dead workers are dropped.
void return_baseline_worker(const std::string& key, std::unique_ptr<WorkerProcess> worker);

}  // namespace kbench
