// run_loop: conversations pulled by `jobs` threads; LLM calls overlap, evaluations are serialised
// (timings must not share the machine), database writes go through one mutex.
#include "harness/run/run_loop.hpp"

#include <fmt/format.h>

#include <chrono>
#include <map>
#include <mutex>
#include <thread>

#include "harness/eval/evaluator.hpp"
#include "harness/llm/code_extraction.hpp"
#include "results/store/llm_store.hpp"
#include "core/util/cancellation.hpp"
#include "core/util/clock.hpp"

namespace kbench::llm {

nlohmann::json to_json(const RunSettings& s) {
  return {{"tasks", s.task_ids},       {"backend", s.backend}, {"model", s.model},
          {"provider", s.provider},    {"endpoint", s.endpoint}, {"api_key_env", s.api_key_env},
          {"turns", s.turns},          {"samples", s.samples}, {"jobs", s.jobs},
          {"options", to_json(s.options)}};
}

RunSettings run_settings_from_json(const nlohmann::json& j) {
  RunSettings s;
  try {
    s.task_ids = j.at("tasks").get<std::vector<std::string>>();
    s.backend = j.at("backend").get<std::string>();
    s.model = j.at("model").get<std::string>();
    s.provider = j.at("provider").get<std::string>();
    s.endpoint = j.at("endpoint").get<std::string>();
    s.api_key_env = j.value("api_key_env", "");
    s.turns = j.at("turns").get<int>();
    s.samples = j.at("samples").get<int>();
    s.jobs = j.value("jobs", 1);
    s.options = options_from_json(j.value("options", nlohmann::json::object()));
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(fmt::format("run config is not a `kbench run` config: {}", e.what()));
  }
  return s;
}

namespace {

using Clock = std::chrono::steady_clock;

struct Conversation {
  const TaskSpec* task;
  int sample;
  std::vector<TurnRecord> done;  // turns already stored (resume)
};

class Loop {
 public:
  Loop(LoopContext& ctx, const std::string& run_id, const RunSettings& s)
      : ctx_(ctx), run_id_(run_id), s_(s), llm_(ctx.store) {}

  LoopOutcome run() {
    std::map<std::pair<std::string, int>, std::vector<TurnRecord>> stored;
    for (auto& t : llm_.turns(run_id_)) stored[{t.task_id, t.sample}].push_back(std::move(t));
    std::vector<Conversation> conversations;
    for (const auto& id : s_.task_ids)
      for (int sample = 0; sample < s_.samples; ++sample)
        conversations.push_back({&ctx_.catalog.get(id), sample, stored[{id, sample}]});

    LoopOutcome outcome;
    outcome.turns_total = static_cast<int>(conversations.size()) * s_.turns;
    for (const auto& c : conversations) done_ += std::min<int>(static_cast<int>(c.done.size()), s_.turns);
    if (ctx_.progress && done_ > 0) ctx_.progress->already_done(done_);
    for (const TurnInFlight& t : llm_.in_flight(run_id_)) {
      auto c = std::find_if(conversations.begin(), conversations.end(),
                            [&](const Conversation& x) { return x.task->id == t.task_id && x.sample == t.sample; });
      if (c == conversations.end()) {
        unmark_in_flight(t.task_id, t.sample, t.turn);
        continue;
      }
      try {
        resume_in_flight(*c, t);
      } catch (const Cancelled&) {  // Ctrl-C while judging it again: not stored; the next --resume redoes the turn
        ++abandoned_;
        break;
      }
    }

    std::atomic<std::size_t> next{0};
    auto worker = [&] {
      for (std::size_t i = next++; i < conversations.size() && !stopping(); i = next++) {
        try {
          converse(conversations[i]);
        } catch (...) {
          std::lock_guard lock(error_mutex_);
          if (!error_) error_ = std::current_exception();
          abort_ = true;
        }
      }
    };
    const int threads = std::clamp(s_.jobs, 1, static_cast<int>(std::max<std::size_t>(1, conversations.size())));
    std::vector<std::thread> pool;
    for (int i = 1; i < threads; ++i) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
    if (error_) std::rethrow_exception(error_);

    outcome.turns_done = done_;
    outcome.llm_failures = failures_;
    outcome.abandoned = abandoned_;
    outcome.interrupted = ctx_.cancel && ctx_.cancel->load();
    if (outcome.complete()) {
      std::lock_guard lock(store_mutex_);
      auto run = ctx_.store.run(run_id_);
      if (!run || !run->finished_at) ctx_.store.finish_run(run_id_);  // no row: it is in the journal
    }
    return outcome;
  }

 private:
  bool stopping() const { return abort_ || (ctx_.cancel && ctx_.cancel->load()); }

