// ReferenceTimings: the reference's (and vendor baseline's) timing at one bench shape is the same for every
// candidate of a task, so an Evaluator (or a server slot, across its requests) times it once and keeps it
// here, for at most max_age: a device's clocks and temperature drift, so a long-lived server or LLM run
// re-times its references every few minutes. Keyed by the timing policy too (a screened reference is never
// used for a full timing), and by the device's identity (name, architecture, UUID, driver).
// With persist_in(dir), every timing is also written there (one JSON file per key, written atomically) and
// a timing another kbench process measured less than max_age ago is found there, so a fresh `kbench eval`
// (or a restarted server) does not time the reference again; `kbench baseline` fills it. Such a timing was
// measured like one kept in memory: before any candidate was loaded, with the device lock held exclusively
// (harness/eval/device_lock.hpp), so no candidate of any kbench process on this device was present.
// Thread-safe.
#pragma once
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/device/device_info.hpp"
#include "core/timing/bracket_check.hpp"
#include "core/verdict/verdict.hpp"

namespace kbench {

// A trusted worker's timing: its samples' summary and, where the worker timed its own calls in batches,
// the overhead its batches' brackets held beyond its calls (what a candidate's claims are judged against).
struct BaselineTiming {
  TimingSummary summary;
  BracketOverhead overhead;
};

// A device as reference timings know it: name, architecture, UUID and driver version where known.
std::string device_identity(const DeviceInfo& device);

class ReferenceTimings {
 public:
  struct Key {
    std::string task, backend, artifact, shape;
    int sets = 0;
    std::string policy;  // the timing policy's name and parameters
    std::string device;  // the device's identity ("" when none is known)
    auto operator<=>(const Key&) const = default;
  };
  static constexpr double kDefaultMaxAgeSeconds = 600;
  explicit ReferenceTimings(double max_age_s = kDefaultMaxAgeSeconds) : max_age_(max_age_s) {}

  // Also keep timings in `dir` (created when missing) and find other processes' there.
  void persist_in(const std::filesystem::path& dir);

  // The timing measured under `key` no longer than max_age + grace ago. An evaluation that found a timing
  // before its candidate was loaded passes its own budget as the grace, so that the timing it counted on is
  // still there when it compares (it must not be re-measured beside the candidate).
  std::optional<BaselineTiming> find(const Key& key, double grace_s = 0) const;
  // `persist`: also write it to the folder (a timing measured beside a candidate stays in this process).
  void store(const Key& key, const BaselineTiming& timing, bool persist = true);

  // The file a key's timing is kept in (under the persist_in folder).
  static std::string file_name(const Key& key);

 private:
  struct Entry {
    BaselineTiming timing;
    std::chrono::steady_clock::time_point measured_at;
  };
  std::optional<Entry> read_file(const Key& key) const;  // with the lock held
  void write_file(const Key& key, const BaselineTiming& timing) const;

  double max_age_;
  mutable std::mutex mutex_;
  mutable std::map<Key, Entry> timings_;
  std::filesystem::path dir_;
};

}  // namespace kbench
