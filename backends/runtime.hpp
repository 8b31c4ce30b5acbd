// DeviceRuntime (worker side): what a backend's worker process does with a device. The generic worker
// loop (harness/worker/worker_loop.cpp) parses requests and calls these; only workers load candidates.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/worker/arena.hpp"

namespace kbench {

// Stopping rule for sampling (nvbench-like): at least min_samples and min_time_ms of measured time,
// then stop when the relative standard error is under target_rse; stop anyway at max_time_ms / max_samples.
struct TimingPolicy {
  int warmup_calls = 3;
  double warmup_ms = 20;
  int min_samples = 10;
  int max_samples = 5000;
  double min_time_ms = 50;
  double max_time_ms = 2000;
  double target_rse = 0.005;
  bool flush_l2 = true;         // GPU: write a buffer larger than L2 before every timed call
  bool poison_each_call = true; // re-poison outputs before every timed call (outside the timed region)
};
nlohmann::json to_json(const TimingPolicy& p);
TimingPolicy timing_policy_from_json(const nlohmann::json& j);

struct TimingResult {
  std::vector<double> samples_ns;  // one per timed call
  std::string method;              // "cpu-wall", "cuda-events-cold", ...
  nlohmann::json notes;            // e.g. work seen on other streams
};

class DeviceRuntime {
 public:
  virtual ~DeviceRuntime() = default;
  // Device description for the parent (name, arch, memory, bandwidth, L2...), as JSON.
  virtual nlohmann::json device_info() = 0;
  // Loads an artifact under a slot name ("candidate", "reference", "vendor"); throws on failure.
  virtual void load(const std::string& slot, const std::string& artifact) = 0;
  // Runs the slot once on one argument set: stages the arena's tensors (inputs and poisoned outputs,
  // guards included) on the device, calls, synchronizes, copies every tensor region back to the arena.
  virtual void run_once(const std::string& slot, Arena& arena, const CallLayout& layout) = 0;
  // Times repeated calls cycling through `sets` under `policy`; leaves each set's outputs (from its
  // last timed call) and inputs in the arena for the parent to check.
  virtual TimingResult time_calls(const std::string& slot, Arena& arena, const std::vector<CallLayout>& sets,
                                  const TimingPolicy& policy) = 0;
  // True once the device is in a state that cannot serve another request (sticky CUDA error).
  virtual bool poisoned() const { return false; }
};

// Each worker executable defines this for its backend.
std::unique_ptr<DeviceRuntime> make_device_runtime();

}  // namespace kbench
