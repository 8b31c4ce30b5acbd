// CallPlan: a task's solve() arguments for one shape, laid out in a shared-memory arena (one or several
// input sets), with helpers to fill inputs, poison outputs, snapshot inputs and compute expected outputs.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/spec/task_spec.hpp"
#include "core/arena/arena.hpp"
#include "core/timing/witness_keeper.hpp"
#include "harness/eval/expected_values.hpp"
#include "harness/eval/parallel_bytes.hpp"

namespace kbench {

struct CallPlan {
  const TaskSpec* task = nullptr;
  ShapeSet shape;
  SizeEnv env;
  std::vector<CallLayout> sets;  // one layout per input set, all in the same arena
  std::size_t arena_bytes = 0;
  std::size_t set_bytes = 0;     // tensor bytes of one set
  // Witnesses (add_witnesses): witnesses[k * W + w] is set k's layout with its outputs moved to regions
  // past arena_bytes, where the worker copies the outputs of timed calls kept at random. Only the
  // candidate's arena has them (candidate_arena_bytes).
  std::vector<CallLayout> witnesses;
  // Which bytes of each output each witness keeps: outputs larger than twice the sampled size keep
  // kWitnessSampleRows rows at a random phase (core/timing/witness_keeper.hpp), the others all of it.
  WitnessSamples witness_samples;
  std::size_t candidate_arena_bytes = 0;
};

CallPlan plan_call(const TaskSpec& task, const ShapeSet& shape, int sets);
// `per_set` witnesses for every set: as many as fit in `budget_bytes` of kept output bytes, between 1 and
// per_set; each output's sample phase is drawn from std::random_device (the candidate cannot know it
// from the seed).
void add_witnesses(CallPlan& plan, int per_set, std::size_t budget_bytes);
std::size_t tensor_bytes(const TaskSpec& task, const ShapeSet& shape);

void fill_inputs(const CallPlan& plan, Arena& arena, const CallLayout& layout, std::uint64_t seed);
void poison_outputs(Arena& arena, const CallLayout& layout);

// Copies of every input tensor's bytes, to prove after a call that inputs are untouched.
using InputSnapshot = std::vector<ByteBuffer>;  // per input tensor, its bytes
InputSnapshot snapshot_inputs(const Arena& arena, const CallLayout& layout);
// Name of the first input whose bytes differ from the snapshot, or "".
std::string modified_input(const Arena& arena, const CallLayout& layout, const InputSnapshot& snap);
// The same against the inputs of `pristine`, an arena of the same layout.
std::string modified_input(const Arena& arena, const CallLayout& layout, const Arena& pristine);

// Float64 oracle outputs for the inputs currently in the arena, by output name.
ExpectedOutputs oracle_outputs(const CallPlan& plan, const Arena& arena, const CallLayout& layout);
// Outputs currently in the arena, copied in their dtype (e.g. a verified reference's outputs), by name.
ExpectedOutputs arena_outputs(const Arena& arena, const CallLayout& layout);
// The same into `out`, reusing its storage (timed rounds copy a fresh set of outputs every round).
void arena_outputs_into(const Arena& arena, const CallLayout& layout, ExpectedOutputs& out);

}  // namespace kbench
