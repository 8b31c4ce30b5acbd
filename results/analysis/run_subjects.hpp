// The attempt that stands for each task of a stored run: for `kbench run`/`eval`, the best candidate
// attempt (results/analysis/report's choice); for a baseline run, which holds no candidates, the reference kernel's.
// Shared by `kbench compare` and `kbench dashboard`.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "results/analysis/report.hpp"
#include "results/store/store.hpp"

namespace kbench {

struct RunSubject {
  std::string task_id, category, backend;
  std::optional<Status> status;          // best status; none for a listed task never tried
  std::optional<AttemptRecord> attempt;  // the best attempt, with its verdict and raw timing samples
};

struct RunSubjects {
  RunRecord run;
  std::string role;               // candidate | reference
  RunReport report;               // results/report over that role
  std::vector<RunSubject> tasks;  // by task id
  std::string device, compiler;   // of the first attempt that names them ("" when none does)
};

// Throws std::invalid_argument when the run is not in the store.
RunSubjects load_run_subjects(ResultStore& store, const std::string& run_id, ReportOptions options = {});

}  // namespace kbench
