// Baseline worker pool (see baseline_workers.hpp).
#include "harness/eval/baseline_workers.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <map>
#include <mutex>
#include <vector>

namespace kbench {

namespace {
std::mutex pool_mutex;
std::map<std::string, std::vector<std::unique_ptr<WorkerProcess>>>& pool() {
  static std::map<std::string, std::vector<std::unique_ptr<WorkerProcess>>> workers;
  return workers;
}
}  // namespace

BaselineWorker take_baseline_worker(const std::string& key, const std::filesystem::path& executable,
                                    const std::filesystem::path& log_dir) {
  {
    std::unique_lock lock(pool_mutex);
    auto& free = pool()[key];
    while (!free.empty()) {
      auto w = std::move(free.back());
      free.pop_back();
      if (w->alive()) return {std::move(w), true};
    }
  }
  static std::atomic<int> started{0};
  const auto log = log_dir / fmt::format("reference-{}-{}.log", getpid(), started++);
  std::filesystem::create_directories(log_dir);
  std::ofstream(log, std::ios::trunc).close();
  return {std::make_unique<WorkerProcess>(executable, log), false};
}

void return_baseline_worker(const std::string& key, std::unique_ptr<WorkerProcess> worker) {
  if (!worker || !worker->alive()) return;
  std::unique_lock lock(pool_mutex);
  pool()[key].push_back(std::move(worker));
}

}  // namespace kbench
