// GpuRuntime (worker side, CUDA and HIP alike): loads candidate shared objects, stages arenas on the GPU
// with their guard bytes, runs and times calls with GPU events under a TimingPolicy (L2 flushed, input sets rotated,
// outputs re-poisoned outside the timed region), and notices device work the timed stream did not cover.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "backends/gpu/vendor.hpp"

#include "backends/gpu/gpu_check.hpp"
#include "backends/gpu/device_mirror.hpp"
#include "backends/gpu/l2_flush.hpp"
#include "backends/runtime.hpp"

namespace kbench::gpu {

using EntryFn = void (*)(void* const* args);

class GpuRuntime final : public DeviceRuntime {
 public:
  GpuRuntime();  // selects device 0, creates the stream and events; throws GpuError
  ~GpuRuntime() override;

  nlohmann::json device_info() override;
  void load(const std::string& slot, const std::string& artifact) override;
  using DeviceRuntime::run_once;
  void run_once(const std::string& slot, Arena& arena, const CallLayout& layout, bool outputs_only) override;
  std::unique_ptr<TimingSession> begin_timing(const std::string& slot, Arena& arena, const std::vector<CallLayout>& sets,
                                              const TimingPolicy& policy, const std::vector<CallLayout>& witnesses,
                                              const WitnessSamples& samples) override;
  bool poisoned() const override { return poisoned_; }

 private:
  friend class GpuTimingSession;
  EntryFn entry(const std::string& slot) const;
  // Runs f; on a GpuError marks the runtime poisoned when the error is sticky or the context broken, and
  // rethrows.
  template <class F>
  auto guarded(F&& f) -> decltype(f()) {
    try {
      return f();
    } catch (const GpuError& e) {
      note_error(e);
      after_error();
      throw;
    }
  }
  void after_error();  // a non-sticky error may still hide a broken context: probe it
  // Calls the candidate and waits for all device work; converts GPU errors into GpuError (and marks
  // the runtime poisoned when the error is sticky).
  void call_and_wait(EntryFn fn, void* const* args, const char* what);
  void note_error(const GpuError& e);
  double measure_copy_bandwidth();

  int device_ = 0;
  cudaDeviceProp props_{};
  cudaStream_t stream_ = nullptr;
  cudaEvent_t start_ = nullptr, stop_ = nullptr;
  std::unordered_map<std::string, EntryFn> slots_;
  DeviceMirror mirror_;
  std::unique_ptr<L2Flush> flush_;
  std::optional<double> copy_bandwidth_;
  bool poisoned_ = false;
};

}  // namespace kbench::gpu
