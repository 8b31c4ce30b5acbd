// CompileAhead: see compile_ahead.hpp.
#include "harness/serve/compile_ahead.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace kbench::serve {

CompileAhead::CompileAhead(const Evaluator& compiler, unsigned threads, HostGate* gate) : compiler_(compiler), gate_(gate) {
  for (unsigned i = 0; i < std::max(1u, threads); ++i) threads_.emplace_back([this] { loop(); });
}

CompileAhead::~CompileAhead() {
  close();
  for (auto& t : threads_)
    if (t.joinable()) t.join();  // a compile under way ends within the compile timeout
}

void CompileAhead::add(const std::string& id, const EvaluationRequest& request) {
  {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    pending_.push_back({id, request.task, request.candidate});
  }
  changed_.notify_all();
}

void CompileAhead::settle(const std::string& id) {
  std::unique_lock lock(mutex_);
  pending_.erase(std::remove_if(pending_.begin(), pending_.end(), [&](const Pending& p) { return p.id == id; }), pending_.end());
  changed_.wait(lock, [&] { return running_.count(id) == 0; });
}

void CompileAhead::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    pending_.clear();
  }
  changed_.notify_all();
}

std::size_t CompileAhead::compiled() const {
  std::lock_guard lock(mutex_);
  return compiled_;
}

void CompileAhead::loop() {
  for (;;) {
    std::optional<Pending> job;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return closed_ || !pending_.empty(); });
      if (closed_) return;
      job = std::move(pending_.front());
      pending_.pop_front();
      ++running_[job->id];
    }
    try {
      std::optional<HostGate::Hold> hold;
      if (gate_) hold.emplace(*gate_, false);
      (void)compiler_.compile(*job->task, job->candidate);  // kept by the compile cache, failures too
    } catch (const std::exception& e) {
      // kbench's own fault (no compiler, an unwritable cache): the evaluation compiles again and reports it.
      fmt::print(stderr, "kbench serve: compiling {} ahead failed: {}\n", job->id, e.what());
    }
    {
      std::lock_guard lock(mutex_);
      if (--running_[job->id] == 0) running_.erase(job->id);
      ++compiled_;
    }
    changed_.notify_all();
  }
}

}  // namespace kbench::serve
