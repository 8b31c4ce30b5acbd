// `kbench compare BASE NEW [--threshold 5%] [--alpha A] [--measure time|speedup] [--confirm]
//  [--format text|markdown|json|csv] [--sort name|change] [--only-changed] [--allow-different-devices]`:
// the regression gate (results/analysis/run_compare.hpp says how a change is judged against the noise).
// Each side is a database file or DB:RUN, RUN a run id, a label or `latest` (the default).
// Exit 0 when nothing regressed, 1 on any regression (a verdict flip from correct, or a timing change
// over the threshold, over the measured noise and significant, and, with --confirm, reproduced by a
// re-timing of both sides in this session), 2 on usage errors (different devices included).
#include <fmt/format.h>

#include "harness/cli/cli_values.hpp"
#include "harness/cli/compare_confirm.hpp"
#include "harness/cli/context.hpp"
#include "results/analysis/run_compare.hpp"
#include "results/render/compare_printers.hpp"
#include "results/store/store.hpp"

namespace kbench::cli {
namespace {

struct CompareArgs {
  std::string base, next, threshold = "5%", format = "text", sort = "name", measure = "time";
  double confidence = 0.95, alpha = 0.01, canary_limit_pct = 10, confirm_max_time_ms = 0;
  int confirm_rounds = 3;
  bool json = false, markdown = false, fail_on_missing = false, only_changed = false, allow_different_devices = false,
       confirm = false, unsandboxed = false, fail_on_drift = false;
};

RunSubjects load_side(const RunRef& ref, std::string& run_out) {
  ResultStore store(ref.db);
  run_out = resolve_run(store, ref.run);
  return load_run_subjects(store, run_out);
}

void compare_command(Context& ctx, const CompareArgs& a) {
  CompareOptions options;
  options.threshold = parse_threshold(a.threshold);
  options.confidence = a.confidence;
  options.alpha = a.alpha;
  options.canary_limit = a.canary_limit_pct / 100;
  options.measure = a.measure == "speedup" ? GateMeasure::speedup : GateMeasure::time;
  const std::string format = a.json ? "json" : a.markdown ? "markdown" : a.format;
  const RunRef base_ref = parse_run_ref(a.base), next_ref = parse_run_ref(a.next);
  std::string base_run, next_run;
  const RunSubjects base = load_side(base_ref, base_run);
  const RunSubjects next = load_side(next_ref, next_run);
  if (!base.device.empty() && !next.device.empty() && base.device != next.device && !a.allow_different_devices)
    throw CLI::ValidationError(fmt::format("the runs were measured on different devices ('{}' and '{}'): their timings "
                                           "compare the machines, not the kernels (--allow-different-devices to compare anyway)",
                                           base.device, next.device));
  RunComparison c = compare_runs(base, next, options);
  c.base.db = base_ref.db.string();
  c.next.db = next_ref.db.string();
  if (a.confirm && c.count(TaskOutcomeKind::regressed_time) > 0) {
    ConfirmSettings settings;
    settings.rounds = a.confirm_rounds;
    settings.options = default_eval_options();
    settings.options.reference_root = ctx.root / "reference_kernels";
    settings.options.unsandboxed = settings.options.unsandboxed || a.unsandboxed;
    if (a.confirm_max_time_ms > 0) settings.options.timing.max_time_ms = a.confirm_max_time_ms;
    confirm_regressions(c, base, next, ctx.catalog(), settings);
  }
  sort_tasks(c, a.sort == "change" ? CompareSort::change : CompareSort::name);
  ComparePrint print;
  print.only_changed = a.only_changed;
  if (format == "json")
    fmt::print("{}\n", to_json(c, print).dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
  else if (format == "markdown")
    fmt::print("{}", format_comparison_markdown(c, print));
  else if (format == "csv")
    fmt::print("{}", format_comparison_csv(c, print));
  else
    fmt::print("{}", format_comparison_text(c, print));
  const bool drifted_slower = c.drift && c.drift->beyond_threshold && c.drift->change > 0;
  const bool failed = c.regressions() > 0 || (a.fail_on_missing && c.count(TaskOutcomeKind::missing) > 0) ||
                      (a.fail_on_drift && drifted_slower);
  ctx.exit_code = failed ? kExitVerdict : kExitOk;
}

}  // namespace

void register_compare(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("compare", "Regression gate: compare two stored runs, noise-aware (exit 1 on a regression)");
  auto a = std::make_shared<CompareArgs>();
  cmd->add_option("BASE", a->base, "Base side: a database file, or DB:RUN (RUN: a run id, a label or `latest`, the default)")->required();
  cmd->add_option("NEW", a->next, "New side: a database file, or DB:RUN")->required();
  cmd->add_option("--threshold", a->threshold,
                  "Smallest relative change of a median that counts: \"5%\", \"5\" (percent) or \"0.05\" (default 5%)");
  cmd->add_option("--alpha", a->alpha, "Significance level of the Mann-Whitney test (default 0.01)")->check(CLI::Range(1e-12, 0.5));
  cmd->add_option("--measure", a->measure,
                  "time: the judged kernel's time; speedup: its time over the reference's timed in the same rounds "
                  "(for candidate runs; cancels the machine's drift between runs)")
      ->check(CLI::IsMember({"time", "speedup"}));
  cmd->add_option("--canary-limit", a->canary_limit_pct,
                  "Percent by which a baseline run's reference may miss itself (median over shapes) before the run is "
                  "marked unreliable (default 10)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--confidence", a->confidence, "Confidence level of the medians' intervals shown (default 0.95)")
      ->check(CLI::Range(0.5, 0.9999));
  cmd->add_option("--format", a->format, "Output: text (default), markdown, json or csv")
      ->check(CLI::IsMember({"text", "markdown", "json", "csv"}));
  auto* json_flag = cmd->add_flag("--json", a->json, "Same as --format json");
  cmd->add_flag("--markdown", a->markdown, "Same as --format markdown")->excludes(json_flag);
  cmd->add_option("--sort", a->sort, "Row order: name (default) or change (verdict regressions, then the largest slowdown first)")
      ->check(CLI::IsMember({"name", "change"}));
  cmd->add_flag("--only-changed", a->only_changed, "Rows only for tasks that did not stay unchanged (the counts keep all)");
  cmd->add_flag("--fail-on-missing", a->fail_on_missing, "Also exit 1 when a task of the base run is absent from the new one");
  cmd->add_flag("--fail-on-drift", a->fail_on_drift,
                "Between two baseline runs, also exit 1 when the whole run got slower beyond the threshold (every "
                "kernel alike, or the machine: the gate cannot tell which)");
  cmd->add_flag("--allow-different-devices", a->allow_different_devices,
                "Compare runs measured on different devices (refused by default: exit 2)");
  cmd->add_flag("--confirm", a->confirm,
                "Before exiting 1, re-time both sides of each timing regression interleaved in this session from the "
                "stored sources; a regression the re-timing does not reproduce is reported as not confirmed and passes");
  cmd->add_option("--confirm-rounds", a->confirm_rounds, "Evaluations per side in the re-timing (default 3)")->check(CLI::Range(2, 20));
  cmd->add_option("--confirm-max-time-ms", a->confirm_max_time_ms, "Timing cap per kernel and shape in the re-timing, ms");
  cmd->add_flag("--unsandboxed", a->unsandboxed, "Re-time the stored sources outside the sandbox (see kbench eval --help)");
  cmd->callback([&ctx, a] { compare_command(ctx, *a); });
}

}  // namespace kbench::cli
