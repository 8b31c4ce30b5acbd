// GpuRuntime: the device side of kbench-worker-cuda and kbench-worker-hip (the same source, built once per
// vendor by backends/gpu/CMakeLists.txt; vendor.hpp maps its CUDA runtime calls to HIP).
#include "backends/gpu/gpu_runtime.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <stdexcept>

#include "backends/gpu/call_args.hpp"
#include "backends/gpu/gpu_check.hpp"
#include "backends/gpu/peak_flops.hpp"
#include "core/timing/sampling_loop.hpp"
#include "core/timing/witness_keeper.hpp"

namespace kbench::gpu {
namespace {

using Clock = std::chrono::steady_clock;

double ns_since(Clock::time_point t) { return std::chrono::duration<double, std::nano>(Clock::now() - t).count(); }

// Nominal fp32 peak of the current device: from the compute capability (NVIDIA) or the gcnArchName (AMD).
double fp32_peak_flops(const cudaDeviceProp& props, int clock_khz) {
#if defined(KBENCH_GPU_HIP)
  return amd_fp32_peak_flops(props.gcnArchName, props.multiProcessorCount, clock_khz);
#else
  return nvidia_fp32_peak_flops(props.major, props.minor, props.multiProcessorCount, clock_khz);
#endif
}

double median_of(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

}  // namespace

GpuRuntime::GpuRuntime() {
  int count = 0;
  KBENCH_GPU_CHECK(cudaGetDeviceCount(&count));
  if (count == 0) throw std::runtime_error("no CUDA device");
  KBENCH_GPU_CHECK(cudaSetDevice(device_));
  KBENCH_GPU_CHECK(cudaGetDeviceProperties(&props_, device_));
  // Stream-ordered allocations (cudaMallocAsync) come from the device's default pool, whose default
  // release threshold (0) gives freed memory back at every synchronisation. The harness synchronises
  // around every timed call, so a candidate allocating scratch per call would pay a fresh mapping each
  // time: a cost it has neither in an application's steady state nor in a do_bench loop. Keep it.
  cudaMemPool_t pool = nullptr;
  KBENCH_GPU_CHECK(cudaDeviceGetDefaultMemPool(&pool, device_));
  std::uint64_t keep_all = ~std::uint64_t{0};
  KBENCH_GPU_CHECK(cudaMemPoolSetAttribute(pool, cudaMemPoolAttrReleaseThreshold, &keep_all));
  // A blocking stream: work the candidate puts on other blocking streams is ordered with the legacy
  // default stream, where the stop event is recorded.
  KBENCH_GPU_CHECK(cudaStreamCreate(&stream_));
  KBENCH_GPU_CHECK(cudaEventCreate(&start_));
  KBENCH_GPU_CHECK(cudaEventCreate(&stop_));
}

GpuRuntime::~GpuRuntime() {
  flush_.reset();
  if (start_) cudaEventDestroy(start_);
  if (stop_) cudaEventDestroy(stop_);
  if (stream_) cudaStreamDestroy(stream_);
}

double GpuRuntime::measure_copy_bandwidth() {
  constexpr std::size_t kBytes = std::size_t{1} << 30;
  void *a = nullptr, *b = nullptr;
  KBENCH_GPU_CHECK(cudaMalloc(&a, kBytes));
  KBENCH_GPU_CHECK(cudaMalloc(&b, kBytes));
  KBENCH_GPU_CHECK(cudaMemsetAsync(a, 1, kBytes, stream_));
  KBENCH_GPU_CHECK(cudaMemcpyAsync(b, a, kBytes, cudaMemcpyDeviceToDevice, stream_));  // warm-up
  constexpr int kReps = 5;
  KBENCH_GPU_CHECK(cudaEventRecord(start_, stream_));
  for (int i = 0; i < kReps; ++i)
    KBENCH_GPU_CHECK(cudaMemcpyAsync(i % 2 ? a : b, i % 2 ? b : a, kBytes, cudaMemcpyDeviceToDevice, stream_));
  KBENCH_GPU_CHECK(cudaEventRecord(stop_, stream_));
  KBENCH_GPU_CHECK(cudaEventSynchronize(stop_));
  float ms = 0;
  KBENCH_GPU_CHECK(cudaEventElapsedTime(&ms, start_, stop_));
  KBENCH_GPU_CHECK(cudaFree(a));
  KBENCH_GPU_CHECK(cudaFree(b));
  return 2.0 * kBytes * kReps / (ms * 1e-3);  // bytes read plus bytes written
}

nlohmann::json GpuRuntime::device_info() {
  if (!copy_bandwidth_) copy_bandwidth_ = measure_copy_bandwidth();
  int clock_khz = 0, mem_clock_khz = 0, driver = 0, runtime = 0;
  KBENCH_GPU_CHECK(cudaDeviceGetAttribute(&clock_khz, cudaDevAttrClockRate, device_));
  KBENCH_GPU_CHECK(cudaDeviceGetAttribute(&mem_clock_khz, cudaDevAttrMemoryClockRate, device_));
  KBENCH_GPU_CHECK(cudaDriverGetVersion(&driver));
  KBENCH_GPU_CHECK(cudaRuntimeGetVersion(&runtime));
  const double nominal = 2.0 * mem_clock_khz * 1e3 * props_.memoryBusWidth / 8.0;
  return {{"name", props_.name},
          {"arch", "sm_" + std::to_string(props_.major) + std::to_string(props_.minor)},
          {"memory_bytes", static_cast<double>(props_.totalGlobalMem)},
          {"peak_bandwidth_bytes_per_s", *copy_bandwidth_},
          {"peak_flops", fp32_peak_flops(props_, clock_khz)},
          {"l2_bytes", props_.l2CacheSize},
          {"extra",
           {{"sm_count", props_.multiProcessorCount},
            {"bandwidth_source", "measured device-to-device copy, 1 GiB, bytes read + written"},
            {"nominal_bandwidth_bytes_per_s", nominal},
            {"clock_khz", clock_khz},
            {"driver_version", driver},
            {"runtime_version", runtime}}}};
}

void GpuRuntime::load(const std::string& slot, const std::string& artifact) {
  // RTLD_LOCAL: candidates cannot see or interpose each other's symbols. Handles are never closed: a
  // candidate may have left callbacks or static state registered with the CUDA runtime.
  void* handle = dlopen(artifact.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) throw std::runtime_error("cannot load " + artifact + ": " + dlerror());
  auto fn = reinterpret_cast<EntryFn>(dlsym(handle, "kbench_entry"));
  if (!fn) throw std::runtime_error(artifact + " has no kbench_entry symbol");
  // Static initialisers of the artifact may have failed to register their kernels (wrong arch).
  const cudaError_t pending = cudaGetLastError();
  if (pending != cudaSuccess) {
    note_error(GpuError(pending, describe(pending)));
    throw GpuError(pending, "loading " + artifact + ": " + describe(pending));
  }
  slots_[slot] = fn;
}

EntryFn GpuRuntime::entry(const std::string& slot) const {
  auto it = slots_.find(slot);
  if (it == slots_.end()) throw std::runtime_error("no artifact loaded in slot '" + slot + "'");
  return it->second;
}

void GpuRuntime::note_error(const GpuError& e) {
  if (is_sticky(e.code)) poisoned_ = true;
}

void GpuRuntime::call_and_wait(EntryFn fn, void* const* args, const char* what) {
  try {
    fn(args);
    const cudaError_t launch = cudaGetLastError();
    if (launch != cudaSuccess) throw GpuError(launch, std::string(what) + ": " + describe(launch) + " (at launch)");
    KBENCH_GPU_CHECK(cudaDeviceSynchronize());
  } catch (const GpuError& e) {
    note_error(e);
    // A non-sticky error may still hide a broken context: probe it.
    if (!poisoned_ && (cudaDeviceSynchronize() != cudaSuccess || cudaGetLastError() != cudaSuccess)) poisoned_ = true;
    throw;
  }
}

void GpuRuntime::run_once(const std::string& slot, Arena& arena, const CallLayout& layout, bool outputs_only) {
  if (poisoned_) throw std::runtime_error("the CUDA context is lost after an earlier sticky error");
  const EntryFn fn = entry(slot);
  try {
    (void)cudaGetLastError();  // start clean
    mirror_.upload(arena, span_of({&layout}, arena.size()), stream_);
    const CallArgs args(layout, mirror_, stream_);
    call_and_wait(fn, args.pointers(), "solve()");
    if (outputs_only)
      mirror_.download_outputs(arena, layout, stream_);
    else
      mirror_.download(arena, stream_);
  } catch (const GpuError& e) {
    note_error(e);
    throw;
  }
}

void GpuRuntime::after_error() {
  if (!poisoned_ && (cudaDeviceSynchronize() != cudaSuccess || cudaGetLastError() != cudaSuccess)) poisoned_ = true;
}

// One timing session on the device: the arena's tensors staged once, the outputs as the parent poisoned
// them kept on the device to restore before each timed call, one argument array per set.
class GpuTimingSession final : public RotatingTimingSession {
 public:
  GpuTimingSession(GpuRuntime& rt, EntryFn fn, Arena& arena, const std::vector<CallLayout>& sets, const TimingPolicy& policy,
                   const std::vector<CallLayout>& witnesses, const WitnessSamples& samples)
      : RotatingTimingSession(sets, policy, witnesses, samples), rt_(rt), fn_(fn), arena_(arena) {
    rt_.guarded([&] {
      (void)cudaGetLastError();
      std::vector<const CallLayout*> layouts;
      for (const auto& s : sets_) layouts.push_back(&s);
      for (const auto& w : witnesses_) layouts.push_back(&w);
      rt_.mirror_.upload(arena_, span_of(layouts, arena_.size()), rt_.stream_);
      outputs_.resize(sets_.size());
      std::size_t snapshot_bytes = 0;
      for (std::size_t s = 0; s < sets_.size(); ++s)
        for (const ArgSlot& a : sets_[s].args)
          if (a.kind == ArgSlot::Kind::tensor && a.is_output) {
            outputs_[s].push_back({a.offset, a.bytes, snapshot_bytes});
            snapshot_bytes += (a.bytes + 255) / 256 * 256;
          }
      if (policy_.poison_each_call && snapshot_bytes) {
        void* memory = nullptr;
        KBENCH_GPU_CHECK(cudaMalloc(&memory, snapshot_bytes));
        snapshot_memory_.reset(memory);
        snapshot_ = static_cast<std::uint8_t*>(memory);
        for (const auto& regions : outputs_)
          for (const Region& r : regions)
            KBENCH_GPU_CHECK(cudaMemcpyAsync(snapshot_ + r.snapshot, rt_.mirror_.device_address(r.offset), r.bytes,
                                              cudaMemcpyDeviceToDevice, rt_.stream_));
      }
      if (policy_.flush_l2 && !rt_.flush_) rt_.flush_ = std::make_unique<L2Flush>(static_cast<std::size_t>(rt_.props_.l2CacheSize));
      for (const auto& s : sets_) args_.push_back(std::make_unique<CallArgs>(s, rt_.mirror_, rt_.stream_));
      KBENCH_GPU_CHECK(cudaDeviceSynchronize());
    });
  }

