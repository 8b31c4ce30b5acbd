// `kbench eval FILE... --task TASK --backend B [--jobs J] [--json] [--db PATH]`: judge candidates.
// One file: its verdict. Several: judged one at a time in order while the next ones compile (see
// harness/eval/batch.hpp), one verdict each, all stored in one run. Exit 0 when every verdict is
// correct, 1 for any other verdict, 2 for usage or harness errors.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdio>

#include "backends/backend.hpp"
#include "harness/cli/context.hpp"
#include "harness/cli/eval_options.hpp"
#include "harness/cli/run_provenance.hpp"
#include "harness/cli/verdict_printer.hpp"
#include "harness/eval/batch.hpp"
#include "harness/eval/verdict_json.hpp"
#include "results/store/store.hpp"

namespace kbench::cli {
void register_eval(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("eval", "Compile, verify and time candidate source files");
  struct Args {
    std::vector<std::string> files;
    std::string task, backend = "cpu";
    bool json = false;
    unsigned jobs = 0;
    EvalFlags flags;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("FILE", a->files, "Candidate sources (each defines extern \"C\" void solve(...))")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--task,-t", a->task, "Task id (see `kbench list`)")->required();
  cmd->add_option("--backend,-b", a->backend, "Backend")->check(CLI::IsMember(backend_names()));
  cmd->add_option("--jobs,-j", a->jobs, "Compiler processes at once for several files (0: one per hardware thread)");
  cmd->add_flag("--json", a->json, "Print the verdict as one JSON object (an array for several files)");
  add_eval_flags(cmd, a->flags);
  cmd->callback([&ctx, a] {
    const TaskSpec& task = ctx.catalog().get(a->task);
    auto backend = make_backend(a->backend);
    std::vector<BatchItem> items;
    for (const auto& f : a->files) items.push_back({&task, load_candidate(f)});
    EvalOptions options = resolved_options(a->flags, ctx.root);
    options.spare_worker = items.size() > 1;  // each next candidate finds its worker started

    // The database is opened first (a bad path fails before any work); the run begins with the first
    // verdict, and every attempt is stored as soon as it is judged: an interrupted batch keeps what it had.
    std::optional<ResultStore> store;
    std::string run;
    if (!a->flags.no_db) store.emplace(resolved_db(a->flags));
    nlohmann::json all = nlohmann::json::array();
    std::size_t correct = 0;
    std::vector<std::string> unstored;
    BatchOptions batch;
    batch.compile_jobs = a->jobs;
    Evaluator evaluator(*backend, options);
    const BatchStats stats = evaluate_batch(evaluator, items, batch, [&](std::size_t i, const Verdict& v, const std::string& error) {
      if (!error.empty()) throw HarnessError(error);  // kbench's or the task's fault: exit 2, as for one file
      const Candidate& cand = items[i].candidate;
      if (v.ok()) ++correct;
      if (a->json) {
        all.push_back(candidate_verdict_json(v, task.id, a->backend, cand, a->files[i]));
      } else {
        if (a->files.size() > 1) fmt::print("== {} ==\n", a->files[i]);
        fmt::print("{}", format_verdict_text(task.id, a->backend, v));
        std::fflush(stdout);
      }
      // Stored after it is shown: a verdict that neither the database nor its journal can take is still
      // the user's, and the batch goes on (store.hpp keeps what the database refuses for now).
      if (store) {
        try {
          if (run.empty()) {
            nlohmann::json meta = {{"task", task.id}, {"backend", a->backend},
                                   {"timing_policy", options.time ? options.timing.name : "none"}};
            if (items.size() > 1) meta["files"] = items.size();
            run = store->begin_run("eval", ctx.command_line, meta, run_provenance(a->flags.label));
          }
          store->record_attempt(run, task.id, a->backend, cand, v);
        } catch (const std::exception& e) {
          unstored.push_back(a->files[i]);
          fmt::print(stderr, "kbench: the verdict of {} was not stored: {}\n", a->files[i], e.what());
        }
      }
    });
    if (store && !run.empty() && unstored.empty()) store->finish_run(run);
    if (a->json) {
      fmt::print("{}\n", (a->files.size() == 1 ? all.front() : all).dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
    } else if (a->files.size() > 1) {
      fmt::print("{} of {} correct; {:.1f} s in all ({:.2f} candidates/s, {} compile jobs, {:.1f} s waiting for compiles)\n",
                 correct, items.size(), stats.seconds, static_cast<double>(items.size()) / stats.seconds,
                 stats.compile_jobs, stats.compile_wait_seconds);
    }
    ctx.exit_code = correct == items.size() ? kExitOk : kExitVerdict;
    if (!unstored.empty()) {  // printed, but lost to the database: kbench's failure, not the verdicts'
      fmt::print(stderr, "kbench: {} of {} verdicts were printed but not stored (see above): {}\n", unstored.size(),
                 items.size(), fmt::join(unstored, ", "));
      ctx.exit_code = kExitError;
    }
  });
}

}  // namespace kbench::cli
