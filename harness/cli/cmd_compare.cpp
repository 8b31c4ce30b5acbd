// `kbench compare BASE NEW [--threshold PCT] [--confidence C] [--json | --markdown] [--fail-on-missing]`:
// the regression gate. Each side is a database file or DB:RUN (default: the latest run in it).
// Exit 0 when nothing regressed, 1 on any regression (a verdict flip from correct, or a timing change over
// the threshold and outside the noise), 2 on usage errors.
#include <fmt/format.h>

#include <filesystem>

#include "harness/cli/context.hpp"
#include "results/render/compare_printers.hpp"
#include "results/analysis/run_compare.hpp"
#include "results/store/store.hpp"

namespace kbench::cli {
namespace {

namespace fs = std::filesystem;

struct RunSide {
  fs::path db;
  std::string run;  // empty: the latest
};

// "results.db" or "results.db:20261126T141503Z-3f9a1c"; the database must exist (never created here).
RunSide parse_side(const std::string& spec) {
  RunSide side;
  if (fs::exists(spec)) {
    side.db = spec;
  } else if (auto colon = spec.rfind(':'); colon != std::string::npos && colon > 0) {
    side.db = spec.substr(0, colon);
    side.run = spec.substr(colon + 1);
  } else {
    side.db = spec;
  }
  if (!fs::is_regular_file(side.db))
    throw CLI::ValidationError(fmt::format("'{}': no database file at {}", spec, side.db.string()));
  return side;
}

// "5", "5%" or "2.5 %" -> 0.05 / 0.025.
double parse_percent(std::string text) {
  while (!text.empty() && (text.back() == '%' || text.back() == ' ')) text.pop_back();
  std::size_t used = 0;
  double v = -1;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || !(v >= 0))
    throw CLI::ValidationError(fmt::format("--threshold: '{}' is not a non-negative percentage", text));
  return v / 100;
}

RunSubjects load_side(const RunSide& side, std::string& run_out) {
  ResultStore store(side.db);
  run_out = side.run;
  if (run_out.empty()) {
    auto latest = store.latest_run_id();
    if (!latest) throw CLI::ValidationError(fmt::format("{} holds no runs", side.db.string()));
    run_out = *latest;
  } else if (!store.run(run_out)) {
    throw CLI::ValidationError(fmt::format("no run '{}' in {}", run_out, side.db.string()));
  }
  return load_run_subjects(store, run_out);
}

}  // namespace

void register_compare(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("compare", "Regression gate: compare two stored runs, noise-aware (exit 1 on a regression)");
  struct Args {
    std::string base, next, threshold = "5";
    double confidence = 0.95;
    bool json = false, markdown = false, fail_on_missing = false;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("BASE", a->base, "Base side: a database file, or DB:RUN (default run: the latest in it)")->required();
  cmd->add_option("NEW", a->next, "New side: a database file, or DB:RUN")->required();
  cmd->add_option("--threshold", a->threshold, "Smallest relative change of a median that counts, in percent (default 5)");
  cmd->add_option("--confidence", a->confidence, "Confidence level of each median's interval (default 0.95)")
      ->check(CLI::Range(0.5, 0.9999));
  auto* json_flag = cmd->add_flag("--json", a->json, "Print the comparison as JSON");
  cmd->add_flag("--markdown", a->markdown, "Print Markdown (for a CI job summary or a pull-request comment)")->excludes(json_flag);
  cmd->add_flag("--fail-on-missing", a->fail_on_missing, "Also exit 1 when a task of the base run is absent from the new one");
  cmd->callback([&ctx, a] {
    CompareOptions options;
    options.threshold = parse_percent(a->threshold);
    options.confidence = a->confidence;
    const RunSide base_side = parse_side(a->base), next_side = parse_side(a->next);
    std::string base_run, next_run;
    const RunSubjects base = load_side(base_side, base_run);
    const RunSubjects next = load_side(next_side, next_run);
    RunComparison c = compare_runs(base, next, options);
    c.base.db = base_side.db.string();
    c.next.db = next_side.db.string();
    if (a->json)
      fmt::print("{}\n", to_json(c).dump(2));
    else if (a->markdown)
      fmt::print("{}", format_comparison_markdown(c));
    else
      fmt::print("{}", format_comparison_text(c));
    const bool failed = c.regressions() > 0 || (a->fail_on_missing && c.count(TaskOutcomeKind::missing) > 0);
    ctx.exit_code = failed ? kExitVerdict : kExitOk;
  });
}

}  // namespace kbench::cli
