// ReferenceTimings: the reference's (and vendor baseline's) timing at one bench shape is the same for every
// candidate of a task, so an Evaluator (or a server slot, across its requests) times it once and keeps it
// here, for at most max_age: a device's clocks and temperature drift, so a long-lived server or LLM run
// re-times its references every few minutes. Keyed by the timing policy too (a screened reference is never
// used for a full timing). Thread-safe.
#pragma once
#include <chrono>
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
    std::string policy;  // the timing policy's name and parameters
    auto operator<=>(const Key&) const = default;
  };
  static constexpr double kDefaultMaxAgeSeconds = 600;
  explicit ReferenceTimings(double max_age_s = kDefaultMaxAgeSeconds) : max_age_(max_age_s) {}

  // The timing measured under `key` no longer than max_age + grace ago. An evaluation that found a timing
  // before its candidate was loaded passes its own budget as the grace, so that the timing it counted on is
  // still there when it compares (it must not be re-measured beside the candidate).
  std::optional<BaselineTiming> find(const Key& key, double grace_s = 0) const {
    std::unique_lock lock(mutex_);
    auto it = timings_.find(key);
    if (it == timings_.end()) return std::nullopt;
    if (std::chrono::duration<double>(std::chrono::steady_clock::now() - it->second.measured_at).count() > max_age_ + grace_s)
      return std::nullopt;
    return it->second.timing;
  }
  void store(const Key& key, const BaselineTiming& timing) {
    std::unique_lock lock(mutex_);
    timings_[key] = {timing, std::chrono::steady_clock::now()};
  }

 private:
  struct Entry {
    BaselineTiming timing;
    std::chrono::steady_clock::time_point measured_at;
  };
  double max_age_;
  mutable std::mutex mutex_;
  std::map<Key, Entry> timings_;
};

}  // namespace kbench
