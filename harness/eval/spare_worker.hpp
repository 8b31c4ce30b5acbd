// SpareCandidateWorker: the next candidate's worker, started before its candidate is known, so that the
// next evaluation of a server slot or a batch finds its device runtime up (a CUDA context takes ~0.2 s to
// start) instead of waiting for it. A spare has run no code but kbench's: it is started exactly as a fresh
// candidate worker is (the same executable, sandbox and limits), in a run folder of its own, and goes to
// one evaluation only. It is started on the caller's thread (a worker dies with the thread that started
// it), which then goes on while another thread waits for its reply to one request that loads nothing
// (forget_arenas: answered once the device runtime is up and the system call filter is in); it is then
// stopped like any worker between requests. The thread that starts spares must outlive them. A worker that ever held a candidate is never kept,
// so no worker serves two candidates.
#pragma once
#include <filesystem>
#include <future>
#include <memory>
#include <mutex>
#include <optional>

#include "harness/worker/supervisor.hpp"

namespace kbench {

// A candidate worker and the run folder (<runs>/<pid>-<n>) that holds its log, candidate.log.
struct StartedWorker {
  std::unique_ptr<WorkerProcess> worker;
  std::filesystem::path work_dir;
};

// Starts a candidate worker in a fresh run folder under `runs`; throws when it cannot start.
StartedWorker start_candidate_worker(const std::filesystem::path& executable, const WorkerLaunch& launch,
                                     const std::filesystem::path& runs);

class SpareCandidateWorker {
 public:
  SpareCandidateWorker() = default;
  SpareCandidateWorker(const SpareCandidateWorker&) = delete;
  SpareCandidateWorker& operator=(const SpareCandidateWorker&) = delete;
  ~SpareCandidateWorker();  // a spare left is killed and its folder removed

  // The spare, once its start has finished, when it was started for this executable and sandbox setting
  // and answered; else nothing (a spare of another kind, or one that failed or ended, is dropped).
  std::optional<StartedWorker> take(const std::filesystem::path& executable, bool sandboxed);
  // Keeps `started` as the spare (replacing any other). Only for a worker that never held a candidate.
  void keep(const std::filesystem::path& executable, bool sandboxed, StartedWorker started);
  // Starts one for the next evaluation (replacing any other), its first reply awaited on another thread; one that cannot start or
  // does not answer within `timeout_s` is not kept (the next evaluation starts its own and says why).
  void start(const std::filesystem::path& executable, const WorkerLaunch& launch, bool sandboxed,
             const std::filesystem::path& runs, double timeout_s);
  // Waits until a start under way has finished, so that nothing of it runs beside a timing.
  void wait_until_started() const;
  bool holds() const;

 private:
  struct Kept {
    std::filesystem::path executable;
    bool sandboxed = false;
    std::future<std::optional<StartedWorker>> started;
  };
  static void drop(Kept& kept);

  mutable std::mutex mutex_;
  std::optional<Kept> kept_;
};

}  // namespace kbench
