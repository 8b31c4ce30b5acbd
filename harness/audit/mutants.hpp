// The mutants `kbench audit` judges: wrong outputs every task must reject (all zeros, a constant, the truth
// rounded to a narrower float type), the scalar values a kernel might use instead of its argument (the
// spec's default, common constants, the values the spec calls confusable) and inputs read in the wrong
// layout (last two axes swapped).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/spec/task_spec.hpp"

namespace kbench {

enum class OutputMutation { zeros, constant, round_f16, round_bf16, round_4_bits };
inline constexpr OutputMutation kOutputMutations[] = {OutputMutation::zeros, OutputMutation::constant, OutputMutation::round_f16,
                                                      OutputMutation::round_bf16, OutputMutation::round_4_bits};

std::string_view mutation_name(OutputMutation m);
// Whether `m` is a mutant for outputs of dtype `t`: zeros and constant always; 16-bit rounding of 32-bit
// float outputs (f16 and bf16), bf16 rounding of f16 outputs, and rounding of bf16 outputs to 4 significant
// bits (fp8 e4m3's precision): each time a narrower type than the task's.
bool mutation_applies(OutputMutation m, DType t);
// The mutant's values for one output whose true values are `truth`. `constant` is the mean of the truth
// (rounded for integer outputs): the best a constant can do. (The audit makes a one-element output's
// constant a fixed number across calls instead.)
std::vector<double> mutate(OutputMutation m, const std::vector<double>& truth, DType t);

// Input `values` of shape `dims` read in the wrong layout: each trailing [R, C] matrix read as if it were
// stored column-major ([C, R] row-major), i.e. its last two axes swapped. A permutation of the values.
std::vector<double> read_transposed(const std::vector<double>& values, const std::vector<std::int64_t>& dims);

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