  int warm_up() override {
    return rt_.guarded([&] {
      return warm_up_calls(policy_, sets_.size(), [&](std::size_t s, CallPhase) {
        double event_ns = 0, host_ns = 0;
        one_call(s, event_ns, host_ns);
        return event_ns;
      });
    });
  }

  // Witnesses: once a timed call has returned and its clocks are read, the reservoir of its set decides
  // whether its outputs are copied to a witness's regions (outside the timed region; the copy is ordered
  // before the next call's restore on the same stream).
  Claims timed_calls(int count) override {
    return rt_.guarded([&] {
      Claims c;
      for (int i = 0; i < count; ++i) {
        const std::size_t s = next_set();
        double event_ns = 0, host_ns = 0;
        one_call(s, event_ns, host_ns);
        c.device_ns.push_back(event_ns);
        c.host_ns.push_back(host_ns);
        for (const auto& copy : keeper_.offer(s)) {
          if (copy.rows == 1)
            KBENCH_GPU_CHECK(cudaMemcpyAsync(rt_.mirror_.device_address(copy.to), rt_.mirror_.device_address(copy.from),
                                              copy.bytes, cudaMemcpyDeviceToDevice, rt_.stream_));
          else  // the sampled rows, one strided copy
            KBENCH_GPU_CHECK(cudaMemcpy2DAsync(rt_.mirror_.device_address(copy.to), copy.bytes,
                                                rt_.mirror_.device_address(copy.from), copy.stride, copy.bytes, copy.rows,
                                                cudaMemcpyDeviceToDevice, rt_.stream_));
        }
      }
      KBENCH_GPU_CHECK(cudaDeviceSynchronize());  // the last witness copy is part of this batch
      events_.insert(events_.end(), c.device_ns.begin(), c.device_ns.end());
      hosts_.insert(hosts_.end(), c.host_ns.begin(), c.host_ns.end());
      return c;
    });
  }

