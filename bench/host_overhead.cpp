// Host-side cost of evaluating one candidate at a bench shape, without any device: input generation,
// input snapshot, float64 oracle, the copy of a reference's outputs kept as expected values, and output
// comparison. These are fixed costs per candidate that bound
// kbench's throughput on every backend.
// Usage: kbench-bench-host-overhead [TASK] [purpose: bench|bench_cpu|check]   (default elementwise/vector_add bench)
#include <fmt/format.h>

#include <chrono>
#include <cstring>

#include "harness/eval/call_plan.hpp"
#include "harness/eval/compare.hpp"
#include "core/spec/catalog.hpp"
#include "core/util/paths.hpp"

using namespace kbench;

int main(int argc, char** argv) {
  const std::string task_id = argc > 1 ? argv[1] : "elementwise/vector_add";
  const std::string purpose = argc > 2 ? argv[2] : "bench";
  const Catalog catalog = Catalog::load(kbench_root() / "tasks");
  const TaskSpec& task = catalog.get(task_id);
  const ShapeSet& shape = task.shapes.at(purpose).front();
  auto now = [] { return std::chrono::steady_clock::now(); };
  auto ms = [](auto a, auto b) { return std::chrono::duration<double, std::milli>(b - a).count(); };

  auto t0 = now();
  CallPlan plan = plan_call(task, shape, 1);
  Arena arena = Arena::create(plan.arena_bytes);
  auto t1 = now();
  fill_inputs(plan, arena, plan.sets[0], 12345);
  auto t2 = now();
  poison_outputs(arena, plan.sets[0]);
  fill_guards(arena, plan.sets[0]);
  const InputSnapshot snap = snapshot_inputs(arena, plan.sets[0]);
  auto t3 = now();
  const auto expected = oracle_outputs(plan, arena, plan.sets[0]);
  auto t4 = now();
  // Compare the oracle with itself written back in the output dtype (what a correct candidate produces).
  for (const auto& a : plan.sets[0].args)
    if (a.kind == ArgSlot::Kind::tensor && a.is_output)
      for (std::size_t i = 0; i < expected.at(a.name).size(); ++i)
        store_from_double(a.dtype, arena.data() + a.offset, i, expected.at(a.name)[i]);
  auto t5 = now();
  bool pass = true;
  for (const auto& a : task.arguments)
    if (a.role == ArgRole::output)
      for (const auto& s : plan.sets[0].args)
        if (s.name == a.name) pass &= compare_output(a.name, a.dtype, arena.data() + s.offset, expected.at(a.name), task.tolerance_for(a, plan.env)).pass;
  const bool untouched = modified_input(arena, plan.sets[0], snap).empty();
  auto t6 = now();
  // The same generation again, into pages already mapped: the difference is the first-touch page-fault
  // cost of the shared-memory arena.
  fill_inputs(plan, arena, plan.sets[0], 54321);
  auto t7 = now();
  // What a GPU evaluation keeps of a verified reference's outputs at the bench shape (its own dtype).
  const ExpectedOutputs kept = arena_outputs(arena, plan.sets[0]);
  auto t8 = now();
  fmt::print("{} at {} ({:.1f} MB of tensors)\n", task.id, format_shape(shape), plan.set_bytes / 1e6);
  fmt::print("  arena create      {:8.1f} ms\n  generate inputs   {:8.1f} ms\n  poison+snapshot   {:8.1f} ms\n"
             "  float64 oracle    {:8.1f} ms\n  compare+untouched {:8.1f} ms  ({})\n",
             ms(t0, t1), ms(t1, t2), ms(t2, t3), ms(t3, t4), ms(t5, t6), pass && untouched ? "pass" : "FAIL");
  fmt::print("  generate again    {:8.1f} ms  (pages already mapped)\n", ms(t6, t7));
  fmt::print("  reference outputs {:8.1f} ms  (kept as expected values, {} outputs)\n", ms(t7, t8), kept.size());
  return pass && untouched ? 0 : 1;
}
