// BaselinePool: worker processes that hold only trusted code (reference and vendor kernels), reused across
// the evaluations of one Evaluator (or one server slot), so a batch, an LLM run or a server pays their start
// (a CUDA context, say) once. Keyed by backend and the artifacts they loaded; at most kMaxIdle are kept idle
// (each holds a device context), the least recently used going first. Candidate workers are never pooled.
#pragma once
#include <filesystem>
#include <list>
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
  std::size_t idle() const;

  static constexpr std::size_t kMaxIdle = 4;

 private:
  mutable std::mutex mutex_;
  std::list<std::pair<std::string, std::unique_ptr<WorkerProcess>>> free_;  // least recently returned first
  int started_ = 0;
};

}  // namespace kbench
