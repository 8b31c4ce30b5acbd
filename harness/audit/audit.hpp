// `kbench audit`: proves per task that the verdicts are right without running any kernel. At every check
// shape x seed (the inputs verification generates) it judges, with the same comparison and tolerances as
// verification: the honest variant (the task's oracle evaluated in float32 with plain accumulation, stored
// in the outputs' dtypes), which must be accepted; and the mutants (mutants.hpp), each of which must be
// rejected at some shape. It reports the margins between the honest variant's error and the tolerance and
// between the tolerance and the narrowest rejected mutant.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/spec/task_spec.hpp"

namespace kbench {

struct AuditOptions {
  int seeds = 3;                // trials per check shape (verification's default)
  std::uint64_t base_seed = 14;  // fixed, so that the audit is repeatable
};

// One mutant's fate over all check shapes x seeds.
struct MutantOutcome {
  std::string label;             // "y rounded to f16", "scale = rsqrt(D)"
  bool distinguishable = false;  // its stored outputs differ from the truth's somewhere
  bool rejected = false;         // some shape x seed judged it incorrect
  bool every_seed = false;       // some shape judged it incorrect at every seed (a verdict that does not
                                 // depend on the inputs' seed)
  bool required = true;          // false: a 16-bit rounding that is exact for this task, or a layout the
                                 // task's outputs do not depend on (not a fault)
  double max_ratio = 0.0;        // largest nrel / tolerance seen (how far beyond the tolerance it got)
  std::string rejected_at;       // the first shape that rejected it
};

struct TaskAudit {
  std::string task;
  bool honest_accepted = true;
  double honest_ratio = 0.0;      // largest honest nrel / tolerance (below 1 to pass; margin = 1 / ratio)
  std::string honest_worst_shape;
  std::string honest_failure;     // why it was rejected, with the shape
  std::vector<MutantOutcome> mutants;
  std::vector<std::string> problems;  // empty: the task passes the audit
  double narrowest_rejected_ratio() const;  // smallest max_ratio among rejected mutants (0 when none)
  bool ok() const { return problems.empty(); }
};

TaskAudit audit_task(const TaskSpec& task, const AuditOptions& opt = {});

nlohmann::json to_json(const TaskAudit& a);

}  // namespace kbench
