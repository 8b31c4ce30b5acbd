// DeviceRuntime (worker side): what a backend's worker process does with a device. The generic worker
// loop (harness/worker/worker_loop.cpp) parses requests and calls these; only workers load candidates.
#pragma once
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/arena/arena.hpp"
#include "core/timing/timing_policy.hpp"
#include "core/timing/witness_keeper.hpp"

namespace kbench {

// Timed calls of one slot on one arena, in batches the parent asks for. With `witnesses` (W per set, set k's
// at k * W ...), each set's timed calls are offered to a WitnessReservoir (core/timing/witness_reservoir.hpp)
// and copy their outputs to the witness's output regions when kept.
class TimingSession {
 public:
  virtual ~TimingSession() = default;
  // Warm-up calls under the policy (warmup_calls, warmup_ms, cut off as the runtime decides); how many.
  virtual int warm_up() = 0;
  // Exactly `count` timed calls, the rotation over the sets going on from the last; per call, the
  // worker's own durations: `device_ns` (what the stopping rule counts: events on GPUs) and `host_ns`
  // (the host clock around the call and a device-wide synchronisation).
  struct Claims {
    std::vector<double> device_ns, host_ns;
  };
  virtual Claims timed_calls(int count) = 0;
  // Ends the session: each set's outputs (from its last timed call) and inputs back in the arena for the
  // parent to check. `method` names the clock of device_ns; notes["witness_calls"] says, per set, which
  // timed call (0-based, in that set's order) each witness holds.
  struct Ending {
    std::string method;
    bool host_clock = false;  // device_ns missed device work (another stream): host_ns are the samples
    nlohmann::json notes = nlohmann::json::object();
  };
  virtual Ending finish() = 0;
};

// What every runtime's session keeps: the sets, the policy, the witnesses and their keeper, and the
// rotation over the sets (each timed call takes the next set, on from the last batch).
class RotatingTimingSession : public TimingSession {
 protected:
  RotatingTimingSession(const std::vector<CallLayout>& sets, const TimingPolicy& policy,
                        const std::vector<CallLayout>& witnesses, const WitnessSamples& samples)
      : sets_(sets), policy_(policy), witnesses_(witnesses), keeper_(sets_, witnesses_, samples) {
    if (sets_.empty()) throw std::invalid_argument("timing without input sets");
  }
  std::size_t next_set() { return next_++ % sets_.size(); }

  const std::vector<CallLayout> sets_;
  const TimingPolicy policy_;
  const std::vector<CallLayout> witnesses_;
  WitnessKeeper keeper_;
  std::size_t next_ = 0;  // timed calls made (the CPU's warm-up moves it on too)
};

class DeviceRuntime {
 public:
  virtual ~DeviceRuntime() = default;
  // Device description for the parent (name, arch, memory, bandwidth, L2...), as JSON.
  virtual nlohmann::json device_info() = 0;
  // Loads an artifact under a slot name ("candidate", "reference", "vendor"); throws on failure.
  virtual void load(const std::string& slot, const std::string& artifact) = 0;
  // Runs the slot once on one argument set: stages the arena's tensors (inputs and poisoned outputs,
  // guards included) on the device, calls, synchronizes, copies every tensor region back to the arena
  // (`outputs_only`: only the outputs and their guards; runtimes that call in place ignore it).
  virtual void run_once(const std::string& slot, Arena& arena, const CallLayout& layout, bool outputs_only) = 0;
  void run_once(const std::string& slot, Arena& arena, const CallLayout& layout) { run_once(slot, arena, layout, false); }
  // Starts timing calls of `slot` cycling through `sets` under `policy` (the parent brackets each batch of
  // calls with its own clock: harness/eval/bracketed_timing.hpp). The session stages what it needs and
  // keeps `arena` until it ends.
  // `samples` says which bytes of each output each witness keeps (core/timing/witness_keeper.hpp).
  virtual std::unique_ptr<TimingSession> begin_timing(const std::string& slot, Arena& arena,
                                                      const std::vector<CallLayout>& sets, const TimingPolicy& policy,
                                                      const std::vector<CallLayout>& witnesses,
                                                      const WitnessSamples& samples) = 0;
  // True once the device is in a state that cannot serve another request (sticky CUDA error).
  virtual bool poisoned() const { return false; }
};

// A whole timing in this process (tests of a runtime): warm-up, then one call per batch until the
// stopping rule holds on the samples (device_ns, or host_ns where the session says so) and every set had
// a timed call.
TimingResult time_in_process(DeviceRuntime& runtime, const std::string& slot, Arena& arena,
                             const std::vector<CallLayout>& sets, const TimingPolicy& policy,
                             const std::vector<CallLayout>& witnesses = {});

// Each worker executable defines this for its backend.
std::unique_ptr<DeviceRuntime> make_device_runtime();

}  // namespace kbench
