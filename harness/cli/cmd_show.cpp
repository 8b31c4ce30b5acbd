// `kbench show TASK [--backend B] [--json]`: the spec, the exact solve() signature and the reference source.
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "backends/backend.hpp"
#include "harness/cli/context.hpp"
#include "harness/eval/evaluator.hpp"
#include "core/spec/signature.hpp"

namespace kbench::cli {
namespace {

struct ArgumentRow {
  std::string type, extent;  // "f32" / "[N, K]", "= 0.5", "= N*K"
};

ArgumentRow argument_row(const Argument& a) {
  std::string shape;
  for (const auto& d : a.shape) shape += (shape.empty() ? "" : ", ") + d.text();
  ArgumentRow row;
  row.type = a.is_tensor() || a.role == ArgRole::scalar ? std::string(dtype_name(a.dtype)) : "i64";
  row.extent = a.is_tensor() ? "[" + shape + "]" : a.role == ArgRole::scalar ? fmt::format("= {:g}", a.scalar_value)
                                                 : a.size_value ? "= " + a.size_value->text() : "";
  return row;
}

nlohmann::json tolerance_json(const Tolerance& t) {
  return {{"atol", t.atol}, {"rtol", t.rtol}, {"nrel", t.nrel}, {"floor", t.floor}};
}

// Everything the text shows, as one object (the reference source as a string, or null with the reason).
nlohmann::json show_json(const TaskSpec& t, const std::string& backend, const std::string& signature,
                         const std::string& reference, const std::string& reference_error) {
  nlohmann::json args = nlohmann::json::array();
  for (const auto& a : t.arguments) {
    nlohmann::json shape = nlohmann::json::array();
    for (const auto& d : a.shape) shape.push_back(d.text());
    nlohmann::json j = {{"name", a.name}, {"role", role_name(a.role)}, {"type", argument_row(a).type}};
    if (a.is_tensor()) j["shape"] = shape;
    if (a.role == ArgRole::scalar) j["value"] = a.scalar_value;
    if (a.size_value) j["value"] = a.size_value->text();
    args.push_back(j);
  }
  nlohmann::json shapes = nlohmann::json::object();
  for (const auto& [purpose, sets] : t.shapes) {
    shapes[purpose] = nlohmann::json::array();
    for (const auto& s : sets) shapes[purpose].push_back(shape_to_json(s));
  }
  nlohmann::json tolerances = nlohmann::json::object();
  for (const auto& a : t.arguments) {
    if (a.role != ArgRole::output) continue;
    if (!is_floating(a.dtype)) {
      tolerances[a.name] = {{"exact", true}};
      continue;
    }
    const auto [tight, loose] = t.check_tolerance_span(a);
    tolerances[a.name] = {{"exact", false}, {"reduce", a.reduce ? a.reduce->text() : "1"},
                          {"tightest", tolerance_json(tight)}, {"loosest", tolerance_json(loose)}};
  }
  nlohmann::json out = {{"id", t.id},
                        {"category", t.category},
                        {"level", t.level},
                        {"description", t.description},
                        {"backend", backend},
                        {"signature", signature},
                        {"arguments", args},
                        {"shapes", shapes},
                        {"flops", t.flops.text()},
                        {"bytes", t.bytes.text()},
                        {"tolerances", tolerances},
                        {"tolerance_override", t.tolerance ? nlohmann::json(t.tolerance->reason) : nlohmann::json()},
                        {"libraries_allowed", t.allow_libraries},
                        {"spec_file", t.source_file.string()}};
  if (reference_error.empty()) {
    out["reference"] = {{"path", "reference_kernels/" + t.references.at(backend)}, {"source", reference}};
  } else {
    out["reference"] = nullptr;
    out["reference_missing"] = reference_error;
  }
  return out;
}

}  // namespace

void register_show(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("show", "Show a task: spec, solve() signature for a backend, reference kernel");
  auto task = std::make_shared<std::string>();
  auto backend = std::make_shared<std::string>("cpu");
  auto as_json = std::make_shared<bool>(false);
  cmd->add_option("TASK", *task, "Task id (category/name)")->required();
  cmd->add_option("--backend,-b", *backend, "Backend whose signature and reference to show")->check(CLI::IsMember(backend_names()));
  cmd->add_flag("--json", *as_json, "Print one JSON object");
  cmd->callback([&ctx, task, backend, as_json] {
    const TaskSpec& t = ctx.catalog().get(*task);
    auto b = make_backend(*backend);
    const std::string signature = solve_signature(t, *backend, b->stream_type());
    EvalOptions opt = default_eval_options();
    opt.reference_root = ctx.root / "reference_kernels";
    std::string reference, reference_error;
    try {
      reference = reference_source(t, *backend, opt);
    } catch (const std::exception& e) {
      reference_error = e.what();
    }
    if (*as_json) {
      fmt::print("{}\n", show_json(t, *backend, signature, reference, reference_error)
                             .dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
      return;
    }
    fmt::print("# {}  (category {}, level {})\n\n{}\n\n", t.id, t.category, t.level, t.description);
    fmt::print("## Signature ({})\n{}\n\n", *backend, signature);
    fmt::print("## Arguments\n");
    for (const auto& a : t.arguments) {
      const ArgumentRow row = argument_row(a);
      fmt::print("  {:<10} {:<7} {:<5} {}\n", a.name, role_name(a.role), row.type, row.extent);
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
    if (reference_error.empty())
      fmt::print("## Reference kernel ({}: reference_kernels/{})\n{}\n", *backend, t.references.at(*backend), reference);
    else
      fmt::print("## Reference kernel ({})\n(none: {})\n", *backend, reference_error);
  });
}

}  // namespace kbench::cli
