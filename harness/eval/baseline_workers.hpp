// BaselinePool: worker processes that hold only trusted code (reference and vendor kernels), reused across
// the evaluations of one Evaluator, so a batch or an LLM run pays their start (a CUDA context, say) once.
// Keyed by backend and the artifacts they loaded. Candidate workers are never pooled.
#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "harness/worker/supervisor.hpp"

namespace kbench {

struct BaselineWorker {
  std::unique_ptr<WorkerProcess> worker;
  bool loaded = false;  // true when it came from the pool with its kernels already loaded
};

class BaselinePool {
 public:
  // A loaded worker from the pool, or a freshly started one (loaded = false; its device initialises while
  // the caller does other work). `log_dir` receives the fresh worker's log.
  BaselineWorker take(const std::string& key, const std::filesystem::path& executable, const std::filesystem::path& log_dir);
  // Hands a worker back; only call it for a worker whose kernels are loaded. Dead workers are dropped.
  void give_back(const std::string& key, std::unique_ptr<WorkerProcess> worker);

 private:
  std::mutex mutex_;
  std::map<std::string, std::vector<std::unique_ptr<WorkerProcess>>> free_;
  int started_ = 0;
};

}  // namespace kbench
