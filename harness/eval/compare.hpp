// Output comparison against expected values (float64 from the oracle, or a verified reference's own dtype): element-wise and norm-wise tolerances,
// non-finite handling, first mismatch and a few examples.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/spec/task_spec.hpp"
#include "core/verdict/verdict.hpp"
#include "harness/eval/expected_values.hpp"

namespace kbench {

struct CompareResult {
  bool pass = true;
  ErrorMetrics metrics;
  std::string reason;  // why it failed, one line
};

// Compares `count` elements of `got` (dtype `t`) with `expected`.
// Pass when: every element with a finite expected value is finite and within
//   atol * max(1, rms(expected)) + rtol * |expected|   (integers: exactly equal),
// elements whose expected value is not finite match it exactly (same infinity, or NaN), and
// ||got - expected|| <= nrel * ||expected|| + floor * sqrt(n) (relative, with an absolute floor per element
// so that errors at the dtype's absolute scale on exact zeros pass). A norm-wise failure lists the elements
// with the largest errors (index, value, expected) as its examples.
CompareResult compare_output(const std::string& name, DType t, const void* got, const ExpectedValues& expected,
                             const Tolerance& tol);

// Keeps the worse of two results' metrics in `into` (by pass, then nrel).
void merge_worst(CompareResult& into, const CompareResult& other);

}  // namespace kbench
