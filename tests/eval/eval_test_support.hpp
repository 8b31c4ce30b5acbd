// Helpers for tests that call the evaluator in-process.
#pragma once
#include <filesystem>

#include "harness/eval/evaluator.hpp"
#include "tests/test_support.hpp"

namespace kbench::test {

// Default options with the cache in `cache`, the source tree's reference kernels and a short timing budget.
inline EvalOptions quick_eval_options(const std::filesystem::path& cache) {
  EvalOptions o = default_eval_options();
  o.cache_dir = cache;
  o.reference_root = source_dir() / "reference_kernels";
  o.timing.max_time_ms = 150;
  o.timing.min_time_ms = 10;
  return o;
}

}  // namespace kbench::test
