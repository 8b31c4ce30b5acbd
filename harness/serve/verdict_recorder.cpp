// VerdictRecorder: see verdict_recorder.hpp.
#include "harness/serve/verdict_recorder.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace kbench::serve {

VerdictRecorder::VerdictRecorder(std::optional<std::filesystem::path> db, std::string command, RunProvenance provenance,
                                 nlohmann::json config)
    : db_path_(std::move(db)), command_(std::move(command)), provenance_(std::move(provenance)), config_(std::move(config)) {
  if (db_path_) store_.emplace(*db_path_);  // opened now: a bad path fails before the server listens
}

std::optional<std::int64_t> VerdictRecorder::record(const std::string& label, const std::string& task,
                                                    const std::string& backend, const Candidate& candidate,
                                                    const Verdict& verdict) {
  std::unique_lock lock(mutex_);
  if (closed_) throw std::runtime_error("the server is shutting down: its results store is closed");
  if (!store_) return std::nullopt;
  const std::string run_label = this->run_label(label);
  auto it = runs_.find(run_label);
  if (it == runs_.end()) {
    RunProvenance p = provenance_;
    p.label = run_label;
    it = runs_.emplace(run_label, store_->begin_run("serve", command_, config_, p)).first;
  }
  return store_->record_attempt(it->second, task, backend, candidate, verdict);
}

void VerdictRecorder::close() {
  std::unique_lock lock(mutex_);
  if (closed_) return;
  closed_ = true;
  if (!store_) return;
  for (const auto& [label, run] : runs_) {
    try {
      store_->finish_run(run);
    } catch (const std::exception& e) {  // its attempts are stored; only the end mark is lost
      fmt::print(stderr, "kbench serve: run {} was not marked finished: {}\n", run, e.what());
    }
  }
}

}  // namespace kbench::serve
