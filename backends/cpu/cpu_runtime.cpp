// CPU DeviceRuntime (worker side): dlopen the artifact, call kbench_entry on arena memory, time with
// the monotonic clock.
#include <dlfcn.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <map>
#include <stdexcept>
#include <thread>

#include "backends/runtime.hpp"
#include "core/timing/sampling_loop.hpp"
#include "core/timing/witness_keeper.hpp"

namespace kbench {
namespace {

using EntryFn = void (*)(void* const*);

// Argument array for kbench_entry: tensor pointers into the arena, pointers to size/scalar storage.
class ArgPack {
 public:
  ArgPack(Arena& arena, const CallLayout& layout) {
    values_.resize(layout.args.size());
    for (std::size_t i = 0; i < layout.args.size(); ++i) {
      const ArgSlot& a = layout.args[i];
      switch (a.kind) {
        case ArgSlot::Kind::tensor: ptrs_.push_back(arena.data() + a.offset); break;
        case ArgSlot::Kind::size: values_[i].i64 = a.size_value; ptrs_.push_back(&values_[i]); break;
        case ArgSlot::Kind::scalar:
          if (a.dtype == DType::f64) values_[i].f64 = a.scalar_value;
          else if (a.dtype == DType::i64) values_[i].i64 = static_cast<std::int64_t>(a.scalar_value);
          else if (a.dtype == DType::i32) values_[i].i32 = static_cast<std::int32_t>(a.scalar_value);
          else values_[i].f32 = static_cast<float>(a.scalar_value);
          ptrs_.push_back(&values_[i]);
          break;
      }
    }
  }
  void* const* data() const { return ptrs_.data(); }

 private:
  union Value {
    std::int64_t i64;
    std::int32_t i32;
    double f64;
    float f32;
  };
  std::vector<Value> values_;
  std::vector<void*> ptrs_;
};

void poison_outputs(Arena& arena, const CallLayout& layout) {
  for (const auto& a : layout.args)
    if (a.kind == ArgSlot::Kind::tensor && a.is_output)
      fill_poison(a.dtype, arena.data() + a.offset, a.bytes / dtype_size(a.dtype));
}

// Timed calls on the host's cores, each between two reads of the monotonic clock. Outputs are re-poisoned
// before every timed call (not in warm-up), outside the timed region; witnesses are kept after the call's
// clock is read.
class CpuTimingSession : public RotatingTimingSession {
 public:
  CpuTimingSession(EntryFn fn, Arena& arena, const std::vector<CallLayout>& sets, const TimingPolicy& policy,
                   const std::vector<CallLayout>& witnesses, const WitnessSamples& samples)
      : RotatingTimingSession(sets, policy, witnesses, samples), fn_(fn), arena_(arena) {
    for (const auto& s : sets_) packs_.emplace_back(arena_, s);
    prefault_witnesses();
  }

  // Cut at a quarter of the time cap on the host's cores; the rotation goes on from warm-up into sampling.
  int warm_up() override {
    SampleLoopOptions options;
    options.warmup_cutoff_ms = policy_.max_time_ms / 4;
    const int calls = warm_up_calls(policy_, sets_.size(), [&](std::size_t s, CallPhase) {
      fn_(packs_[s].data());
      return 0.0;
    }, options);
    next_ = static_cast<std::size_t>(calls);
    return calls;
  }

  Claims timed_calls(int count) override {
    using clock = std::chrono::steady_clock;
    Claims c;
    for (int i = 0; i < count; ++i) {
      const std::size_t s = next_set();
      if (policy_.poison_each_call) poison_outputs(arena_, sets_[s]);
      const auto t0 = clock::now();
      fn_(packs_[s].data());
      const double ns = std::chrono::duration<double, std::nano>(clock::now() - t0).count();
      c.device_ns.push_back(ns);
      c.host_ns.push_back(ns);
      for (const auto& copy : keeper_.offer(s)) {
        if (copy.to + copy.rows * copy.bytes > arena_.size() || copy.from + (copy.rows - 1) * copy.stride + copy.bytes > arena_.size())
          throw std::invalid_argument("a witness lies outside the arena");
        for (std::size_t r = 0; r < copy.rows; ++r)
          std::memcpy(arena_.data() + copy.to + r * copy.bytes, arena_.data() + copy.from + r * copy.stride, copy.bytes);
      }
    }
    return c;
  }

  Ending finish() override {
    Ending e;
    e.method = "cpu-wall";
    if (auto kept = keeper_.calls(); !kept.is_null()) e.notes["witness_calls"] = std::move(kept);
    return e;
  }

 private:
  // The first write to each page of a witness region in this process's mapping faults; writing every page
  // once here keeps that cost out of the timed batches (it is not in the trusted worker's).
  void prefault_witnesses() {
    const long page = sysconf(_SC_PAGESIZE);
    for (const auto& w : witnesses_)
      for (const ArgSlot& a : w.args)
        if (a.kind == ArgSlot::Kind::tensor && a.is_output && a.offset + a.bytes <= arena_.size())
          for (std::size_t at = 0; at < a.bytes; at += static_cast<std::size_t>(page)) {
            volatile std::uint8_t* p = arena_.data() + a.offset + at;
            *p = *p;
          }
  }

  EntryFn fn_;
  Arena& arena_;
  std::vector<ArgPack> packs_;
};

class CpuRuntime : public DeviceRuntime {
 public:
  nlohmann::json device_info() override {
    return {{"name", "cpu"}, {"threads", std::thread::hardware_concurrency()}};
  }

  void load(const std::string& slot, const std::string& artifact) override {
    void* handle = dlopen(artifact.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) throw std::runtime_error(std::string("dlopen failed: ") + dlerror());
    auto fn = reinterpret_cast<EntryFn>(dlsym(handle, "kbench_entry"));
    if (!fn) throw std::runtime_error("artifact has no kbench_entry symbol: " + artifact);
    entries_[slot] = fn;
  }

  using DeviceRuntime::run_once;
  void run_once(const std::string& slot, Arena& arena, const CallLayout& layout, bool) override {
    ArgPack args(arena, layout);
    entry(slot)(args.data());
  }

  std::unique_ptr<TimingSession> begin_timing(const std::string& slot, Arena& arena, const std::vector<CallLayout>& sets,
                                              const TimingPolicy& policy, const std::vector<CallLayout>& witnesses,
                                              const WitnessSamples& samples) override {
    return std::make_unique<CpuTimingSession>(entry(slot), arena, sets, policy, witnesses, samples);
  }

 private:
  EntryFn entry(const std::string& slot) const {
    auto it = entries_.find(slot);
    if (it == entries_.end()) throw std::runtime_error("nothing loaded in slot '" + slot + "'");
    return it->second;
  }
  std::map<std::string, EntryFn> entries_;
};

}  // namespace

std::unique_ptr<DeviceRuntime> make_device_runtime() { return std::make_unique<CpuRuntime>(); }

}  // namespace kbench
