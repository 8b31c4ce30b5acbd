// The propose → compile → verify → time → refine loop of `kbench run`. For each task, S independent
// conversations (samples) of T turns: the model proposes a kernel, kbench judges it, the verdict is
// rendered as feedback for the next turn. Every prompt, reply, extracted source and verdict is stored
// and linked (run → task → sample → turn); finished turns are skipped on resume.
#pragma once
#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/candidate/candidate.hpp"
#include "harness/llm/chat.hpp"
#include "harness/run/progress.hpp"
#include "harness/run/prompt_builder.hpp"
#include "results/store/store.hpp"

namespace kbench::llm {

// What a run was asked to do; stored as the run's config so --resume can continue it.
struct RunSettings {
  std::vector<std::string> task_ids;
  std::string backend = "cpu";
  std::string model;        // sent to the provider ("replay" for the recorded session)
  std::string provider;     // openai | anthropic | replay
  std::string endpoint;     // base URL or replay file
  std::string api_key_env;  // the variable's name only
  int turns = 3;
  int samples = 1;
  int jobs = 1;             // conversations in flight (LLM requests overlap; evaluations never do)
  CompletionOptions options;
};
nlohmann::json to_json(const RunSettings& s);
RunSettings run_settings_from_json(const nlohmann::json& j);  // throws std::invalid_argument naming the field

// Judges one candidate (the evaluator, bound to a backend and options). Called under a mutex.
using EvaluateFn = std::function<Verdict(const TaskSpec&, const Candidate&)>;

struct LoopContext {
  ResultStore& store;
  ChatModel& model;
  const Catalog& catalog;
  const PromptBuilder& prompts;
  std::function<std::string(const TaskSpec&)> reference_source;
  EvaluateFn evaluate;
  std::string candidate_file_name = "candidate.cpp";
  Progress* progress = nullptr;              // optional
  const std::atomic<bool>* cancel = nullptr;  // optional: stop between turns when set
  // Optional: compiles a candidate into the compile cache outside the evaluation lock, so that one
  // conversation's compile overlaps another's verify and time (set only where timing is on a device).
  std::function<void(const TaskSpec&, const Candidate&)> precompile;
};

struct LoopOutcome {
  int turns_total = 0;
  int turns_done = 0;      // including turns found done on resume
  int llm_failures = 0;    // conversations stopped by an LLM error (resume retries them)
  int abandoned = 0;       // turns left when kbench was stopping (Ctrl-C): not stored, resume redoes them
  bool interrupted = false;
  bool complete() const { return turns_done == turns_total; }
};

// Runs (or resumes) every conversation of `run_id`. Marks the run finished when nothing is left.
// Harness errors (HarnessError, database errors) stop the loop and are rethrown.
LoopOutcome run_loop(LoopContext& ctx, const std::string& run_id, const RunSettings& settings);

}  // namespace kbench::llm