  // Work on a non-blocking stream escapes the events but not the device-wide synchronisation: when the
  // host clock exceeds the events by more than launch overhead, the host clock is the sample.
  Ending finish() override {
    return rt_.guarded([&] {
      rt_.mirror_.download(arena_, rt_.stream_);
      const double event_median = median_of(events_), host_median = median_of(hosts_);
      const bool escaped = !events_.empty() && host_median - event_median > 50e3 + 0.25 * event_median;
      Ending e;
      e.host_clock = escaped;
      e.method = escaped ? "cuda-wall-device-sync" : (policy_.flush_l2 ? "cuda-events-cold" : "cuda-events-warm");
      e.notes = {{"input_sets", sets_.size()},
                 {"l2_flush_bytes", policy_.flush_l2 ? rt_.flush_->bytes() : 0},
                 {"event_median_ns", event_median},
                 {"wall_median_ns", host_median},
                 {"work_outside_timed_stream", escaped}};
      if (auto kept = keeper_.calls(); !kept.is_null()) e.notes["witness_calls"] = std::move(kept);
      if (escaped)
        e.notes["warning"] = "device work outlasted the timed stream (a non-blocking stream?): the host clock "
                             "to a device-wide synchronisation was reported instead of the events";
      return e;
    });
  }

 private:
  struct Region {
    std::size_t offset, bytes, snapshot;
  };

