// `kbench selftest [--backend B] [--tasks GLOB] [--json]`: every task's reference kernel, run as a candidate
// through the full verify path. On a backend with no device here it checks that every reference compiles.
// Each result is printed before it is stored (with --db); one the database and its journal refuse is named
// on stderr and the command exits 2.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdio>

#include "backends/backend.hpp"
#include "core/sandbox/sandbox_availability.hpp"
#include "harness/cli/context.hpp"
#include "harness/cli/eval_options.hpp"
#include "harness/cli/run_provenance.hpp"
#include "harness/eval/batch.hpp"
#include "results/store/store.hpp"

namespace kbench::cli {

void register_selftest(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("selftest", "Check every reference kernel against the float64 oracle (or that it compiles)");
  struct Args {
    std::string tasks = "*", backend = "cpu";
    bool time = false, json = false;
    unsigned jobs = 0;
    EvalFlags flags;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("--tasks", a->tasks, "Glob(s) of task ids, comma-separated (default: all)");
  cmd->add_option("--backend,-b", a->backend, "Backend")->check(CLI::IsMember(backend_names()));
  add_eval_flags(cmd, a->flags);
  a->flags.options.time = false;
  cmd->add_flag("--time", a->time, "Also time each reference at its bench shapes");
  cmd->add_option("--jobs,-j", a->jobs, "Compiler processes at once (0: one per hardware thread)");
  cmd->add_flag("--json", a->json, "Print one JSON object (every task's result); progress lines go to stderr");
  cmd->callback([&ctx, a] {
    std::FILE* progress = a->json ? stderr : stdout;  // with --json, stdout holds the JSON alone
    nlohmann::json results = nlohmann::json::array();
    auto result = [&](const std::string& task, const std::string& outcome, const std::string& detail) {
      results.push_back({{"task", task}, {"result", outcome}, {"detail", detail}});
    };
    auto backend = make_backend(a->backend);
    const auto tasks = ctx.catalog().select(a->tasks);
    EvalOptions opt = resolved_options(a->flags, ctx.root);
    opt.time = a->time;
    // kbench's own reference kernels are trusted: where the sandbox cannot start they run outside it.
    if (!opt.unsandboxed && !sandbox_availability().available) {
      opt.unsandboxed = true;
      fmt::print(progress, "no sandbox here, so the references run outside it: {}\n", sandbox_availability().why_not);
    }
    std::unique_ptr<ResultStore> store;
    std::string run;
    if (!a->flags.db.empty() && !a->flags.no_db) {  // a self-check is stored only when asked for with --db
      store = std::make_unique<ResultStore>(resolved_db(a->flags));
      run = store->begin_run("selftest", ctx.command_line, {{"tasks", a->tasks}, {"backend", a->backend}},
                             run_provenance(a->flags.label));
    }
    int passed = 0, compiled_only = 0, missing = 0;
    std::vector<std::string> failed, unstored;
    // References run as candidates through evaluate_batch: compiled ahead in parallel, judged in order.
    std::vector<BatchItem> items;
    for (const TaskSpec* t : tasks) {
      if (!t->references.count(a->backend)) {
        ++missing;
        fmt::print(progress, "{:<40} MISSING  no {} reference\n", t->id, a->backend);
        result(t->id, "missing", fmt::format("no {} reference", a->backend));
        failed.push_back(t->id);
        continue;
      }
      std::string source;
      try {
        source = reference_source(*t, a->backend, opt);
      } catch (const std::exception& e) {
        fmt::print(progress, "{:<40} ERROR    {}\n", t->id, e.what());
        result(t->id, "error", e.what());
        failed.push_back(t->id);
        continue;
      }
      items.push_back({t, make_candidate(std::move(source), "reference" + backend->source_extension())});
    }
    BatchOptions batch;
    batch.compile_jobs = a->jobs;
    opt.spare_worker = items.size() > 1;
    Evaluator evaluator(*backend, opt);
    evaluate_batch(evaluator, items, batch, [&](std::size_t i, const Verdict& v, const std::string& error) {
      const TaskSpec& t = *items[i].task;
      if (!error.empty()) {
        fmt::print(progress, "{:<40} ERROR    {}\n", t.id, error);
        result(t.id, "error", error);
        failed.push_back(t.id);
        std::fflush(progress);
        return;
      }
      const bool ok = v.ok() || v.status == Status::compiled;
      if (v.ok()) ++passed;
      if (v.status == Status::compiled) ++compiled_only;
      if (!ok) failed.push_back(t.id);
      fmt::print(progress, "{:<40} {:<8} {}{}\n", t.id, ok ? "ok" : "FAIL", status_name(v.status),
                 v.ok() ? fmt::format(" (nrel {:.2g})", v.metrics.nrel) : ok ? "" : ": " + v.detail);
      if (!ok && !v.compile_log.empty()) fmt::print(progress, "{}\n", v.compile_log);
      std::fflush(progress);  // progress shows up in CI logs as it happens
      if (a->json) {
        nlohmann::json j = to_json(v);
        j["task"] = t.id;
        j["result"] = ok ? "ok" : "fail";
        results.push_back(std::move(j));
      }
      if (store) {
        try {
          store->record_attempt(run, t.id, a->backend, items[i].candidate, v, AttemptOrigin::reference());
        } catch (const std::exception& e) {
          unstored.push_back(t.id);
          fmt::print(stderr, "kbench: the selftest result of {} was not stored: {}\n", t.id, e.what());
        }
      }
    });
    if (store && unstored.empty()) store->finish_run(run);
    if (a->json) {
      const nlohmann::json out = {{"run", run.empty() ? nlohmann::json() : nlohmann::json(run)},
                                  {"backend", a->backend},
                                  {"tasks", results},
                                  {"verified", passed},
                                  {"compiled_only", compiled_only},
                                  {"without_reference", missing},
                                  {"failed", failed},
                                  {"unstored", unstored}};
      fmt::print("{}\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
    } else {
      fmt::print("selftest {}: {} tasks, {} verified, {} compiled only (no device), {} failed{}\n", a->backend, tasks.size(),
                 passed, compiled_only, failed.size(), missing ? fmt::format(" ({} without reference)", missing) : "");
      for (const auto& f : failed) fmt::print("  failed: {}\n", f);
    }
    ctx.exit_code = failed.empty() ? kExitOk : kExitVerdict;
    if (!unstored.empty()) {
      fmt::print(stderr, "kbench: {} results were printed but not stored (see above): {}\n", unstored.size(),
                 fmt::join(unstored, ", "));
      ctx.exit_code = kExitError;
    }
  });
}

}  // namespace kbench::cli
