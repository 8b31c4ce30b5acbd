// Evaluator: the shared state of many evaluations (baseline workers, reference timings) and the entry
// points that run one Evaluation each. See evaluator.hpp.
#include "harness/eval/evaluator.hpp"
#include "harness/eval/run_folders.hpp"
#include "harness/eval/reference_arenas.hpp"
#include "harness/eval/spare_worker.hpp"

#include <cstdlib>
#include <fstream>
#include <string_view>
#include <sstream>

#include "harness/eval/baseline_workers.hpp"
#include "harness/eval/evaluation.hpp"
#include "harness/eval/verdict_text.hpp"
#include "harness/eval/reference_timings.hpp"
#include "core/util/paths.hpp"
#include "core/util/private_dir.hpp"

namespace kbench {

namespace fs = std::filesystem;

namespace {

// What every entry point returns: the verdict without the environment's secrets (verdict_text.hpp), its text valid UTF-8.
Verdict sanitised(Verdict v) {
  sanitise_verdict_text(v);
  return v;
}

// `dir`, or cache_root() when empty (found here, not in default_eval_options, so that only commands that
// evaluate fail without a home), made private: cached artifacts are loaded and run, so a cache another
// user can write to is refused before anything runs. HarnessError when there is none or it is refused.
fs::path private_cache_folder(fs::path dir) {
  try {
    if (dir.empty()) dir = cache_root();
  } catch (const std::runtime_error& e) {
    throw HarnessError(e.what());
  }
  try {
    return ensure_private_dir(dir);  // the resolved folder, not a symlink that could be swapped later
  } catch (const std::runtime_error& e) {
    throw HarnessError("cache folder " + std::string(e.what()));
  }
}

}  // namespace

EvalOptions default_eval_options() {
  EvalOptions o;
  o.reference_root = kbench_root() / "reference_kernels";
  if (const char* v = std::getenv("KBENCH_ALLOW_UNSANDBOXED"); v && std::string_view(v) == "1") o.unsandboxed = true;
  return o;
}

std::string reference_source(const TaskSpec& task, const std::string& backend, const EvalOptions& options) {
  auto it = task.references.find(backend);
  if (it == task.references.end()) throw HarnessError(task.id + " has no " + backend + " reference kernel");
  const fs::path path = options.reference_root / it->second;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw HarnessError(task.id + ": reference kernel not found at " + path.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct SharedBaselines {
  BaselinePool pool;
  ReferenceTimings timings;
  SpareCandidateWorker spare;  // the next candidate's worker, started ahead (EvalOptions::spare_worker)
  ReferenceArenas arenas;      // the reference's bench-shape arena, kept for the next evaluation
};

std::shared_ptr<SharedBaselines> make_shared_baselines() { return std::make_shared<SharedBaselines>(); }

Evaluator::Evaluator(Backend& backend, EvalOptions options, std::shared_ptr<SharedBaselines> shared)
    : backend_(backend), options_(std::move(options)), shared_(shared ? std::move(shared) : make_shared_baselines()) {
  options_.cache_dir = private_cache_folder(options_.cache_dir);
  shared_->timings.persist_in(options_.cache_dir / "reference-timings");  // found by the next kbench too
  remove_abandoned_run_folders(options_.cache_dir / "runs");  // left by a kbench that was killed
}

Evaluator::~Evaluator() = default;

CompiledCandidate Evaluator::compile(const TaskSpec& task, const Candidate& candidate) const {
  return compile_source(task, backend_, options_, candidate, true);
}

Verdict Evaluator::evaluate(const TaskSpec& task, const Candidate& candidate) {
  return sanitised(Evaluation(task, backend_, options_, shared_->pool, shared_->timings, false, &shared_->spare, &shared_->arenas).run(candidate));
}

Verdict Evaluator::evaluate_compiled(const TaskSpec& task, const CompiledCandidate& built) {
  return sanitised(Evaluation(task, backend_, options_, shared_->pool, shared_->timings, false, &shared_->spare, &shared_->arenas).run_compiled(built));
}

Verdict Evaluator::evaluate_reference(const TaskSpec& task) {
  const Candidate ref = make_candidate(reference_source(task, backend_.name(), options_), "reference" + backend_.source_extension());
  return sanitised(Evaluation(task, backend_, options_, shared_->pool, shared_->timings, true, nullptr, &shared_->arenas).run(ref));
}

}  // namespace kbench
