// Throughput of the CUDA evaluation path: 50 distinct vector_add candidates through evaluate_batch (a
// pool of compile threads, nvcc one process each, ahead of in-order verify + time on the GPU, default
// options). Prints candidates/s and the per-stage times.
// Usage: kbench-bench-cuda-throughput [--count N] [--jobs J] [--trials T] [--max-time-ms MS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <numeric>
#include <thread>

#include "backends/backend.hpp"
#include "bench/cuda/vector_add_variants.hpp"
#include "harness/eval/batch.hpp"
#include "core/util/paths.hpp"

using namespace kbench;

static double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

int main(int argc, char** argv) {
  std::size_t count = 50;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  EvalOptions opt = default_eval_options();
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--count")) count = std::stoul(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--jobs")) jobs = static_cast<unsigned>(std::stoul(argv[i + 1]));
    else if (!std::strcmp(argv[i], "--trials")) opt.trials = std::stoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--max-time-ms")) opt.timing.max_time_ms = std::stod(argv[i + 1]);
    else {
      std::fprintf(stderr, "unknown option %s\n", argv[i]);
      return 2;
    }
  }
  const TaskSpec task = load_task_spec(kbench_root() / "tasks" / "elementwise" / "vector_add.json");
  auto backend = make_backend("cuda");
  if (!backend->probe_device()) {
    std::printf("no CUDA device: nothing to measure\n");
    return 1;
  }
  auto sources = bench::vector_add_variants();
  sources.resize(std::min(count, sources.size()));
  std::vector<Candidate> candidates;
  for (std::size_t i = 0; i < sources.size(); ++i)
    candidates.push_back(make_candidate(sources[i], "variant" + std::to_string(i) + ".cu"));

  // evaluate_batch: a pool of compile threads runs ahead while the GPU judges candidates in order.
  std::vector<BatchItem> items;
  for (const auto& c : candidates) items.push_back({&task, c});
  std::vector<double> eval_seconds;
  std::map<std::string, int> statuses;
  double best_ns = 1e300;
  std::size_t best = 0;
  BatchOptions batch;
  batch.compile_jobs = jobs;
  Evaluator evaluator(*backend, opt);
  const BatchStats stats = evaluate_batch(evaluator, items, batch, [&](std::size_t i, const Verdict& v, const std::string& error) {
    if (!error.empty()) throw HarnessError(error);
    eval_seconds.push_back(v.verify_seconds + v.time_seconds);
    ++statuses[std::string(status_name(v.status))];
    if (v.ok() && !v.timings.empty() && v.timings[0].candidate.median_ns < best_ns) {
      best_ns = v.timings[0].candidate.median_ns;
      best = i;
    }
    if (!v.ok()) std::printf("variant %zu: %s: %s\n", i, std::string(status_name(v.status)).c_str(), v.detail.c_str());
  });
  const double total = stats.seconds;

  std::printf("\n== CUDA evaluation throughput: %zu distinct vector_add candidates, %u compile jobs, trials %d ==\n",
              candidates.size(), jobs, opt.trials);
  for (const auto& [s, n] : statuses) std::printf("  %s: %d\n", s.c_str(), n);
  std::printf("  total wall            %8.2f s  -> %.2f candidates/s\n", total, candidates.size() / total);
  std::printf("  all compiles done at  %8.2f s\n", stats.compiles_done_at);
  std::printf("  verify + time         median %.3f s per candidate, sum %.2f s\n", median(eval_seconds),
              std::accumulate(eval_seconds.begin(), eval_seconds.end(), 0.0));
  std::printf("  waiting for compiles  sum %.2f s\n", stats.compile_wait_seconds);
  if (best_ns < 1e300) std::printf("  fastest variant %zu: %.1f us\n", best, best_ns / 1e3);
  return statuses.count("correct") && statuses["correct"] == static_cast<int>(candidates.size()) ? 0 : 1;
}
