// `kbench show TASK [--backend B]`: the spec, the exact solve() signature and the reference source.
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "backends/backend.hpp"
#include "harness/cli/context.hpp"
#include "harness/eval/evaluator.hpp"
#include "core/spec/signature.hpp"

namespace kbench::cli {

void register_show(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("show", "Show a task: spec, solve() signature for a backend, reference kernel");
  auto task = std::make_shared<std::string>();
  auto backend = std::make_shared<std::string>("cpu");
  cmd->add_option("TASK", *task, "Task id (category/name)")->required();
  cmd->add_option("--backend,-b", *backend, "Backend whose signature and reference to show")->check(CLI::IsMember(backend_names()));
  cmd->callback([&ctx, task, backend] {
    const TaskSpec& t = ctx.catalog().get(*task);
    auto b = make_backend(*backend);
    fmt::print("# {}  (category {}, level {})\n\n{}\n\n", t.id, t.category, t.level, t.description);
    fmt::print("## Signature ({})\n{}\n\n", *backend, solve_signature(t, *backend, b->stream_type()));
    fmt::print("## Arguments\n");
    for (const auto& a : t.arguments) {
      std::string shape;
      for (const auto& d : a.shape) shape += (shape.empty() ? "" : ", ") + d.text();
      fmt::print("  {:<10} {:<7} {:<5} {}\n", a.name, role_name(a.role), a.is_tensor() || a.role == ArgRole::scalar ? dtype_name(a.dtype) : "i64",
                 a.is_tensor() ? "[" + shape + "]" : a.role == ArgRole::scalar ? fmt::format("= {:g}", a.scalar_value)
                                                   : a.size_value ? "= " + a.size_value->text() : "");
    }
    fmt::print("\n## Shapes\n");
    for (const auto& [purpose, sets] : t.shapes)
      for (const auto& s : sets) fmt::print("  {:<10} {}\n", purpose, format_shape(s));
    fmt::print("\nFLOPs: {}   bytes: {}\n", t.flops.text(), t.bytes.text());
    fmt::print("\n## Tolerance (docs/verification.md)\n");
    for (const auto& a : t.arguments) {
      if (a.role != ArgRole::output) continue;
      if (!is_floating(a.dtype)) {
        fmt::print("  {:<10} {:<5} exact\n", a.name, dtype_name(a.dtype));
        continue;
      }
      const auto [tight, loose] = t.check_tolerance_span(a);
      const std::string nrel = loose.nrel > tight.nrel ? fmt::format("{:.3g} to {:.3g}", tight.nrel, loose.nrel) : fmt::format("{:.3g}", tight.nrel);
      fmt::print("  {:<10} {:<5} reduce {:<8} nrel {} over the check shapes, floor {:.3g}, atol {:.3g}, rtol {:.3g}\n", a.name,
                 dtype_name(a.dtype), a.reduce ? a.reduce->text() : "1", nrel, tight.floor, tight.atol, tight.rtol);
    }
    if (t.tolerance) fmt::print("  override: {}\n", t.tolerance->reason);
    fmt::print("Libraries: {}\n\n", t.allow_libraries ? "allowed" : "forbidden (candidates must use their own kernels)");
    EvalOptions opt = default_eval_options();
    opt.reference_root = ctx.root / "reference_kernels";
    try {
      fmt::print("## Reference kernel ({}: reference_kernels/{})\n{}\n", *backend, t.references.at(*backend),
                 reference_source(t, *backend, opt));
    } catch (const std::exception& e) {
      fmt::print("## Reference kernel ({})\n(none: {})\n", *backend, e.what());
    }
  });
}

}  // namespace kbench::cli
