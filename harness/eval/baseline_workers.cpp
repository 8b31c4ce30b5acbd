// BaselinePool (see baseline_workers.hpp).
#include "harness/eval/baseline_workers.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>

namespace kbench {

BaselineWorker BaselinePool::take(const std::string& key, const std::filesystem::path& executable,
                                  const std::filesystem::path& log_dir) {
  int number;
  {
    std::unique_lock lock(mutex_);
    for (auto it = free_.end(); it != free_.begin();) {  // the most recently returned first
      --it;
      if (it->first != key) continue;
      auto w = std::move(it->second);
      it = free_.erase(it);
      // One that ended while idle (killed, or its starting thread's death signal) is dropped and reaped.
      if (w->alive() && !w->exited()) return {std::move(w), true};
    }
    number = started_++;
  }
  const auto log = log_dir / fmt::format("reference-{}-{}-{}.log", getpid(), static_cast<const void*>(this), number);
  std::filesystem::create_directories(log_dir);
  std::ofstream(log, std::ios::trunc).close();
  // Stopped between requests like a candidate's worker, so that both sides of a timed round pay the same
  // stop and resume in the parent's bracket (harness/eval/timed_rounds.hpp).
  WorkerLaunch launch;
  launch.freeze_between_requests = true;
  return {std::make_unique<WorkerProcess>(executable, log, launch), false};
}

void BaselinePool::give_back(const std::string& key, std::unique_ptr<WorkerProcess> worker) {
  if (!worker || !worker->alive()) return;
  std::unique_ptr<WorkerProcess> evicted;  // declared first: stopped after the lock is released
  std::unique_lock lock(mutex_);
  free_.emplace_back(key, std::move(worker));
  if (free_.size() > kMaxIdle) {
    evicted = std::move(free_.front().second);
    free_.pop_front();
  }
}

std::size_t BaselinePool::idle() const {
  std::unique_lock lock(mutex_);
  return free_.size();
}

}  // namespace kbench
