// DeviceRuntime (worker side): what a backend's worker process does with a device. The generic worker
// loop (harness/worker/worker_loop.cpp) parses requests and calls these; only workers load candidates.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/arena/arena.hpp"
#include "core/timing/timing_policy.hpp"

namespace kbench {

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
  // last timed call) and inputs in the arena for the parent to check. With `witnesses` (W per set, set k's
  // at k * W ...), each set's timed calls offered to a WitnessReservoir (core/timing/witness_reservoir.hpp)
  // copy their outputs to the witness's output regions when kept; notes["witness_calls"] says, per set,
  // which timed call (0-based, in that set's order) each witness holds.
  virtual TimingResult time_calls(const std::string& slot, Arena& arena, const std::vector<CallLayout>& sets,
                                  const TimingPolicy& policy, const std::vector<CallLayout>& witnesses) = 0;
  // True once the device is in a state that cannot serve another request (sticky CUDA error).
  virtual bool poisoned() const { return false; }
};

// Each worker executable defines this for its backend.
std::unique_ptr<DeviceRuntime> make_device_runtime();

}  // namespace kbench
