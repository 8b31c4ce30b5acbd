// CompileAhead: compiles queued evaluations while the slots judge earlier ones, so that a candidate's
// compile (about a second of nvcc) overlaps the device's work instead of adding to it; what it compiles
// lands in the compile cache, where the evaluation finds it (its verdict says compile_cached). Bounded: at
// most `threads` compiles at a time, only for jobs still queued. On backends that time on the host's cores
// (the CPU backend) a compile holds the host gate shared, so it never runs beside a timed evaluation; on
// GPU backends compiles run beside the device's work, as in batches (harness/eval/batch).
#pragma once
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "harness/eval/evaluator.hpp"
#include "harness/serve/evaluation_request.hpp"
#include "harness/serve/host_gate.hpp"

namespace kbench::serve {

class CompileAhead {
 public:
  // `compiler` compiles (Evaluator::compile is thread-safe) and must outlive this; `gate` is held shared
  // around each compile when not null.
  CompileAhead(const Evaluator& compiler, unsigned threads, HostGate* gate);
  ~CompileAhead();
  CompileAhead(const CompileAhead&) = delete;
  CompileAhead& operator=(const CompileAhead&) = delete;

  // A job was queued: compile it when a thread is free.
  void add(const std::string& id, const EvaluationRequest& request);
  // The job is about to be evaluated: a compile not yet started is dropped (the evaluation compiles
  // itself), one under way is waited for (so the evaluation finds it in the cache, not compiles it twice).
  void settle(const std::string& id);
  // No more compiles: pending ones are dropped, running ones finish (the destructor waits for them).
  void close();

  std::size_t compiled() const;  // compiles finished (for tests and health)

 private:
  struct Pending {
    std::string id;
    const TaskSpec* task;
    Candidate candidate;
  };
  void loop();

  const Evaluator& compiler_;
  HostGate* gate_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Pending> pending_;
  std::map<std::string, int> running_;  // ids being compiled
  std::size_t compiled_ = 0;
  bool closed_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace kbench::serve
