// `kbench run --tasks GLOB --backend B --model M [--base-url URL] [--turns T] [--samples S] [--db PATH]`
// and `kbench run --resume RUN`: the LLM loop (propose → compile → verify → time → refine), stored in
// the results database, followed by the run's report (--json: one object with the outcome and the report).
// Ctrl-C says it is stopping, starts no new turn and abandons those in flight (their LLM requests and
// worker requests end within a fraction of a second; nothing half-judged is stored), then says how to
// resume; a second Ctrl-C ends the process at once.
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <csignal>

#include "backends/backend.hpp"
#include "harness/cli/context.hpp"
#include "harness/cli/eval_options.hpp"
#include "harness/cli/run_provenance.hpp"
#include "harness/cli/stop_signal.hpp"
#include "harness/run/model_factory.hpp"
#include "harness/run/prompt_builder.hpp"
#include "harness/run/run_loop.hpp"
#include "core/util/cancellation.hpp"
#include "results/analysis/report.hpp"

namespace kbench::cli {
namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void on_interrupt(int) {
  switch (classify_stop_signal()) {
    case StopSignal::duplicate: return;
    case StopSignal::again:
      std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the process at once
      raise(SIGINT);                 // delivered when this handler returns
      return;
    case StopSignal::first: break;
  }
  static constexpr char kMessage[] =
      "\nkbench: stopping: no new turns, the turns in flight are abandoned (Ctrl-C again to quit at once)\n";
  (void)!write(STDERR_FILENO, kMessage, sizeof kMessage - 1);  // async-signal-safe, unlike stdio
  g_interrupted = true;
  request_cancellation();
}

struct RunArgs {
  std::string tasks, backend = "cpu", resume;
  llm::ModelChoice model;
  int turns = 3, samples = 1;
  std::optional<double> temperature;
  std::optional<int> max_tokens;
  std::optional<std::string> reasoning_effort;
  std::vector<std::string> extra;  // KEY=JSON
  bool json = false;
  EvalFlags flags;
};

nlohmann::json parse_extra(const std::vector<std::string>& items) {
  nlohmann::json extra = nlohmann::json::object();
  for (const auto& item : items) {
    auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0)
      throw std::invalid_argument(fmt::format("--option '{}': expected KEY=VALUE (VALUE as JSON, or a string)", item));
    auto value = nlohmann::json::parse(item.substr(eq + 1), nullptr, false);
    extra[item.substr(0, eq)] = value.is_discarded() ? nlohmann::json(item.substr(eq + 1)) : value;
  }
  return extra;
}

llm::RunSettings new_settings(Context& ctx, const RunArgs& a) {
  llm::RunSettings s;
  for (const auto* t : ctx.catalog().select(a.tasks)) s.task_ids.push_back(t->id);
  s.backend = a.backend;
  s.model = a.model.model;
  s.turns = a.turns;
  s.samples = a.samples;
  s.jobs = a.model.jobs;
  s.options.temperature = a.temperature;
  s.options.max_tokens = a.max_tokens;
  s.options.reasoning_effort = a.reasoning_effort;
  s.options.extra = parse_extra(a.extra);
  return s;
}

