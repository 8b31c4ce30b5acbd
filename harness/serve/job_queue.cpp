// JobQueue: see job_queue.hpp.
#include "harness/serve/job_queue.hpp"

#include <fmt/format.h>

#include <cmath>
#include <random>

namespace kbench::serve {
namespace {

double seconds(JobQueue::Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// "ev-<random>-<n>": unique within the server, not guessable across servers.
std::string job_id(std::uint64_t n) {
  static const std::uint32_t salt = std::random_device{}();
  return fmt::format("ev-{:08x}-{}", salt, n);
}

}  // namespace

std::string_view job_state_name(JobState s) {
  switch (s) {
    case JobState::queued: return "queued";
    case JobState::running: return "running";
    case JobState::done: return "done";
    case JobState::failed: return "failed";
    case JobState::abandoned: return "abandoned";
  }
  return "unknown";
}

JobQueue::JobQueue(std::size_t capacity, std::size_t retained) : capacity_(capacity), retained_(retained) {}

JobQueue::Submitted JobQueue::submit(EvaluationRequest request) {
  std::unique_lock lock(mutex_);
  if (closed_) return {Refusal::closed, {}};
  if (waiting_.size() >= capacity_) return {Refusal::full, {}};
  Job job;
  job.view.id = job_id(next_id_++);
  job.view.task = request.task->id;
  job.view.label = request.label;
  job.request = std::move(request);
  job.submitted = Clock::now();
  const std::string id = job.view.id;
  const Job& queued = jobs_.emplace(id, std::move(job)).first->second;
  waiting_.push_back(id);
  if (observer_) observer_(id, *queued.request);
  changed_.notify_all();
  return {Refusal::none, id};
}

std::optional<JobQueue::Taken> JobQueue::take() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return closed_ || !waiting_.empty(); });
  if (closed_) return std::nullopt;
  const std::string id = waiting_.front();
  waiting_.pop_front();
  Job& job = jobs_.at(id);
  job.view.state = JobState::running;
  job.started = Clock::now();
  job.view.queued_seconds = seconds(job.started - job.submitted);
  ++running_;
  Taken t{id, std::move(*job.request)};
  job.request.reset();
  changed_.notify_all();
  return t;
}

void JobQueue::finish(const std::string& id, JobState state, nlohmann::json result) {
  std::unique_lock lock(mutex_);
  auto it = jobs_.find(id);
  if (it == jobs_.end() || is_final(it->second.view.state)) return;  // abandoned by a shutdown meanwhile
  Job& job = it->second;
  if (job.view.state == JobState::running) {
    --running_;
    job.view.run_seconds = seconds(Clock::now() - job.started);
    if (state == JobState::done) {
      run_seconds_sum_ += job.view.run_seconds;
      ++runs_;
    }
  }
  job.view.state = state;
  job.view.result = std::move(result);
  finished_.push_back(id);
  forget_old_locked();
  changed_.notify_all();
}

void JobQueue::forget_old_locked() {
  while (finished_.size() > retained_) {
    jobs_.erase(finished_.front());
    finished_.pop_front();
  }
}

std::optional<JobView> JobQueue::find(const std::string& id) const {
  std::unique_lock lock(mutex_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  return it->second.view;
}

std::optional<JobView> JobQueue::wait(const std::string& id, Clock::duration timeout) const {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] {
    auto it = jobs_.find(id);
    return it == jobs_.end() || is_final(it->second.view.state);
  });
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  return it->second.view;
}

void JobQueue::close() {
  std::unique_lock lock(mutex_);
  closed_ = true;
  for (const std::string& id : waiting_) {
    Job& job = jobs_.at(id);
    job.view.state = JobState::abandoned;
    job.view.result = error_body({503, "shutting_down", "the server shut down before this evaluation started"});
    job.request.reset();
    finished_.push_back(id);
  }
  waiting_.clear();
  forget_old_locked();
  changed_.notify_all();
}

bool JobQueue::wait_until_idle(Clock::duration timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return running_ == 0; });
}

std::size_t JobQueue::abandon_running() {
  std::unique_lock lock(mutex_);
  std::size_t n = 0;
  for (auto& [id, job] : jobs_) {
    if (job.view.state != JobState::running) continue;
    job.view.state = JobState::abandoned;
    job.view.result = error_body({503, "shutting_down", "the server shut down while this evaluation ran; no verdict"});
    finished_.push_back(id);
    ++n;
  }
  running_ = 0;
  changed_.notify_all();
  return n;
}

std::size_t JobQueue::queued() const {
  std::unique_lock lock(mutex_);
  return waiting_.size();
}

std::size_t JobQueue::running() const {
  std::unique_lock lock(mutex_);
  return running_;
}

int JobQueue::retry_after_seconds(unsigned slots) const {
  std::unique_lock lock(mutex_);
  const double mean = runs_ ? run_seconds_sum_ / static_cast<double>(runs_) : 1.0;
  const double s = mean * static_cast<double>(waiting_.size()) / std::max(1u, slots);
  return std::max(1, static_cast<int>(std::ceil(s)));
}

}  // namespace kbench::serve
