// JobQueue: the evaluations a server has accepted, from queued through running to a result, and the bounded
// line in front of its evaluation slots. submit() refuses when `capacity` jobs already wait (the caller
// answers 429) or once the queue is closed (shutting down); finished jobs are kept for polling, the oldest
// forgotten past `retained`. Thread-safe: HTTP handlers submit and wait, slot threads take and finish.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "harness/serve/evaluation_request.hpp"

namespace kbench::serve {

// queued → running → done (a verdict) | failed (kbench's own fault, no verdict) | abandoned (shut down first)
enum class JobState { queued, running, done, failed, abandoned };
std::string_view job_state_name(JobState s);
inline bool is_final(JobState s) { return s != JobState::queued && s != JobState::running; }

// What a client may see of a job: a copy, safe to read without the queue's lock.
struct JobView {
  std::string id;
  JobState state = JobState::queued;
  std::string task, label;
  nlohmann::json result;  // done: the verdict JSON; failed or abandoned: an error body
  double queued_seconds = 0, run_seconds = 0;
};

class JobQueue {
 public:
  using Clock = std::chrono::steady_clock;
  JobQueue(std::size_t capacity, std::size_t retained = 10000);

  enum class Refusal { none, full, closed };
  struct Submitted {
    Refusal refusal = Refusal::none;
    std::string id;  // set when accepted
  };
  Submitted submit(EvaluationRequest request);
  // Called for every accepted job, under the queue's lock (keep it short; never call back into the queue).
  void on_submitted(std::function<void(const std::string& id, const EvaluationRequest&)> observer) { observer_ = std::move(observer); }

  // Blocks for the next queued job and marks it running; none once the queue is closed.
  struct Taken {
    std::string id;
    EvaluationRequest request;
  };
  std::optional<Taken> take();
  // The job's outcome (state: done, failed or abandoned), seen by every waiter at once.
  void finish(const std::string& id, JobState state, nlohmann::json result);

  std::optional<JobView> find(const std::string& id) const;
  // Waits until the job is final or `timeout` passes; the view as it is then (none when unknown).
  std::optional<JobView> wait(const std::string& id, Clock::duration timeout) const;

  // No more submissions; queued jobs become abandoned; take() returns none from now on.
  void close();
  // Waits until no job runs or `timeout` passes; true when none runs.
  bool wait_until_idle(Clock::duration timeout) const;
  // Marks every running job abandoned (shutdown gave up on them); returns how many there were.
  std::size_t abandon_running();

  std::size_t queued() const;
  std::size_t running() const;
  std::size_t capacity() const { return capacity_; }
  // Seconds until a slot is likely free for one more job: queued jobs × the mean run time / slots, ≥ 1.
  int retry_after_seconds(unsigned slots) const;

 private:
  struct Job {
    JobView view;
    std::optional<EvaluationRequest> request;  // dropped once taken
    Clock::time_point submitted, started;
  };
  void forget_old_locked();

  const std::size_t capacity_, retained_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::map<std::string, Job> jobs_;
  std::function<void(const std::string&, const EvaluationRequest&)> observer_;
  std::deque<std::string> waiting_;   // queued, oldest first
  std::deque<std::string> finished_;  // final, oldest first (for forgetting)
  std::size_t running_ = 0;
  bool closed_ = false;
  double run_seconds_sum_ = 0;
  std::size_t runs_ = 0;
  std::uint64_t next_id_ = 1;
};

}  // namespace kbench::serve
