// ReferenceTimings: the reference's (and vendor baseline's) timing at one bench shape is the same for every
// candidate of a task, so an Evaluator times it once and keeps it here. Thread-safe.
#pragma once
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/verdict/verdict.hpp"

namespace kbench {

class ReferenceTimings {
 public:
  struct Key {
    std::string task, backend, artifact, shape;
    int sets = 0;
    auto operator<=>(const Key&) const = default;
  };
  std::optional<TimingSummary> find(const Key& key) const {
    std::unique_lock lock(mutex_);
    auto it = timings_.find(key);
    if (it == timings_.end()) return std::nullopt;
    return it->second;
  }
  void store(const Key& key, const TimingSummary& timing) {
    std::unique_lock lock(mutex_);
    timings_[key] = timing;
  }

 private:
  mutable std::mutex mutex_;
  std::map<Key, TimingSummary> timings_;
};

}  // namespace kbench
