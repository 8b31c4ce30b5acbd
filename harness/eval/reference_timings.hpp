// ReferenceTimings: the reference's (and vendor baseline's) timing at one bench shape is the same for every
// candidate of a task, so an Evaluator times it once and keeps it here. Thread-safe.
#pragma once
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/timing/bracket_check.hpp"
#include "core/verdict/verdict.hpp"

namespace kbench {

// A trusted worker's timing: its samples' summary and, where the worker timed its own calls in batches,
// the overhead its batches' brackets held beyond its calls (what a candidate's claims are judged against).
struct BaselineTiming {
  TimingSummary summary;
  BracketOverhead overhead;
};

class ReferenceTimings {
 public:
  struct Key {
    std::string task, backend, artifact, shape;
    int sets = 0;
    auto operator<=>(const Key&) const = default;
  };
  std::optional<BaselineTiming> find(const Key& key) const {
    std::unique_lock lock(mutex_);
    auto it = timings_.find(key);
    if (it == timings_.end()) return std::nullopt;
    return it->second;
  }
  void store(const Key& key, const BaselineTiming& timing) {
    std::unique_lock lock(mutex_);
    timings_[key] = timing;
  }

 private:
  mutable std::mutex mutex_;
  std::map<Key, BaselineTiming> timings_;
};

}  // namespace kbench
