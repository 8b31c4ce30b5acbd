// CPU DeviceRuntime (worker side): dlopen the artifact, call kbench_entry on arena memory, time with
// the monotonic clock.
#include <dlfcn.h>

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

  void run_once(const std::string& slot, Arena& arena, const CallLayout& layout) override {
    ArgPack args(arena, layout);
    entry(slot)(args.data());
  }

  TimingResult time_calls(const std::string& slot, Arena& arena, const std::vector<CallLayout>& sets,
                          const TimingPolicy& policy, const std::vector<CallLayout>& witnesses) override {
    using clock = std::chrono::steady_clock;
    EntryFn fn = entry(slot);
    std::vector<ArgPack> packs;
    for (const auto& s : sets) packs.emplace_back(arena, s);
    // Witnesses (see runtime.hpp): kept after the call's clock is read.
    WitnessKeeper witnesses_kept(sets, witnesses);
    auto keep_witness = [&](std::size_t s) {
      for (const auto& c : witnesses_kept.offer(s)) {
        if (c.to + c.bytes > arena.size()) throw std::invalid_argument("a witness lies outside the arena");
        std::memcpy(arena.data() + c.to, arena.data() + c.from, c.bytes);
      }
    };
    // Outputs are re-poisoned before every timed call (not in warm-up), outside the timed region.
    auto call = [&](std::size_t s, CallPhase phase) -> double {
      if (phase == CallPhase::warmup) {
        fn(packs[s].data());
        return 0;
      }
      if (policy.poison_each_call) poison_outputs(arena, sets[s]);
      const auto t0 = clock::now();
      fn(packs[s].data());
      const auto t1 = clock::now();
      keep_witness(s);
      return std::chrono::duration<double, std::nano>(t1 - t0).count();
    };
    // Warm-up on the host's cores is cut at a quarter of the time cap; the rotation over the sets goes on
    // from warm-up into sampling.
    SampleLoopOptions options;
    options.warmup_cutoff_ms = policy.max_time_ms / 4;
    options.restart_rotation = false;
    TimingResult r;
    r.method = "cpu-wall";
    r.samples_ns = sample_calls(policy, sets.size(), call, options).samples_ns;
    if (auto kept = witnesses_kept.calls(); !kept.is_null()) r.notes["witness_calls"] = std::move(kept);
    return r;
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
