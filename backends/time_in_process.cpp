// time_in_process (backends/runtime.hpp): a whole timing session driven in the worker's own process, for
// tests of a runtime; kbench itself drives sessions from the parent (harness/eval/bracketed_timing.hpp).
#include "backends/runtime.hpp"

#include "core/timing/sampling_loop.hpp"

namespace kbench {

TimingResult time_in_process(DeviceRuntime& runtime, const std::string& slot, Arena& arena,
                             const std::vector<CallLayout>& sets, const TimingPolicy& policy,
                             const std::vector<CallLayout>& witnesses) {
  const auto session = runtime.begin_timing(slot, arena, sets, policy, witnesses, {});
  session->warm_up();
  TimingPolicy no_warmup = policy;
  no_warmup.warmup_calls = 0;
  no_warmup.warmup_ms = 0;
  std::vector<double> host_ns;
  SampleLoopResult loop = sample_calls(no_warmup, sets.size(), [&](std::size_t, CallPhase) {
    const TimingSession::Claims c = session->timed_calls(1);
    host_ns.push_back(c.host_ns.at(0));
    return c.device_ns.at(0);
  });
  TimingSession::Ending end = session->finish();
  TimingResult r;
  r.samples_ns = end.host_clock ? host_ns : loop.samples_ns;
  r.method = end.method;
  r.notes = std::move(end.notes);
  r.notes["stop_reason"] = loop.stop_reason;
  return r;
}

}  // namespace kbench