  // The messages the next turn sends: a fresh start, or the stored conversation plus its last feedback.
  std::vector<Message> opening(const Conversation& c) {
    if (c.done.empty())
      return {{"system", ctx_.prompts.system_prompt()},
              {"user", ctx_.prompts.task_prompt(*c.task, ctx_.reference_source(*c.task))}};
    const TurnRecord& last = c.done.back();
    std::optional<LlmCallRecord> call;
    {
      std::lock_guard lock(store_mutex_);
      call = llm_.call(last.llm_call_id);
    }
    if (!call || !call->response_text)
      throw std::runtime_error(fmt::format("run {}: turn {} of {} sample {} has no stored reply", run_id_, last.turn,
                                           last.task_id, last.sample));
    auto messages = messages_from_json(nlohmann::json::parse(call->request_json).at("messages"));
    messages.push_back({"assistant", *call->response_text});
    messages.push_back({"user", last.feedback});
    return messages;
  }

  void converse(const Conversation& c) {
    if (static_cast<int>(c.done.size()) >= s_.turns) return;
    const TaskSpec& task = *c.task;
    std::vector<Message> messages = opening(c);
    for (int turn = static_cast<int>(c.done.size()); turn < s_.turns && !stopping(); ++turn) {
      if (ctx_.progress) ctx_.progress->turn_started(task.id, c.sample, turn);
      const auto start = Clock::now();
      CompletionRequest request{s_.model, messages, s_.options, {task.id, c.sample, turn}};
      LlmCallRecord call;
      call.run_id = run_id_;
      call.task_id = task.id;
      call.sample = c.sample;
      call.turn = turn;
      call.provider = s_.provider;
      call.model = s_.model;
      call.endpoint = s_.endpoint;
      call.request_json =
          nlohmann::json{{"model", s_.model}, {"messages", to_json(messages)}, {"options", to_json(s_.options)}}.dump();
      Reply reply;
      try {
        reply = ctx_.model.complete(request);
      } catch (const LlmError& e) {
        const bool cancelled = e.kind == LlmError::Kind::cancelled;
        call.status = "error";
        call.error_kind = std::string(kind_name(e.kind));
        call.error = e.what();
        if (e.http_status) call.http_status = e.http_status;
        call.attempts = e.attempts;
        {
          std::lock_guard lock(store_mutex_);
          llm_.add_call(call);
        }
        (cancelled ? abandoned_ : failures_)++;
        if (ctx_.progress)
          ctx_.progress->turn_not_done(task.id, c.sample, turn,
                                       cancelled ? std::string("abandoned (kbench is stopping)")
                                                 : fmt::format("LLM call failed ({}): {}", kind_name(e.kind), e.what()),
                                       seconds_since(start));
        return;  // the conversation stops here; --resume retries it
      }
      call.response_text = reply.text;
      call.attempts = reply.attempts;
      call.cached = reply.cached;
      call.input_tokens = reply.usage.input_tokens;
      call.output_tokens = reply.usage.output_tokens;
      call.reasoning_tokens = reply.usage.reasoning_tokens;
      call.latency_s = reply.latency_s;
      call.finish_reason = reply.finish_reason;
      call.reply_model = reply.model;
      std::int64_t call_id;
      {
        std::lock_guard lock(store_mutex_);
        call_id = llm_.add_call(call);
      }

      const Extraction extraction = extract_solve_source(reply.text);
      Verdict verdict;
      Candidate candidate;
      if (!extraction.source) {
        verdict.status = Status::no_code;
        verdict.detail = extraction.reason;
      } else {
        candidate = make_candidate(*extraction.source, ctx_.candidate_file_name);
        if (ctx_.precompile) ctx_.precompile(task, candidate);
        try {
          verdict = judge(task, c.sample, turn, call_id, candidate);
        } catch (const Cancelled&) {  // Ctrl-C: not judged, not stored; --resume judges it afresh
          ++abandoned_;
          if (ctx_.progress)
            ctx_.progress->turn_not_done(task.id, c.sample, turn, "abandoned while judging (kbench is stopping)",
                                         seconds_since(start));
          return;
        }
      }
      const std::string feedback = store_turn(task, c.sample, turn, call_id, extraction.source, candidate, verdict).feedback;
      ++done_;
      if (ctx_.progress)
        ctx_.progress->turn_finished(task.id, c.sample, turn, std::string(status_name(verdict.status)), verdict.ok() ? verdict.speedup : std::nullopt,
                                     seconds_since(start));
      messages.push_back({"assistant", reply.text});
      messages.push_back({"user", feedback});
    }
  }

