// CallPlan: layout, input filling, poisoning, snapshots and oracle evaluation.
#include "harness/eval/call_plan.hpp"

#include <algorithm>
#include <cstring>
#include <random>

#include "harness/eval/inputs.hpp"
#include "harness/eval/parallel_bytes.hpp"
#include "reference_kernels/oracles/oracle.hpp"

namespace kbench {

std::size_t tensor_bytes(const TaskSpec& task, const ShapeSet& shape) {
  const SizeEnv env = task.sizes(shape);
  std::size_t total = 0;
  for (const auto& a : task.arguments)
    if (a.is_tensor()) total += static_cast<std::size_t>(task.element_count(a, env)) * dtype_size(a.dtype);
  return total;
}

CallPlan plan_call(const TaskSpec& task, const ShapeSet& shape, int sets) {
  CallPlan plan;
  plan.task = &task;
  plan.shape = shape;
  plan.env = task.sizes(shape);
  ArenaPlanner planner;
  for (int s = 0; s < sets; ++s) {
    CallLayout layout;
    for (const auto& a : task.arguments) {
      ArgSlot slot;
      slot.name = a.name;
      slot.dtype = a.dtype;
      if (a.is_tensor()) {
        slot.kind = ArgSlot::Kind::tensor;
        slot.is_output = a.role == ArgRole::output;
        slot.bytes = static_cast<std::size_t>(task.element_count(a, plan.env)) * dtype_size(a.dtype);
        slot.offset = planner.add(slot.bytes);
        if (s == 0) plan.set_bytes += slot.bytes;
      } else if (a.role == ArgRole::size) {
        slot.kind = ArgSlot::Kind::size;
        slot.size_value = plan.env.at(a.name);
      } else {
        slot.kind = ArgSlot::Kind::scalar;
        slot.scalar_value = task.scalar(a, shape);
      }
      layout.args.push_back(std::move(slot));
    }
    plan.sets.push_back(std::move(layout));
  }
  plan.arena_bytes = planner.total();
  plan.candidate_arena_bytes = plan.arena_bytes;
  return plan;
}

void add_witnesses(CallPlan& plan, int per_set, std::size_t budget_bytes) {
  if (per_set <= 0 || plan.sets.empty()) return;
  std::random_device entropy;
  auto random = [&] { return (static_cast<std::uint64_t>(entropy()) << 32) ^ entropy(); };
  std::size_t kept_bytes = 0;  // of one witness
  for (const ArgSlot& a : plan.sets[0].args)
    if (a.kind == ArgSlot::Kind::tensor && a.is_output) kept_bytes += sample_output(a.bytes, dtype_size(a.dtype), 0).kept_bytes(a.bytes);
  if (kept_bytes == 0) return;
  const std::size_t fit = budget_bytes / (kept_bytes * plan.sets.size());
  const int w = static_cast<int>(std::clamp<std::size_t>(fit, 1, static_cast<std::size_t>(per_set)));
  const std::size_t base = (plan.arena_bytes + 255) / 256 * 256;
  ArenaPlanner planner;
  plan.witnesses.clear();
  plan.witness_samples.clear();
  for (const CallLayout& set : plan.sets)
    for (int k = 0; k < w; ++k) {
      CallLayout witness = set;
      std::vector<OutputSample> samples(set.args.size());
      for (std::size_t i = 0; i < witness.args.size(); ++i) {
        ArgSlot& a = witness.args[i];
        if (a.kind != ArgSlot::Kind::tensor || !a.is_output) continue;
        samples[i] = sample_output(a.bytes, dtype_size(a.dtype), random());
        a.bytes = samples[i].kept_bytes(a.bytes);
        a.offset = base + planner.add(a.bytes);
      }
      plan.witnesses.push_back(std::move(witness));
      plan.witness_samples.push_back(std::move(samples));
    }
  plan.candidate_arena_bytes = base + planner.total();
}

void fill_inputs(const CallPlan& plan, Arena& arena, const CallLayout& layout, std::uint64_t seed) {
  const auto& args = plan.task->arguments;
  for (std::size_t i = 0; i < args.size(); ++i)
    if (args[i].role == ArgRole::input)
      generate_input(args[i], plan.env, plan.task->element_count(args[i], plan.env), derive_seed(seed, 2, i),
                     arena.data() + layout.args[i].offset);
}

void poison_outputs(Arena& arena, const CallLayout& layout) {
  for (const auto& a : layout.args)
    if (a.kind == ArgSlot::Kind::tensor && a.is_output)
      parallel_for_ranges(a.bytes / dtype_size(a.dtype), [&](std::size_t first, std::size_t n) {
        fill_poison(a.dtype, arena.data() + a.offset + first * dtype_size(a.dtype), n);
      });
}

InputSnapshot snapshot_inputs(const Arena& arena, const CallLayout& layout) {
  InputSnapshot snap;
  for (const auto& a : layout.args)
    if (a.kind == ArgSlot::Kind::tensor && !a.is_output) {
      ByteBuffer& copy = snap.emplace_back(a.bytes);  // left unwritten until the parallel copy
      parallel_copy(copy.data(), arena.data() + a.offset, a.bytes);
    }
  return snap;
}

std::string modified_input(const Arena& arena, const CallLayout& layout, const InputSnapshot& snap) {
  std::size_t k = 0;
  for (const auto& a : layout.args)
    if (a.kind == ArgSlot::Kind::tensor && !a.is_output) {
      if (!parallel_equal(arena.data() + a.offset, snap[k].data(), a.bytes)) return a.name;
      ++k;
    }
  return "";
}

std::string modified_input(const Arena& arena, const CallLayout& layout, const Arena& pristine) {
  for (const auto& a : layout.args)
    if (a.kind == ArgSlot::Kind::tensor && !a.is_output &&
        !parallel_equal(arena.data() + a.offset, pristine.data() + a.offset, a.bytes))
      return a.name;
  return "";
}

ExpectedOutputs oracle_outputs(const CallPlan& plan, const Arena& arena, const CallLayout& layout) {
  const TaskSpec& task = *plan.task;
  std::map<std::string, std::vector<double>> inputs, outputs;
  OracleCall call;
  for (std::size_t i = 0; i < task.arguments.size(); ++i) {
    const Argument& a = task.arguments[i];
    const ArgSlot& slot = layout.args[i];
    if (a.role == ArgRole::input) {
      const std::size_t n = slot.bytes / dtype_size(a.dtype);
      auto& v = inputs[a.name];
      v.resize(n);
      const std::uint8_t* base = arena.data() + slot.offset;
#pragma omp parallel for schedule(static) if (n > 100000)
      for (std::size_t e = 0; e < n; ++e) v[e] = load_as_double(a.dtype, base, e);
    } else if (a.role == ArgRole::output) {
      outputs[a.name].assign(slot.bytes / dtype_size(a.dtype), 0.0);
    } else if (a.role == ArgRole::size) {
      call.sizes[a.name] = slot.size_value;
    } else {
      // The oracle sees the scalar as the candidate does (rounded to its dtype).
      double v = slot.scalar_value;
      if (a.dtype == DType::f32) v = static_cast<float>(v);
      call.scalars[a.name] = v;
    }
  }
  for (auto& [name, v] : inputs) call.inputs[name] = &v;
  for (auto& [name, v] : outputs) call.outputs[name] = &v;
  find_oracle(task.oracle)(call);
  ExpectedOutputs expected;
  for (const auto& [name, v] : outputs) expected.emplace(name, ExpectedValues(v));
  return expected;
}

ExpectedOutputs arena_outputs(const Arena& arena, const CallLayout& layout) {
  ExpectedOutputs out;
  arena_outputs_into(arena, layout, out);
  return out;
}

void arena_outputs_into(const Arena& arena, const CallLayout& layout, ExpectedOutputs& out) {
  for (const auto& a : layout.args)
    if (a.kind == ArgSlot::Kind::tensor && a.is_output) out[a.name].assign(a.dtype, arena.data() + a.offset, a.bytes / dtype_size(a.dtype));
}

}  // namespace kbench
