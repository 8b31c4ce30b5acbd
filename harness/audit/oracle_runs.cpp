// Audit calls and oracle runs in float64 and float32 (see oracle_runs.hpp).
#include "harness/audit/oracle_runs.hpp"

#include "core/arena/arena.hpp"
#include "harness/eval/call_plan.hpp"
#include "reference_kernels/oracles/oracle.hpp"

namespace kbench {

double scalar_as_passed(const Argument& a, double v) { return a.dtype == DType::f32 ? static_cast<double>(static_cast<float>(v)) : v; }

AuditCall make_audit_call(const TaskSpec& task, const ShapeSet& shape, std::uint64_t seed) {
  CallPlan plan = plan_call(task, shape, 1);
  Arena arena = Arena::create(plan.arena_bytes);
  fill_inputs(plan, arena, plan.sets[0], seed);
  AuditCall call;
  call.task = &task;
  call.shape = shape;
  call.env = plan.env;
  for (std::size_t i = 0; i < task.arguments.size(); ++i) {
    const Argument& a = task.arguments[i];
    const ArgSlot& slot = plan.sets[0].args[i];
    if (a.role == ArgRole::input) {
      auto& v = call.inputs[a.name];
      v.resize(slot.bytes / dtype_size(a.dtype));
      for (std::size_t e = 0; e < v.size(); ++e) v[e] = load_as_double(a.dtype, arena.data() + slot.offset, e);
    } else if (a.role == ArgRole::output) {
      call.output_counts[a.name] = slot.bytes / dtype_size(a.dtype);
    } else if (a.role == ArgRole::scalar) {
      call.scalars[a.name] = scalar_as_passed(a, slot.scalar_value);
    }
  }
  return call;
}

namespace {
template <class R, class Fn>
OutputValues run(const AuditCall& c, const Fn& fn) {
  std::map<std::string, std::vector<R>> inputs, outputs;
  OracleCallT<R> call;
  for (const auto& [name, v] : c.inputs) inputs[name].assign(v.begin(), v.end());
  for (const auto& [name, n] : c.output_counts) outputs[name].assign(n, R(0));
  for (auto& [name, v] : inputs) call.inputs[name] = &v;
  for (auto& [name, v] : outputs) call.outputs[name] = &v;
  call.sizes = c.env;
  call.scalars = c.scalars;
  fn(call);
  OutputValues out;
  for (const auto& [name, v] : outputs) out[name].assign(v.begin(), v.end());
  return out;
}
}  // namespace

OutputValues oracle_f64(const AuditCall& call) { return run<double>(call, find_oracle(call.task->oracle)); }

OutputValues oracle_f32(const AuditCall& call) { return run<float>(call, find_oracle_f32(call.task->oracle)); }

bool honest_in_f32(const TaskSpec& task) {
  for (const auto& a : task.arguments)
    if (a.is_tensor() && (a.dtype == DType::f32 || a.dtype == DType::f16 || a.dtype == DType::bf16)) return true;
  return false;
}

}  // namespace kbench
