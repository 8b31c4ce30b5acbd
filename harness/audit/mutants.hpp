// The mutants `kbench audit` judges: wrong outputs every task must reject (all zeros, a constant, the truth
// rounded to a narrower float type) and the scalar values a kernel might use instead of its argument (the
// spec's default, common constants, the values the spec calls confusable).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/spec/task_spec.hpp"

namespace kbench {

enum class OutputMutation { zeros, constant, round_f16, round_bf16 };
inline constexpr OutputMutation kOutputMutations[] = {OutputMutation::zeros, OutputMutation::constant,
                                                      OutputMutation::round_f16, OutputMutation::round_bf16};

std::string_view mutation_name(OutputMutation m);
// Whether `m` is a mutant for outputs of dtype `t`: zeros and constant always; 16-bit rounding of 32-bit
// float outputs (f16 and bf16), and bf16 rounding of f16 outputs (a narrower type than the task's).
bool mutation_applies(OutputMutation m, DType t);
// The mutant's values for one output whose true values are `truth`. `constant` is the mean of the truth
// (rounded for integer outputs): the best a constant can do. (The audit makes a one-element output's
// constant a fixed number across calls instead.)
std::vector<double> mutate(OutputMutation m, const std::vector<double>& truth, DType t);

// One wrong value for one scalar argument, per shape set.
struct ScalarMutant {
  std::string label;  // "default 1e-05", "eps 1e-06", "rsqrt(D)"
  const Argument* arg = nullptr;
  ScalarGuess guess;
};
// The spec's default value, the common constants for its kind of argument (names containing "eps":
// 1e-5, 1e-6, 1e-8, 1e-12) and the spec's confusable values.
std::vector<ScalarMutant> scalar_mutants(const TaskSpec& task);

}  // namespace kbench
