// SpareCandidateWorker: see spare_worker.hpp.
#include "harness/eval/spare_worker.hpp"

#include <unistd.h>

#include <fstream>
#include <random>
#include <utility>

#include <fmt/format.h>

#include "core/util/cancellation.hpp"

namespace kbench {

namespace fs = std::filesystem;

StartedWorker start_candidate_worker(const fs::path& executable, const WorkerLaunch& launch, const fs::path& runs) {
  StartedWorker s;
  // The pid prefix lets the next Evaluator remove the folder when this kbench is killed (run_folders.hpp).
  s.work_dir = runs / fmt::format("{}-{}", getpid(), std::random_device{}() % 1000000007u);
  fs::create_directories(s.work_dir);
  const fs::path log = s.work_dir / "candidate.log";
  std::ofstream(log, std::ios::trunc).close();
  try {
    s.worker = std::make_unique<WorkerProcess>(executable, log, launch);
  } catch (...) {
    std::error_code ec;
    fs::remove_all(s.work_dir, ec);
    throw;
  }
  return s;
}

SpareCandidateWorker::~SpareCandidateWorker() {
  std::lock_guard lock(mutex_);
  if (kept_) drop(*kept_);
}

void SpareCandidateWorker::drop(Kept& kept) {
  if (!kept.started.valid()) return;
  std::optional<StartedWorker> s = kept.started.get();  // waits for a start under way
  if (!s) return;
  s->worker.reset();  // killed and reaped
  std::error_code ec;
  fs::remove_all(s->work_dir, ec);
}

std::optional<StartedWorker> SpareCandidateWorker::take(const fs::path& executable, bool sandboxed) {
  std::lock_guard lock(mutex_);
  if (!kept_) return std::nullopt;
  Kept kept = std::move(*kept_);
  kept_.reset();
  if (kept.executable != executable || kept.sandboxed != sandboxed) {
    drop(kept);
    return std::nullopt;
  }
  std::optional<StartedWorker> s = kept.started.get();
  if (s && (!s->worker->alive() || s->worker->exited())) {
    s->worker.reset();
    std::error_code ec;
    fs::remove_all(s->work_dir, ec);
    return std::nullopt;
  }
  return s;
}

void SpareCandidateWorker::keep(const fs::path& executable, bool sandboxed, StartedWorker started) {
  std::promise<std::optional<StartedWorker>> p;
  p.set_value(std::move(started));
  std::lock_guard lock(mutex_);
  if (kept_) drop(*kept_);
  kept_ = Kept{executable, sandboxed, p.get_future()};
}

void SpareCandidateWorker::start(const fs::path& executable, const WorkerLaunch& launch, bool sandboxed, const fs::path& runs,
                                 double timeout_s) {
  // Started on the calling thread: a worker dies with the thread that started it (PR_SET_PDEATHSIG), so
  // only the wait for its first reply runs on another.
  auto s = std::make_shared<StartedWorker>();
  try {
    *s = start_candidate_worker(executable, launch, runs);
  } catch (const std::exception& e) {
    fmt::print(stderr, "kbench: no spare candidate worker ({}); the next evaluation starts its own\n", e.what());
    return;
  }
  auto started = std::async(std::launch::async, [s, timeout_s]() -> std::optional<StartedWorker> {
    // Answered once its device runtime is up and its filter installed; a request that loads nothing.
    WorkerReply r;
    try {
      r = s->worker->request(protocol::ForgetArenasRequest{}, timeout_s);
    } catch (const std::exception& e) {  // kbench is stopping (Cancelled)
      r.detail = e.what();
    }
    if (r.kind != WorkerReply::Kind::ok) {
      if (!cancellation_requested())
        fmt::print(stderr, "kbench: the spare candidate worker did not start ({}); the next evaluation starts its own\n", r.detail);
      s->worker.reset();
      std::error_code ec;
      fs::remove_all(s->work_dir, ec);
      return std::nullopt;
    }
    return std::move(*s);
  });
  std::lock_guard lock(mutex_);
  if (kept_) drop(*kept_);
  kept_ = Kept{executable, sandboxed, std::move(started)};
}

void SpareCandidateWorker::wait_until_started() const {
  std::lock_guard lock(mutex_);
  if (kept_ && kept_->started.valid()) kept_->started.wait();
}

bool SpareCandidateWorker::holds() const {
  std::lock_guard lock(mutex_);
  return kept_.has_value();
}

}  // namespace kbench
