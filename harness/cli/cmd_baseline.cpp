// `kbench baseline [--tasks GLOB] [--backend B]`: time the reference kernels and store them.
#include <fmt/format.h>

#include <cstdio>

#include "backends/backend.hpp"
#include "harness/cli/context.hpp"
#include "harness/cli/eval_options.hpp"
#include "harness/cli/run_provenance.hpp"
#include "core/util/format.hpp"
#include "harness/cli/verdict_printer.hpp"
#include "results/store/store.hpp"

namespace kbench::cli {

void register_baseline(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("baseline", "Verify and time the reference kernels of the catalog; store the timings");
  struct Args {
    std::string tasks = "*", backend;
    EvalFlags flags;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("--tasks", a->tasks, "Glob(s) of task ids, comma-separated (default: all)");
  cmd->add_option("--backend,-b", a->backend, "Backend (default: the best one with a device here)")->check(CLI::IsMember(backend_names()));
  add_eval_flags(cmd, a->flags);
  cmd->callback([&ctx, a] {
    const std::string backend_name = a->backend.empty() ? best_backend() : a->backend;
    auto backend = make_backend(backend_name);
    const auto tasks = ctx.catalog().select(a->tasks);
    std::unique_ptr<ResultStore> store;
    std::string run;
    if (!a->flags.no_db) {
      store = std::make_unique<ResultStore>(resolved_db(a->flags));
      run = store->begin_run("baseline", ctx.command_line, {{"tasks", a->tasks}, {"backend", backend_name}},
                             run_provenance(a->flags.label));
    }
    const EvalOptions opt = resolved_options(a->flags, ctx.root);
    fmt::print("baseline of {} tasks on {}{}\n", tasks.size(), backend_name, run.empty() ? "" : " (run " + run + ")");
    int failures = 0;
    Evaluator evaluator(*backend, opt);
    for (const TaskSpec* t : tasks) {
      if (!t->references.count(backend_name)) {
        fmt::print("{:<40} skipped: no {} reference\n", t->id, backend_name);
        continue;
      }
      const Verdict v = evaluator.evaluate_reference(*t);
      if (!v.ok() && v.status != Status::compiled) ++failures;
      if (store) {
        store->record_attempt(run, t->id, backend_name, make_candidate(reference_source(*t, backend_name, opt), ""), v,
                              AttemptOrigin::reference());
        for (const auto& st : v.timings) {
          BaselineRecord b{run, t->id, backend_name, "reference", v.device, v.compiler, st.shape, st.reference, ""};
          store->add_baseline(b);
          if (st.vendor) store->add_baseline({run, t->id, backend_name, "vendor", v.device, v.compiler, st.shape, *st.vendor, ""});
        }
      }
      if (v.timings.empty()) {
        fmt::print("{:<40} {}: {}\n", t->id, status_name(v.status), v.detail);
      } else {
        for (const auto& st : v.timings)
          fmt::print("{:<40} {} {:>12}  cv {:4.1f}%  {:8.1f} GB/s {:9.2f} GFLOP/s  [{}]{}\n", t->id, status_name(v.status),
                     format_duration_ns(st.reference.median_ns), st.reference.cv * 100, st.achieved_bytes_per_s / 1e9,
                     st.achieved_flops / 1e9, st.shape,
                     st.vendor ? fmt::format("  vendor {}", format_duration_ns(st.vendor->median_ns)) : "");
      }
      std::fflush(stdout);  // progress shows up in CI logs as it happens
    }
    if (store) store->finish_run(run);
    fmt::print("{} tasks, {} failed{}\n", tasks.size(), failures, store ? ", stored in " + store->path().string() : "");
    ctx.exit_code = failures ? kExitVerdict : kExitOk;
  });
}

}  // namespace kbench::cli
