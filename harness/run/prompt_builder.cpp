// Rendering of system, task, one-shot and feedback prompts from the templates in prompts/.
#include "harness/run/prompt_builder.hpp"

#include <fmt/format.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <vector>

#include "core/spec/signature.hpp"
#include "core/util/format.hpp"

namespace kbench::llm {
namespace {

std::string join_shapes(const TaskSpec& task, const std::string& purpose, const std::string& backend) {
  try {
    std::string out;
    for (const auto& set : task.shape_sets(purpose, backend)) out += (out.empty() ? "" : "; ") + format_shape(set);
    return out;
  } catch (const std::out_of_range&) {
    return "(none)";
  }
}

std::string argument_lines(const TaskSpec& task) {
  std::string out;
  for (const auto& a : task.arguments) {
    std::string line = fmt::format("- `{}`: {}", a.name, role_name(a.role));
    if (a.is_tensor()) {
      std::string dims;
      for (const auto& d : a.shape) dims += (dims.empty() ? "" : ", ") + d.text();
      line += fmt::format(", {} [{}]", dtype_name(a.dtype), dims);
    } else if (a.role == ArgRole::size && a.size_value) {
      line += fmt::format(" = {}", a.size_value->text());
    } else if (a.role == ArgRole::scalar) {
      line += fmt::format(", {} (default {:g})", dtype_name(a.dtype), a.scalar_value);
    }
    out += line + "\n";
  }
  if (!out.empty()) out.pop_back();
  return out;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string fmt_g(double v) { return fmt::format("{:.3g}", v); }

}  // namespace

BackendPromptInfo backend_prompt_info(const std::string& backend, const std::string& stream_type,
                                      const std::string& extension, const std::string& device) {
  BackendPromptInfo info{backend, "C++", "cpp", stream_type, extension, device.empty() ? "the target device" : device};
  if (backend == "cuda") info.language = "CUDA C++", info.fence = "cuda";
  if (backend == "hip") info.language = "HIP C++", info.fence = "hip";
  return info;
}

std::optional<OneShotExample> load_one_shot(const std::filesystem::path& examples_root, const BackendPromptInfo& backend,
                                            const std::string& category) {
  auto file = examples_root / backend.name / (category + backend.extension);
  std::ifstream in(file);
  if (!in) return std::nullopt;
  std::string first;
  std::getline(in, first);
  static const std::string kMarker = "// example for ";
  if (first.rfind(kMarker, 0) != 0)
    throw TemplateError(fmt::format("{}: the first line must be '// example for <task id>', found '{}'",
                                    file.string(), first));
  OneShotExample example;
  example.task_id = first.substr(kMarker.size());
  while (!example.task_id.empty() && std::isspace(static_cast<unsigned char>(example.task_id.back())))
    example.task_id.pop_back();
  std::ostringstream rest;
  rest << in.rdbuf();
  example.source = rest.str();
  example.file = file;
  return example;
}

std::string compiler_error_lines(const std::string& log, std::size_t max_lines) {
  // The build folder of a candidate is a random cache path: "candidate.cpp:3:5" says as much to the model,
  // and keeps feedback (hence the cached request of the next turn) identical across re-runs.
  static const std::regex kBuildDir(R"((\S*/)(candidate\.[A-Za-z]+))");
  auto lines = split_lines(std::regex_replace(log, kBuildDir, "$2"));
  std::vector<std::string> picked;
  for (std::size_t i = 0; i < lines.size() && picked.size() < max_lines; ++i) {
    if (lines[i].find("error") == std::string::npos) continue;
    for (std::size_t j = i; j < lines.size() && j <= i + 2 && picked.size() < max_lines; ++j) picked.push_back(lines[j]);
    i += 2;
  }
  if (picked.empty()) {
    std::size_t from = lines.size() > max_lines ? lines.size() - max_lines : 0;
    picked.assign(lines.begin() + static_cast<std::ptrdiff_t>(from), lines.end());
  }
  std::string out;
  for (const auto& l : picked) out += l + "\n";
  if (!out.empty()) out.pop_back();
  return out.empty() ? "(the compiler printed nothing)" : out;
}

PromptBuilder::PromptBuilder(const PromptTemplates& templates, const Catalog& catalog, BackendPromptInfo backend,
                             std::filesystem::path examples_root)
    : templates_(templates), catalog_(catalog), backend_(std::move(backend)), examples_root_(std::move(examples_root)) {}

std::string PromptBuilder::system_prompt() const {
  std::string rules_file = "backends/" + backend_.name + ".md";
  return templates_.render("system.md", {{"language", backend_.language},
                                         {"device", backend_.device},
                                         {"fence", backend_.fence},
                                         {"backend_rules", templates_.exists(rules_file) ? templates_.text(rules_file) : ""}});
}

std::string PromptBuilder::tolerance_text(const TaskSpec& task, const std::string& output) const {
  const Argument* out = nullptr;
  for (const auto& a : task.arguments)
    if (a.role == ArgRole::output && (output.empty() || a.name == output)) {
      out = &a;
      break;
    }
  if (!out) return "";
  if (!is_floating(out->dtype)) return fmt::format("exact ({} outputs)", dtype_name(out->dtype));
  const auto [tight, loose] = task.check_tolerance_span(*out);
  std::string text = fmt::format("|out - ref| <= {}·max(1, rms(ref)) + {}·|ref| per element", fmt_g(tight.atol), fmt_g(tight.rtol));
  if (tight.nrel > 0) {
    text += fmt::format(", and ||out - ref|| <= nrel·||ref|| + {}·sqrt(n) with nrel {}", fmt_g(tight.floor), fmt_g(tight.nrel));
    if (loose.nrel > tight.nrel) text += fmt::format(" to {} (it grows with the reduction length)", fmt_g(loose.nrel));
  }
  return text + fmt::format(" ({} outputs)", dtype_name(out->dtype));
}

std::string PromptBuilder::one_shot(const TaskSpec& task) const {
  auto example = load_one_shot(examples_root_, backend_, task.category);
  if (!example || example->task_id == task.id) return "";  // never hand out the answer to this very task
  const TaskSpec* spec = catalog_.find(example->task_id);
  return templates_.render(
      "one_shot.md",
      {{"example_task_id", example->task_id},
       {"example_description", spec ? spec->description : "(task not in this catalog)"},
       {"example_signature", spec ? solve_signature(*spec, backend_.name, backend_.stream_type) : "(see the code)"},
       {"example_source", example->source},
       {"fence", backend_.fence}});
}

std::string PromptBuilder::task_prompt(const TaskSpec& task, const std::string& reference_source) const {
  return templates_.render(
      "task.md",
      {{"task_id", task.id},
       {"category", task.category},
       {"level", std::to_string(task.level)},
       {"description", task.description},
       {"fence", backend_.fence},
       {"language", backend_.language},
       {"signature", solve_signature(task, backend_.name, backend_.stream_type)},
       {"arguments", argument_lines(task)},
       {"check_shapes", join_shapes(task, "check", backend_.name)},
       {"bench_shapes", join_shapes(task, "bench", backend_.name)},
       {"tolerance", tolerance_text(task, "")},
       {"library_policy", task.allow_libraries
                              ? std::string("Vendor libraries may be used.")
                              : std::string("Write your own kernels: vendor libraries (BLAS, cuBLAS, cuDNN, ...) are "
                                            "not allowed and are detected in the compiled file.")},
       {"counts", fmt::format("FLOPs = {}, bytes moved = {}", task.flops.text(), task.bytes.text())},
       {"reference_source", reference_source},
       {"one_shot", one_shot(task)}});
}

std::string PromptBuilder::feedback(const TaskSpec& task, const Verdict& v) const {
  TemplateValues values = {{"fence", backend_.fence},
                           {"backend", backend_.name},
                           {"detail", v.detail},
                           {"signature", solve_signature(task, backend_.name, backend_.stream_type)}};
  switch (v.status) {
    case Status::compile_error:
      values["compiler"] = v.compiler.empty() ? backend_.name + " compiler" : v.compiler;
      values["error_lines"] = compiler_error_lines(v.compile_log.empty() ? v.detail : v.compile_log);
      break;
    case Status::runtime_error:
      values["run_log"] = v.run_log.empty() ? "" : "Output of the run:\n```\n" + trim_log(v.run_log, 4000) + "\n```";
      break;
    case Status::incorrect: {
      const auto& m = v.metrics;
      values["failing_shape"] = m.failing_shape.empty() ? "(unknown)" : m.failing_shape;
      values["phase"] = m.phase.empty() ? "verify" : m.phase;
      values["failing_output"] = m.failing_output;
      values["max_abs"] = fmt_g(m.max_abs);
      values["max_rel"] = fmt_g(m.max_rel);
      values["nrel"] = fmt_g(m.nrel);
      values["tolerance"] = tolerance_text(task, m.failing_output);
      std::string lines;
      for (const auto& x : m.examples)
        lines += fmt::format("  - {}[{}]: got {:.7g}, expected {:.7g}\n", x.output, x.index, x.got, x.expected);
      if (lines.empty()) lines = "  (none recorded)\n";
      lines.pop_back();
      values["mismatches"] = lines;
      break;
    }
    case Status::correct: {
      std::string lines;
      for (const auto& t : v.timings) {
        std::string line = fmt::format("- {}: yours {}, reference {} ({:.2f}x)", t.shape,
                                       format_duration_ns(t.candidate.median_ns, DurationStyle::prompt),
                                       format_duration_ns(t.reference.median_ns, DurationStyle::prompt), t.speedup);
        if (t.vendor && t.vendor_speedup)
          line += fmt::format(", vendor library {} ({:.2f}x)", format_duration_ns(t.vendor->median_ns, DurationStyle::prompt), *t.vendor_speedup);
        if (t.bandwidth_fraction) line += fmt::format(", {:.0f}% of peak memory bandwidth", 100 * *t.bandwidth_fraction);
        if (t.compute_fraction) line += fmt::format(", {:.0f}% of peak FLOP/s", 100 * *t.compute_fraction);
        lines += line + "\n";
      }
      if (lines.empty()) lines = "- (not timed)\n";
      lines.pop_back();
      values["timings"] = lines;
      values["speedup"] = v.speedup ? fmt::format("{:.2f}x", *v.speedup) : "unknown";
      values["vendor_speedup"] = v.vendor_speedup ? fmt::format("; over the vendor library: {:.2f}x", *v.vendor_speedup) : "";
      break;
    }
    case Status::timeout:
    case Status::compiled:
    case Status::no_code:
      break;
  }
  return templates_.render("feedback/" + std::string(status_name(v.status)) + ".md", values);
}

}  // namespace kbench::llm