void run_command(Context& ctx, RunArgs& a) {
  // --no-db: the loop still needs a store for its turns, so it gets one in memory; nothing reaches a file
  // (the reply cache, which lives in the database, is off too).
  if (a.flags.no_db && !a.resume.empty()) throw CLI::ValidationError("--resume reads a stored run: it cannot go with --no-db");
  const std::filesystem::path db_path = a.flags.no_db ? std::filesystem::path(":memory:") : resolved_db(a.flags);
  ResultStore store(db_path);
  std::string run_id;
  llm::RunSettings settings;
  if (!a.resume.empty()) {
    auto run = store.run(a.resume);
    if (!run || run->kind != "run")
      throw std::invalid_argument(fmt::format("no `kbench run` run '{}' in {}", a.resume, db_path.string()));
    run_id = run->id;
    settings = llm::run_settings_from_json(run->config);
    a.model.model = settings.model;
    a.model.provider = settings.provider == "replay" ? "openai" : settings.provider;
    if (settings.provider != "replay") a.model.base_url = settings.endpoint;
    a.model.api_key_env = settings.api_key_env;
    a.model.jobs = settings.jobs;
  } else {
    if (a.tasks.empty()) throw std::invalid_argument("--tasks is required (or --resume RUN)");
    settings = new_settings(ctx, a);
  }
  a.model.db_path = a.flags.no_db ? "" : db_path.string();
  auto handle = llm::make_chat_model(a.model, ctx.root, settings.backend, &g_interrupted);
  settings.provider = handle.provider;
  settings.endpoint = handle.endpoint;
  settings.api_key_env = handle.api_key_env;
  if (run_id.empty())
    run_id = store.begin_run("run", ctx.command_line, llm::to_json(settings), run_provenance(a.flags.label));

  auto backend = make_backend(settings.backend);
  const EvalOptions options = resolved_options(a.flags, ctx.root);
  std::string device;
  if (auto info = backend->probe_device()) device = info->name;
  llm::PromptTemplates templates(ctx.root / "prompts");
  llm::PromptBuilder prompts(templates, ctx.catalog(),
                             llm::backend_prompt_info(backend->name(), backend->stream_type(),
                                                      backend->source_extension(), device),
                             ctx.root / "reference_kernels" / "examples");
  const int total = static_cast<int>(settings.task_ids.size()) * settings.samples * settings.turns;
  llm::Progress progress(stderr, total);
  progress.note(fmt::format("run {}: {} task(s) x {} sample(s) x {} turn(s) on {} with {}", run_id,
                            settings.task_ids.size(), settings.samples, settings.turns, settings.backend,
                            handle.model->describe()));
  Evaluator evaluator(*backend, options);
  llm::LoopContext loop{store,
                        *handle.model,
                        ctx.catalog(),
                        prompts,
                        [&](const TaskSpec& t) { return reference_source(t, settings.backend, options); },
                        [&](const TaskSpec& t, const Candidate& c) { return evaluator.evaluate(t, c); },
                        "candidate" + backend->source_extension(),
                        &progress,
                        &g_interrupted,
                        // Compiles overlap other conversations' evaluations unless timing runs on these cores.
                        backend->times_on_host_cores()
                            ? std::function<void(const TaskSpec&, const Candidate&)>()
                            : [&](const TaskSpec& t, const Candidate& c) { evaluator.compile(t, c); }};
  std::signal(SIGINT, on_interrupt);
  const llm::LoopOutcome outcome = llm::run_loop(loop, run_id, settings);
  std::signal(SIGINT, SIG_DFL);
  progress.finish();
  const RunReport report = build_report(store, run_id);
  const std::string resume = a.flags.no_db || outcome.complete()
                                 ? ""
                                 : fmt::format("kbench run --resume {}{}", run_id, a.flags.db.empty() ? "" : " --db " + a.flags.db);
  if (a.json) {
    const nlohmann::json out = {{"run", run_id},
                                {"complete", outcome.complete()},
                                {"interrupted", outcome.interrupted},
                                {"turns_done", outcome.turns_done},
                                {"turns_total", outcome.turns_total},
                                {"llm_failures", outcome.llm_failures},
                                {"abandoned", outcome.abandoned},
                                {"resume", resume.empty() ? nlohmann::json() : nlohmann::json(resume)},
                                {"report", to_json(report)}};
    fmt::print("{}\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
  } else {
    fmt::print("{}", format_report(report));
  }
  if (outcome.complete()) return;
  std::string why;
  if (outcome.interrupted) why += ", stopped by Ctrl-C";
  if (outcome.abandoned) why += fmt::format(", {} turn(s) abandoned", outcome.abandoned);
  if (outcome.llm_failures) why += fmt::format(", {} LLM failure(s)", outcome.llm_failures);
  if (a.flags.no_db)
    fmt::print(stderr, "run {} is not finished ({} of {} turns done{}); with --no-db it cannot be resumed\n", run_id,
               outcome.turns_done, outcome.turns_total, why);
  else
    fmt::print(stderr, "run {} is not finished ({} of {} turns done{}): continue it with `{}`\n", run_id,
               outcome.turns_done, outcome.turns_total, why, resume);
  ctx.exit_code = kExitVerdict;
}

}  // namespace

void register_run(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("run", "Drive an LLM to write faster kernels: propose, judge, feed back, refine");
  auto a = std::make_shared<RunArgs>();
  cmd->add_option("--tasks", a->tasks, "Task ids or globs, comma-separated (\"elementwise/*\")");
  cmd->add_option("--backend,-b", a->backend, "Backend")->check(CLI::IsMember(backend_names()));
  cmd->add_option("--model,-m", a->model.model,
                  "Model name for the provider; `replay` (default) replays the scripted session in prompts/replay/, "
                  "`replay:FILE` another recording");
  cmd->add_option("--provider", a->model.provider, "API format: openai (any OpenAI-compatible server) or anthropic")
      ->check(CLI::IsMember({"openai", "anthropic"}));
  cmd->add_option("--base-url", a->model.base_url, "API base URL (default: the provider's; e.g. http://localhost:8000/v1)");
  cmd->add_option("--api-key-env", a->model.api_key_env,
                  "Environment variable holding the API key (default OPENAI_API_KEY / ANTHROPIC_API_KEY)");
  cmd->add_option("--turns,-T", a->turns, "Refinement turns per sample")->check(CLI::Range(1, 100));
  cmd->add_option("--samples,-S", a->samples, "Independent samples per task (best-of-S)")->check(CLI::Range(1, 100));
  cmd->add_option("--jobs,-j", a->model.jobs, "LLM requests in flight at once")->check(CLI::Range(1, 256));
  cmd->add_option("--temperature", a->temperature, "Sampling temperature");
  cmd->add_option("--max-tokens", a->max_tokens, "Maximum output tokens per reply");
  cmd->add_option("--reasoning-effort", a->reasoning_effort, "Reasoning effort passed through (low, medium, high)");
  cmd->add_option("--option", a->extra, "Extra request field KEY=JSON, passed through verbatim (repeatable)");
  cmd->add_option("--request-timeout", a->model.timeout_s, "Seconds one HTTP request may take")->check(CLI::PositiveNumber);
  cmd->add_option("--max-attempts", a->model.max_attempts, "HTTP tries per request (retries on 429/5xx/timeouts)")
      ->check(CLI::Range(1, 50));
  cmd->add_flag("!--no-cache", a->model.use_cache, "Do not use the response cache");
  cmd->add_option("--resume", a->resume, "Continue an unfinished run, skipping finished turns");
  cmd->add_flag("--json", a->json, "Print the outcome and the report as one JSON object (progress stays on stderr)");
  add_eval_flags(cmd, a->flags);
  cmd->callback([&ctx, a] { run_command(ctx, *a); });
}

}  // namespace kbench::cli
