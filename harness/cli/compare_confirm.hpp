// `kbench compare --confirm`: re-times the two sides of every timing regression in this one session,
// interleaved (base, new, base, new, ...; each evaluation its own worker processes) from the sources
// stored with the runs, and lets results/analysis apply_confirmation judge whether the regression holds.
// A regression the re-timing does not reproduce is "not confirmed" and no longer fails the gate.
#pragma once
#include <cstdio>

#include "core/spec/catalog.hpp"
#include "harness/eval/evaluator.hpp"
#include "results/analysis/run_compare.hpp"

namespace kbench::cli {

struct ConfirmSettings {
  int rounds = 3;             // evaluations per side
  EvalOptions options;        // timing policy, sandbox, reference root
  std::FILE* progress = stderr;
};

// Re-times the regressed_time tasks of `c` (those whose attempts hold their sources and whose task is
// in the catalog) and records each one's confirmation; a task that cannot be re-timed keeps its
// regression and says why in its confirmation detail.
void confirm_regressions(RunComparison& c, const RunSubjects& base, const RunSubjects& next, const Catalog& catalog,
                         const ConfirmSettings& settings);

}  // namespace kbench::cli
