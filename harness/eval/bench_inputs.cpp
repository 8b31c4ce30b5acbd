// prepare_bench_inputs: see bench_inputs.hpp.
#include "harness/eval/bench_inputs.hpp"

#include <cstring>
#include <future>

#include "core/util/harness_error.hpp"
#include "harness/eval/inputs.hpp"
#include "harness/eval/parallel_bytes.hpp"
#include "core/util/trace.hpp"

namespace kbench {

namespace {
// Host memory the witnesses of one bench shape may take (the device holds a copy too).
constexpr std::size_t kWitnessBudgetBytes = std::size_t{1} << 30;
}  // namespace

BenchInputs prepare_bench_inputs(const BenchInputsRequest& r) {
  auto check_cancel = [&] {
    if (r.cancel && r.cancel->load()) throw PreparationDropped();
  };
  trace("bench shape: generate inputs");
  BenchInputs b;
  b.plan = plan_call(*r.task, r.shape, r.sets);
  if (!r.arenas_only) add_witnesses(b.plan, r.witnesses_per_set, kWitnessBudgetBytes);
  b.reference_arena = r.arenas ? r.arenas->take(b.plan.arena_bytes) : Arena::create(b.plan.arena_bytes);
  b.shape = format_shape(r.shape);
  Arena& ref = b.reference_arena;
  if (r.arenas_only) {
    b.arena = Arena::create(b.plan.arena_bytes);
    return b;
  }
  trace("bench shape: arenas created; fill inputs");
  for (int k = 0; k < r.sets; ++k) {
    check_cancel();
    const CallLayout& layout = b.plan.sets[static_cast<std::size_t>(k)];
    fill_inputs(b.plan, ref, layout, derive_seed(r.seed, static_cast<std::uint64_t>(k)));
    poison_outputs(ref, layout);
    fill_guards(ref, layout);
  }
  trace("bench shape: inputs filled; candidate's copy beside the reference's run");
  // The reference's arena is the pristine copy the candidate's inputs are checked against: no one writes
  // its inputs (the trusted worker brings only outputs back, outputs_only), so no separate snapshot of
  // ~all the input bytes is taken. The candidate's arena gets the inputs only, copied while the reference
  // runs (both only read them), and its own poison and guards: the reference's outputs, written into the
  // reference's arena meanwhile, are never copied into memory the candidate maps.
  b.arena = Arena::create(b.plan.candidate_arena_bytes);
  auto candidate_copy = std::async(std::launch::async, [&b] {
    for (const CallLayout& layout : b.plan.sets) {
      for (const ArgSlot& a : layout.args)
        if (a.kind == ArgSlot::Kind::tensor && !a.is_output)
          parallel_copy(b.arena.data() + a.offset, b.reference_arena.data() + a.offset, a.bytes);
      poison_outputs(b.arena, layout);
      fill_guards(b.arena, layout);
    }
    for (const CallLayout& w : b.plan.witnesses) {
      poison_outputs(b.arena, w);
      fill_guards(b.arena, w);
    }
  });
  // Joined however the reference's runs end (the copy reads the reference's arena).
  struct Join {
    std::future<void>& f;
    ~Join() {
      if (f.valid()) f.wait();
    }
  } join{candidate_copy};
  trace("bench shape: expected outputs");
  for (int k = 0; k < r.sets; ++k) {
    check_cancel();
    const CallLayout& layout = b.plan.sets[static_cast<std::size_t>(k)];
    if (!r.reference) {
      b.expected.push_back(oracle_outputs(b.plan, ref, layout));
      continue;
    }
    protocol::RunRequest run{"reference", protocol::arena_ref(ref), {layout}};
    run.outputs_only = true;
    const WorkerReply reply = r.reference->request(run, r.run_timeout_s);
    if (reply.kind != WorkerReply::Kind::ok || reply.fatal)
      throw HarnessError(r.task->id + ": reference kernel failed at bench shape " + b.shape + ": " +
                         (reply.fatal ? "the device reported an unrecoverable error" : reply.detail));
    trace("bench shape: reference ran; its outputs kept");
    b.expected.push_back(arena_outputs(ref, layout));
  }
  candidate_copy.get();  // rethrows what the copy threw
  trace("bench shape: prepared");
  return b;
}

}  // namespace kbench
