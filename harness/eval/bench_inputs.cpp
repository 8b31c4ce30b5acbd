// prepare_bench_inputs: see bench_inputs.hpp.
#include "harness/eval/bench_inputs.hpp"

#include <cstring>

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
  b.reference_arena = Arena::create(b.plan.arena_bytes);
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
  trace("bench shape: inputs filled; candidate's copy");
  // The reference's arena is the pristine copy the candidate's inputs are checked against: no one writes
  // its inputs (the trusted workers write outputs; a reference kernel that wrote an input would have failed
  // its own verification), so no separate snapshot of ~all the input bytes is taken.
  // The candidate's copy is taken before the reference writes any output.
  b.arena = Arena::create(b.plan.candidate_arena_bytes);
  parallel_copy(b.arena.data(), ref.data(), b.plan.arena_bytes);
  for (const CallLayout& w : b.plan.witnesses) {
    poison_outputs(b.arena, w);
    fill_guards(b.arena, w);
  }
  trace("bench shape: expected outputs");
  for (int k = 0; k < r.sets; ++k) {
    check_cancel();
    const CallLayout& layout = b.plan.sets[static_cast<std::size_t>(k)];
    if (!r.reference) {
      b.expected.push_back(oracle_outputs(b.plan, ref, layout));
      continue;
    }
    const WorkerReply reply = r.reference->request(protocol::RunRequest{"reference", protocol::arena_ref(ref), {layout}}, r.run_timeout_s);
    if (reply.kind != WorkerReply::Kind::ok || reply.fatal)
      throw HarnessError(r.task->id + ": reference kernel failed at bench shape " + b.shape + ": " +
                         (reply.fatal ? "the device reported an unrecoverable error" : reply.detail));
    trace("bench shape: reference ran; outputs to float64");
    b.expected.push_back(arena_outputs(ref, layout));
  }
  trace("bench shape: prepared");
  return b;
}

}  // namespace kbench
