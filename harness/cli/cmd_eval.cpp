// `kbench eval FILE --task TASK --backend B [--json] [--db PATH]`: judge one candidate.
// Exit 0 when correct, 1 for any other verdict, 2 for usage or harness errors.
#include <fmt/format.h>

#include "backends/backend.hpp"
#include "harness/cli/context.hpp"
#include "harness/cli/eval_options.hpp"
#include "harness/cli/verdict_printer.hpp"
#include "results/store.hpp"

namespace kbench::cli {

void register_eval(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("eval", "Compile, verify and time one candidate source file");
  struct Args {
    std::string file, task, backend = "cpu";
    bool json = false;
    EvalFlags flags;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("FILE", a->file, "Candidate source (defines extern \"C\" void solve(...))")->required()->check(CLI::ExistingFile);
  cmd->add_option("--task,-t", a->task, "Task id (see `kbench list`)")->required();
  cmd->add_option("--backend,-b", a->backend, "Backend")->check(CLI::IsMember(backend_names()));
  cmd->add_flag("--json", a->json, "Print the verdict as one JSON object");
  add_eval_flags(cmd, a->flags);
  cmd->callback([&ctx, a] {
    const TaskSpec& task = ctx.catalog().get(a->task);
    auto backend = make_backend(a->backend);
    const Candidate cand = load_candidate(a->file);
    const Verdict v = evaluate_candidate(task, *backend, cand, resolved_options(a->flags, ctx.root));
    if (!a->flags.no_db) {
      ResultStore store(resolved_db(a->flags));
      const std::string run = store.begin_run("eval", ctx.command_line, {{"task", task.id}, {"backend", a->backend}});
      AttemptRecord rec;
      rec.run_id = run;
      rec.task_id = task.id;
      rec.backend = a->backend;
      rec.source = cand.source;
      rec.source_hash = cand.hash;
      rec.verdict = v;
      store.add_attempt(rec);
      store.finish_run(run);
    }
    if (a->json) {
      nlohmann::json j = to_json(v);
      j["task"] = task.id;
      j["backend"] = a->backend;
      j["source_hash"] = cand.hash;
      if (!v.timings.empty()) {
        j["candidate_median_ns"] = v.timings.front().candidate.median_ns;
        j["reference_median_ns"] = v.timings.front().reference.median_ns;
      }
      fmt::print("{}\n", j.dump(2));
    } else {
      fmt::print("{}", format_verdict_text(task.id, a->backend, v));
    }
    ctx.exit_code = v.ok() ? kExitOk : kExitVerdict;
  });
}

}  // namespace kbench::cli