  // One call: restore poisoned outputs, flush L2, wait for an idle device, then time the call with events
  // (start on the candidate's stream, stop on the legacy stream, which orders after every blocking stream)
  // and with the host clock up to a device-wide synchronisation.
  void one_call(std::size_t s, double& event_ns, double& host_ns) {
    if (snapshot_)
      for (const Region& r : outputs_[s])
        KBENCH_GPU_CHECK(cudaMemcpyAsync(rt_.mirror_.device_address(r.offset), snapshot_ + r.snapshot, r.bytes,
                                          cudaMemcpyDeviceToDevice, rt_.stream_));
    if (policy_.flush_l2) rt_.flush_->flush(rt_.stream_);
    KBENCH_GPU_CHECK(cudaDeviceSynchronize());
    const auto t0 = Clock::now();
    KBENCH_GPU_CHECK(cudaEventRecord(rt_.start_, rt_.stream_));
    fn_(args_[s]->pointers());
    const cudaError_t launch = cudaGetLastError();
    if (launch != cudaSuccess) throw GpuError(launch, "solve(): " + describe(launch) + " (at launch, timed call)");
    KBENCH_GPU_CHECK(cudaEventRecord(rt_.stop_, cudaStreamLegacy));
    KBENCH_GPU_CHECK(cudaDeviceSynchronize());
    host_ns = ns_since(t0);
    float ms = 0;
    KBENCH_GPU_CHECK(cudaEventElapsedTime(&ms, rt_.start_, rt_.stop_));
    event_ns = ms * 1e6;
  }

  GpuRuntime& rt_;
  EntryFn fn_;
  Arena& arena_;
  std::vector<std::vector<Region>> outputs_;
  struct DeviceFree {
    void operator()(void* p) const { cudaFree(p); }
  };
  // Members, not the destructor, free it: a constructor that throws after the allocation runs no destructor.
  std::unique_ptr<void, DeviceFree> snapshot_memory_;
  std::uint8_t* snapshot_ = nullptr;
  std::vector<std::unique_ptr<CallArgs>> args_;
  std::vector<double> events_, hosts_;
};

std::unique_ptr<TimingSession> GpuRuntime::begin_timing(const std::string& slot, Arena& arena,
                                                        const std::vector<CallLayout>& sets, const TimingPolicy& policy,
                                                        const std::vector<CallLayout>& witnesses,
                                                        const WitnessSamples& samples) {
  if (poisoned_) throw std::runtime_error("the CUDA context is lost after an earlier sticky error");
  return std::make_unique<GpuTimingSession>(*this, entry(slot), arena, sets, policy, witnesses, samples);
}

}  // namespace kbench::gpu

namespace kbench {
std::unique_ptr<DeviceRuntime> make_device_runtime() { return std::make_unique<gpu::GpuRuntime>(); }
}  // namespace kbench
