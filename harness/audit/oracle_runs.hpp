// One check call of a task as the audit sees it: its inputs (generated exactly as verification generates
// them), sizes and scalars, and the task's oracle run on it in float64 (the truth) or in float32 (the
// honest variant), with any scalar replaced.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/spec/task_spec.hpp"

namespace kbench {

using OutputValues = std::map<std::string, std::vector<double>>;  // by output name

struct AuditCall {
  const TaskSpec* task = nullptr;
  ShapeSet shape;
  SizeEnv env;
  std::map<std::string, std::vector<double>> inputs;  // as stored in their dtypes, read back exactly
  std::map<std::string, double> scalars;               // as the candidate sees them (rounded to their dtype)
  std::map<std::string, std::size_t> output_counts;
};

// The call verification makes at `shape` with trial seed `seed` (same inputs, same scalars).
AuditCall make_audit_call(const TaskSpec& task, const ShapeSet& shape, std::uint64_t seed);

// A scalar value as a candidate receives it (f32 scalars rounded to float).
double scalar_as_passed(const Argument& a, double v);

// The float64 oracle's outputs.
OutputValues oracle_f64(const AuditCall& call);
// The same oracle evaluated in float32 arithmetic (inputs converted to float, plain float accumulation).
OutputValues oracle_f32(const AuditCall& call);
// Whether the honest variant of this task computes in float32 (any 16- or 32-bit floating tensor); tasks
// of only integer or float64 tensors are computed in double.
bool honest_in_f32(const TaskSpec& task);

}  // namespace kbench