  // Evaluates a candidate with its turn marked in flight, so that a kbench killed or crashed meanwhile
  // finds the mark on --resume (resume_in_flight).
  Verdict judge(const TaskSpec& task, int sample, int turn, std::int64_t call_id, const Candidate& candidate) {
    const bool marked = mark_in_flight(task, sample, turn, call_id, candidate.source);
    std::lock_guard lock(eval_mutex_);
    Verdict verdict;
    try {
      verdict = ctx_.evaluate(task, candidate);
    } catch (...) {  // a harness error is not the candidate's: it gets judged afresh on resume
      if (marked) unmark_in_flight(task.id, sample, turn);
      throw;
    }
    return verdict;
  }

  bool mark_in_flight(const TaskSpec& task, int sample, int turn, std::int64_t call_id, const std::string& source) {
    if (ResultStore::is_placeholder(call_id)) return false;  // its call is in the journal: nothing to refer to
    std::lock_guard lock(store_mutex_);
    try {
      llm_.begin_in_flight({run_id_, task.id, sample, turn, call_id, source, 0});
      return true;
    } catch (const sql::SqliteError& e) {
      if (!e.refused_for_now()) throw;
      return false;  // the turn is judged all the same, only a crash during it would not be recognised
    }
  }

  void unmark_in_flight(const std::string& task_id, int sample, int turn) {
    std::lock_guard lock(store_mutex_);
    try {
      llm_.done_in_flight(run_id_, task_id, sample, turn);
    } catch (const sql::SqliteError& e) {
      if (!e.refused_for_now()) throw;  // left behind, it makes --resume judge the candidate once more
    }
  }

  // Stores a judged turn (attempt, turn, and the in-flight mark removed) and returns it, feedback included.
  TurnRecord store_turn(const TaskSpec& task, int sample, int turn, std::int64_t call_id,
                         const std::optional<std::string>& source, const Candidate& candidate, const Verdict& verdict) {
    TurnRecord record;
    record.run_id = run_id_;
    record.task_id = task.id;
    record.backend = s_.backend;
    record.sample = sample;
    record.turn = turn;
    record.llm_call_id = call_id;
    record.extracted_source = source;
    record.status = verdict.status;
    record.feedback = ctx_.prompts.feedback(task, verdict);
    {
      std::lock_guard lock(store_mutex_);
      record.attempt_id = ctx_.store.record_attempt(run_id_, task.id, s_.backend, candidate, verdict,
                                                    AttemptOrigin::llm_turn(sample, turn));
      llm_.add_turn(record);
    }
    if (source) unmark_in_flight(task.id, sample, turn);
    return record;
  }

  // A turn left in flight by a kbench that stopped while judging it: judged again once; when that stopped
  // kbench too (tries already 2), the turn is the candidate's runtime_error. Either way the turn is stored
  // and the conversation goes on from it.
  void resume_in_flight(Conversation& c, const TurnInFlight& t) {
    if (t.turn != static_cast<int>(c.done.size()) || t.turn >= s_.turns) {
      unmark_in_flight(t.task_id, t.sample, t.turn);  // stale: that turn is stored, or beyond the run
      return;
    }
    const TaskSpec& task = *c.task;
    const Candidate candidate = make_candidate(t.source, ctx_.candidate_file_name);
    Verdict verdict;
    if (t.tries >= 2) {
      verdict.status = Status::runtime_error;
      verdict.detail = fmt::format(
          "kbench stopped {} times while judging this candidate (killed, crashed or out of memory); it was not "
          "judged again and the turn counts as the candidate's runtime error",
          t.tries);
    } else {
      if (ctx_.progress)
        ctx_.progress->note(fmt::format("{} s{} t{}: kbench stopped while judging this candidate; judging it again",
                                        task.id, t.sample, t.turn));
      verdict = judge(task, t.sample, t.turn, t.llm_call_id, candidate);
    }
    c.done.push_back(store_turn(task, t.sample, t.turn, t.llm_call_id, t.source, candidate, verdict));
    ++done_;
  }

  LoopContext& ctx_;
  const std::string& run_id_;
  const RunSettings& s_;
  LlmStore llm_;
  std::mutex store_mutex_, eval_mutex_, error_mutex_;
  std::exception_ptr error_;
  std::atomic<bool> abort_{false};
  std::atomic<int> done_{0}, failures_{0}, abandoned_{0};
};

}  // namespace

LoopOutcome run_loop(LoopContext& ctx, const std::string& run_id, const RunSettings& settings) {
  if (settings.turns < 1 || settings.samples < 1)
    throw std::invalid_argument(fmt::format("--turns ({}) and --samples ({}) must be at least 1", settings.turns,
                                            settings.samples));
  return Loop(ctx, run_id, settings).run();
}

}  // namespace kbench::llm
