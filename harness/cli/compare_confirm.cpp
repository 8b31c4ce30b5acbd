// confirm_regressions: see compare_confirm.hpp.
#include "harness/cli/compare_confirm.hpp"

#include <fmt/format.h>

#include <map>
#include <memory>

#include "backends/backend.hpp"

namespace kbench::cli {
namespace {

const RunSubject* find(const RunSubjects& s, const TaskComparison& t) {
  for (const auto& x : s.tasks)
    if (x.task_id == t.task_id && x.backend == t.backend) return &x;
  return nullptr;
}

// The timing of `shape` in a re-timed verdict; throws when the evaluation did not reach it.
const ShapeTiming& shape_of(const Verdict& v, const std::string& shape, const char* side) {
  if (!v.ok()) throw std::runtime_error(fmt::format("the {} source re-timed as {}: {}", side, status_name(v.status), v.detail));
  for (const auto& st : v.timings)
    if (st.shape == shape) return st;
  throw std::runtime_error(fmt::format("the {} source's re-timing has no shape {}", side, shape));
}

}  // namespace

void confirm_regressions(RunComparison& c, const RunSubjects& base, const RunSubjects& next, const Catalog& catalog,
                         const ConfirmSettings& settings) {
  std::map<std::string, std::unique_ptr<Backend>> backends;
  std::map<std::string, std::unique_ptr<Evaluator>> evaluators;
  for (TaskComparison& t : c.tasks) {
    if (t.outcome != TaskOutcomeKind::regressed_time || t.deciding_shape < 0) continue;
    const std::string shape = t.shapes[static_cast<std::size_t>(t.deciding_shape)].shape;
    try {
      const RunSubject *b = find(base, t), *n = find(next, t);
      if (!b || !n || !b->attempt || !n->attempt || b->attempt->source.empty() || n->attempt->source.empty())
        throw std::runtime_error("a side's source is not stored");
      const TaskSpec& task = catalog.get(t.task_id);
      if (!evaluators.count(t.backend)) {
        backends[t.backend] = make_backend(t.backend);
        evaluators[t.backend] = std::make_unique<Evaluator>(*backends[t.backend], settings.options);
      }
      Evaluator& evaluator = *evaluators[t.backend];
      const Candidate base_source = make_candidate(b->attempt->source, "base" + backends[t.backend]->source_extension());
      const Candidate next_source = make_candidate(n->attempt->source, "new" + backends[t.backend]->source_extension());
      Retiming r;
      for (int k = 0; k < settings.rounds; ++k) {
        if (settings.progress) fmt::print(settings.progress, "confirm {} ({}): re-timing round {} of {}\n", t.task_id, shape, k + 1, settings.rounds);
        // Which side goes first alternates (base, new, new, base, ...): always base first, the same source on
        // both sides was "confirmed" 14 % slower in a fresh-clone CI run, every new process slower than
        // every base one (the second evaluation of a pair ran slower there).
        if (k % 2 == 0) {
          r.base.push_back(shape_of(evaluator.evaluate(task, base_source), shape, "base"));
          r.next.push_back(shape_of(evaluator.evaluate(task, next_source), shape, "new"));
        } else {
          r.next.push_back(shape_of(evaluator.evaluate(task, next_source), shape, "new"));
          r.base.push_back(shape_of(evaluator.evaluate(task, base_source), shape, "base"));
        }
      }
      apply_confirmation(t, r, c.options);
    } catch (const std::exception& e) {
      t.confirmation = Confirmation::not_checked;
      t.confirmation_detail = std::string("could not be re-timed: ") + e.what();
    }
  }
}

}  // namespace kbench::cli
