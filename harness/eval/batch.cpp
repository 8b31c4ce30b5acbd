// evaluate_batch: a compile pool ahead of an in-order evaluator. See batch.hpp.
#include "harness/eval/batch.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/util/clock.hpp"

namespace kbench {
namespace {

using Clock = SteadyClock;

}  // namespace

BatchStats evaluate_batch(Evaluator& evaluator, const std::vector<BatchItem>& items, const BatchOptions& batch,
                          const VerdictSink& on_verdict) {
  Backend& backend = evaluator.backend();
  const auto t0 = Clock::now();
  BatchStats stats;
  if (items.empty()) return stats;
  const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
  const unsigned jobs = batch.compile_jobs ? batch.compile_jobs : hardware;
  stats.compile_jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, items.size()));
  // Host-timed backends: compile everything first. Otherwise compile at most `lookahead` past the
  // candidate being evaluated (bounded disk and CPU use on long batches).
  const bool all_first = backend.times_on_host_cores();
  const std::size_t lookahead = all_first ? items.size() : (batch.lookahead ? batch.lookahead : 4u * stats.compile_jobs);

  std::mutex mutex;
  std::condition_variable changed;
  std::vector<char> compiled(items.size(), 0);
  std::vector<CompiledCandidate> built(items.size());
  std::vector<std::string> compile_errors(items.size());  // what compile() threw (kbench's fault, e.g. no compiler)
  std::size_t next = 0, evaluating = 0, compiled_count = 0;
  bool stop = false;

  auto compile_loop = [&] {
    for (;;) {
      std::size_t i;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return stop || next >= items.size() || next <= evaluating + lookahead; });
        if (stop || next >= items.size()) return;
        i = next++;
      }
      CompiledCandidate result;
      std::string error;
      try {
        result = evaluator.compile(*items[i].task, items[i].candidate);
      } catch (const std::exception& e) {
        error = *e.what() ? e.what() : "compilation failed";
      }
      {
        std::lock_guard lock(mutex);
        built[i] = std::move(result);
        compile_errors[i] = std::move(error);
        compiled[i] = 1;
        ++compiled_count;
        stats.compiles_done_at = std::max(stats.compiles_done_at, seconds_since(t0));
      }
      changed.notify_all();
    }
  };

  std::vector<std::thread> pool;
  struct StopAndJoin {
    std::vector<std::thread>& pool;
    std::mutex& mutex;
    std::condition_variable& changed;
    bool& stop;
    ~StopAndJoin() {
      {
        std::lock_guard lock(mutex);
        stop = true;
      }
      changed.notify_all();
      for (auto& t : pool) t.join();
    }
  } stop_and_join{pool, mutex, changed, stop};
  for (unsigned j = 0; j < stats.compile_jobs; ++j) pool.emplace_back(compile_loop);

  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto wait_start = Clock::now();
    {
      std::unique_lock lock(mutex);
      evaluating = i;
      changed.notify_all();
      changed.wait(lock, [&] { return all_first ? compiled_count == items.size() : compiled[i] != 0; });
    }
    stats.compile_wait_seconds += seconds_since(wait_start);
    Verdict v;
    std::string error = compile_errors[i];
    if (error.empty()) {
      try {
        v = evaluator.evaluate_compiled(*items[i].task, built[i]);
      } catch (const std::exception& e) {
        error = *e.what() ? e.what() : "evaluation failed";
      }
    }
    built[i] = {};  // its artifact stays in the cache; nothing more is needed here
    on_verdict(i, v, error);
  }
  stats.seconds = seconds_since(t0);
  return stats;
}

}  // namespace kbench
