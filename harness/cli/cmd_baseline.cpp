// `kbench baseline [--tasks GLOB] [--backend B] [--json]`: time the reference kernels and store them.
// Each task's line (or, with --json, its object) is printed before it is stored: a result the database
// and its journal both refuse is still the user's, named on stderr, and the command exits 2.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdio>

#include "backends/backend.hpp"
#include "harness/cli/context.hpp"
#include "harness/cli/eval_options.hpp"
#include "harness/cli/run_provenance.hpp"
#include "core/util/format.hpp"
#include "harness/cli/verdict_printer.hpp"
#include "results/store/store.hpp"

namespace kbench::cli {
namespace {

std::string baseline_line(const TaskSpec& t, const Verdict& v) {
  if (v.timings.empty()) return fmt::format("{:<40} {}: {}\n", t.id, status_name(v.status), v.detail);
  std::string out;
  for (const auto& st : v.timings)
    out += fmt::format("{:<40} {} {:>12}  cv {:4.1f}%  {:8.1f} GB/s {:9.2f} GFLOP/s  [{}]{}\n", t.id, status_name(v.status),
                       format_duration_ns(st.reference.median_ns), st.reference.cv * 100, st.achieved_bytes_per_s / 1e9,
                       st.achieved_flops / 1e9, st.shape,
                       st.vendor ? fmt::format("  vendor {}", format_duration_ns(st.vendor->median_ns)) : "");
  return out;
}

void store_baseline(ResultStore& store, const std::string& run, const TaskSpec& t, const std::string& backend,
                    const std::string& source, const Verdict& v) {
  store.record_attempt(run, t.id, backend, make_candidate(source, ""), v, AttemptOrigin::reference());
  for (const auto& st : v.timings) {
    store.add_baseline({run, t.id, backend, "reference", v.device, v.compiler, st.shape, st.reference, "", v.timing_policy});
    if (st.vendor)
      store.add_baseline({run, t.id, backend, "vendor", v.device, v.compiler, st.shape, *st.vendor, "", v.timing_policy});
  }
}

}  // namespace

void register_baseline(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("baseline", "Verify and time the reference kernels of the catalog; store the timings");
  struct Args {
    std::string tasks = "*", backend;
    bool json = false;
    EvalFlags flags;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("--tasks", a->tasks, "Glob(s) of task ids, comma-separated (default: all)");
  cmd->add_option("--backend,-b", a->backend, "Backend (default: the best one with a device here)")->check(CLI::IsMember(backend_names()));
  cmd->add_flag("--json", a->json, "Print one JSON object (tasks, verdicts, timings); progress lines go to stderr");
  add_eval_flags(cmd, a->flags);
  cmd->callback([&ctx, a] {
    const std::string backend_name = a->backend.empty() ? best_backend() : a->backend;
    auto backend = make_backend(backend_name);
    const auto tasks = ctx.catalog().select(a->tasks);
    std::FILE* progress = a->json ? stderr : stdout;  // with --json, stdout holds the JSON alone
    std::unique_ptr<ResultStore> store;
    std::string run;
    std::string unstorable;  // why no result of this run can be stored (its start was refused by DB and journal)
    if (!a->flags.no_db) {
      store = std::make_unique<ResultStore>(resolved_db(a->flags));
      try {
        run = store->begin_run("baseline", ctx.command_line, {{"tasks", a->tasks}, {"backend", backend_name},
                                {"timing_policy", a->flags.options.time ? a->flags.timing : "none"}},
                               run_provenance(a->flags.label));
      } catch (const std::exception& e) {  // the results are still measured and printed, then named as unstored
        unstorable = e.what();
        fmt::print(stderr, "kbench: {}\n", unstorable);
      }
    }
    const EvalOptions opt = resolved_options(a->flags, ctx.root);
    fmt::print(progress, "baseline of {} tasks on {}{}\n", tasks.size(), backend_name, run.empty() ? "" : " (run " + run + ")");
    int failures = 0;
    std::vector<std::string> unstored;
    nlohmann::json results = nlohmann::json::array();
    Evaluator evaluator(*backend, opt);
    for (const TaskSpec* t : tasks) {
      if (!t->references.count(backend_name)) {
        fmt::print(progress, "{:<40} skipped: no {} reference\n", t->id, backend_name);
        results.push_back({{"task", t->id}, {"skipped", fmt::format("no {} reference", backend_name)}});
        continue;
      }
      const Verdict v = evaluator.evaluate_reference(*t);
      if (!v.ok() && v.status != Status::compiled) ++failures;
      fmt::print(progress, "{}", baseline_line(*t, v));
      std::fflush(progress);  // progress shows up in CI logs as it happens
      if (a->json) {
        nlohmann::json j = to_json(v);
        j["task"] = t->id;
        results.push_back(std::move(j));
      }
      if (store) {
        try {
          if (!unstorable.empty()) throw std::runtime_error("its run could not be started in the database");
          store_baseline(*store, run, *t, backend_name, reference_source(*t, backend_name, opt), v);
        } catch (const std::exception& e) {
          unstored.push_back(t->id);
          fmt::print(stderr, "kbench: the baseline of {} was not stored: {}\n", t->id, e.what());
        }
      }
    }
    if (store && unstorable.empty() && unstored.empty()) store->finish_run(run);
    if (a->json) {
      const nlohmann::json out = {{"run", run.empty() ? nlohmann::json() : nlohmann::json(run)},
                                  {"backend", backend_name},
                                  {"db", store ? nlohmann::json(store->path().string()) : nlohmann::json()},
                                  {"tasks", results},
                                  {"failed", failures},
                                  {"unstored", unstored}};
      fmt::print("{}\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
    } else {
      fmt::print("{} tasks, {} failed{}\n", tasks.size(), failures, store ? ", stored in " + store->path().string() : "");
    }
    ctx.exit_code = failures ? kExitVerdict : kExitOk;
    if (!unstored.empty()) {
      fmt::print(stderr, "kbench: {} of {} baselines were printed but not stored (see above): {}\n", unstored.size(),
                 tasks.size(), fmt::join(unstored, ", "));
      ctx.exit_code = kExitError;
    }
  });
}

}  // namespace kbench::cli
