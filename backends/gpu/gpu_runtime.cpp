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

void GpuRuntime::run_once(const std::string& slot, Arena& arena, const CallLayout& layout) {
  if (poisoned_) throw std::runtime_error("the CUDA context is lost after an earlier sticky error");
  const EntryFn fn = entry(slot);
  try {
    (void)cudaGetLastError();  // start clean
    mirror_.upload(arena, span_of({&layout}, arena.size()), stream_);
    const CallArgs args(layout, mirror_, stream_);
    call_and_wait(fn, args.pointers(), "solve()");
    mirror_.download(arena, stream_);
  } catch (const GpuError& e) {
    note_error(e);
    throw;
  }
}

TimingResult GpuRuntime::time_calls(const std::string& slot, Arena& arena, const std::vector<CallLayout>& sets,
                                     const TimingPolicy& policy, const std::vector<CallLayout>& witnesses) {
  if (poisoned_) throw std::runtime_error("the CUDA context is lost after an earlier sticky error");
  if (sets.empty()) throw std::invalid_argument("time_calls without input sets");
  const EntryFn fn = entry(slot);
  TimingResult result;
  try {
    (void)cudaGetLastError();
    WitnessKeeper witnesses_kept(sets, witnesses);
    std::vector<const CallLayout*> layouts;
    for (const auto& s : sets) layouts.push_back(&s);
    for (const auto& w : witnesses) layouts.push_back(&w);
    mirror_.upload(arena, span_of(layouts, arena.size()), stream_);

    // Outputs as the parent poisoned them, kept on the device to restore before each timed call.
    struct Region {
      std::size_t offset, bytes, snapshot;
    };
    std::vector<std::vector<Region>> outputs(sets.size());
    std::size_t snapshot_bytes = 0;
    for (std::size_t s = 0; s < sets.size(); ++s)
      for (const ArgSlot& a : sets[s].args)
        if (a.kind == ArgSlot::Kind::tensor && a.is_output) {
          outputs[s].push_back({a.offset, a.bytes, snapshot_bytes});
          snapshot_bytes += (a.bytes + 255) / 256 * 256;
        }
    std::uint8_t* snapshot = nullptr;
    if (policy.poison_each_call && snapshot_bytes) {
      KBENCH_GPU_CHECK(cudaMalloc(&snapshot, snapshot_bytes));
      for (const auto& regions : outputs)
        for (const Region& r : regions)
          KBENCH_GPU_CHECK(cudaMemcpyAsync(snapshot + r.snapshot, mirror_.device_address(r.offset), r.bytes,
                                            cudaMemcpyDeviceToDevice, stream_));
    }
    struct SnapshotGuard {
      std::uint8_t* p;
      ~SnapshotGuard() {
        if (p) cudaFree(p);
      }
    } snapshot_guard{snapshot};

    if (policy.flush_l2 && !flush_) flush_ = std::make_unique<L2Flush>(static_cast<std::size_t>(props_.l2CacheSize));
    std::vector<std::unique_ptr<CallArgs>> args;
    for (const auto& s : sets) args.push_back(std::make_unique<CallArgs>(s, mirror_, stream_));

    // One call: restore poisoned outputs, flush L2, wait for an idle device, then time the call with
    // events (start on the candidate's stream, stop on the legacy stream, which orders after every
    // blocking stream) and with the host clock up to a device-wide synchronisation.
    auto one_call = [&](std::size_t s, double& event_ns, double& wall_ns) {
      if (snapshot)
        for (const Region& r : outputs[s])
          KBENCH_GPU_CHECK(cudaMemcpyAsync(mirror_.device_address(r.offset), snapshot + r.snapshot, r.bytes,
                                            cudaMemcpyDeviceToDevice, stream_));
      if (policy.flush_l2) flush_->flush(stream_);
      KBENCH_GPU_CHECK(cudaDeviceSynchronize());
      const auto t0 = Clock::now();
      KBENCH_GPU_CHECK(cudaEventRecord(start_, stream_));
      fn(args[s]->pointers());
      const cudaError_t launch = cudaGetLastError();
      if (launch != cudaSuccess) throw GpuError(launch, "solve(): " + describe(launch) + " (at launch, timed call)");
      KBENCH_GPU_CHECK(cudaEventRecord(stop_, cudaStreamLegacy));
      KBENCH_GPU_CHECK(cudaDeviceSynchronize());
      wall_ns = ns_since(t0);
      float ms = 0;
      KBENCH_GPU_CHECK(cudaEventElapsedTime(&ms, start_, stop_));
      event_ns = ms * 1e6;
    };

    // Witnesses: once a timed call has returned and its clocks are read, the reservoir of its set decides
    // whether its outputs are copied to a witness's regions (outside the timed region; the copy is ordered
    // before the next call's restore on the same stream).
    auto keep_witness = [&](std::size_t s) {
      for (const auto& c : witnesses_kept.offer(s))
        KBENCH_GPU_CHECK(cudaMemcpyAsync(mirror_.device_address(c.to), mirror_.device_address(c.from), c.bytes,
                                          cudaMemcpyDeviceToDevice, stream_));
    };

    // The stopping rule counts the event samples; each timed call also keeps its host-clock sample.
    std::vector<double> wall_samples;
    SampleLoopResult loop = sample_calls(policy, sets.size(), [&](std::size_t s, CallPhase phase) {
      double event_ns = 0, wall_ns = 0;
      one_call(s, event_ns, wall_ns);
      if (phase == CallPhase::sample) {
        wall_samples.push_back(wall_ns);
        keep_witness(s);
      }
      return event_ns;
    });
    const std::vector<double>& event_samples = loop.samples_ns;
    const std::string& reason = loop.stop_reason;
    mirror_.download(arena, stream_);

    // Work on a non-blocking stream escapes the events but not the device-wide synchronisation: when the
    // host clock exceeds the events by more than launch overhead, report the host clock instead.
    const double event_median = median_of(event_samples), wall_median = median_of(wall_samples);
    const double excess = wall_median - event_median;
    const bool escaped = excess > 50e3 + 0.25 * event_median;
    result.samples_ns = escaped ? wall_samples : event_samples;
    result.method = escaped ? "cuda-wall-device-sync" : (policy.flush_l2 ? "cuda-events-cold" : "cuda-events-warm");
    result.notes = {{"stop_reason", reason},
                    {"input_sets", sets.size()},
                    {"l2_flush_bytes", policy.flush_l2 ? flush_->bytes() : 0},
                    {"event_median_ns", event_median},
                    {"wall_median_ns", wall_median},
                    {"work_outside_timed_stream", escaped}};
    if (auto kept = witnesses_kept.calls(); !kept.is_null()) result.notes["witness_calls"] = std::move(kept);
    if (escaped)
      result.notes["warning"] = "device work outlasted the timed stream (a non-blocking stream?): the host clock "
                                "to a device-wide synchronisation was reported instead of the events";
  } catch (const GpuError& e) {
    note_error(e);
    if (!poisoned_ && (cudaDeviceSynchronize() != cudaSuccess || cudaGetLastError() != cudaSuccess)) poisoned_ = true;
    throw;
  }
  return result;
}

}  // namespace kbench::gpu

namespace kbench {
std::unique_ptr<DeviceRuntime> make_device_runtime() { return std::make_unique<gpu::GpuRuntime>(); }
}  // namespace kbench
