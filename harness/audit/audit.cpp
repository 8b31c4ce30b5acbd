// The audit of one task (see audit.hpp): honest variant and mutants through compare_output.
#include "harness/audit/audit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "harness/audit/mutants.hpp"
#include "harness/audit/oracle_runs.hpp"
#include "harness/eval/compare.hpp"
#include "harness/eval/inputs.hpp"

namespace kbench {
namespace {

// Values as a kernel would store them in `t`.
std::vector<std::uint8_t> stored(DType t, const std::vector<double>& values) {
  std::vector<std::uint8_t> bytes(values.size() * dtype_size(t));
  for (std::size_t i = 0; i < values.size(); ++i) store_from_double(t, bytes.data(), i, values[i]);
  return bytes;
}

double ratio(const CompareResult& c, const Tolerance& tol) {
  if (tol.nrel > 0) return c.metrics.nrel / tol.nrel;
  return c.pass ? 0.0 : std::numeric_limits<double>::infinity();
}

// Judges `values` of every output against the truth at one call; records into `m`. True when rejected.
bool judge(MutantOutcome& m, const TaskSpec& task, const AuditCall& call, const OutputValues& truth,
           const std::map<std::string, std::vector<std::uint8_t>>& truth_bytes, const OutputValues& values,
           const std::string& only_output = "") {
  bool rejected = false;
  for (const auto& a : task.arguments) {
    if (a.role != ArgRole::output || (!only_output.empty() && a.name != only_output)) continue;
    const auto bytes = stored(a.dtype, values.at(a.name));
    if (bytes == truth_bytes.at(a.name)) continue;
    m.distinguishable = true;
    const Tolerance tol = task.tolerance_for(a, call.env);
    const CompareResult c = compare_output(a.name, a.dtype, bytes.data(), truth.at(a.name), tol);
    m.max_ratio = std::max(m.max_ratio, ratio(c, tol));
    rejected = rejected || !c.pass;
    if (!c.pass && !m.rejected) {
      m.rejected = true;
      m.rejected_at = format_shape(call.shape);
    }
  }
  return rejected;
}

bool one_element(const Argument& a) {
  for (const auto& d : a.shape)
    if (d.text() != "1") return false;
  return true;
}

}  // namespace

double TaskAudit::narrowest_rejected_ratio() const {
  double best = 0.0;
  for (const auto& m : mutants)
    if (m.rejected && m.required && (best == 0.0 || m.max_ratio < best)) best = m.max_ratio;
  return best;
}

TaskAudit audit_task(const TaskSpec& task, const AuditOptions& opt) {
  TaskAudit out;
  out.task = task.id;
  // Mutants: each output mutation of each output, then each scalar mutant (all outputs).
  struct OutputMutant {
    const Argument* arg;
    OutputMutation m;
  };
  std::vector<OutputMutant> output_mutants;
  for (const auto& a : task.arguments)
    if (a.role == ArgRole::output)
      for (OutputMutation m : kOutputMutations)
        if (mutation_applies(m, a.dtype)) {
          output_mutants.push_back({&a, m});
          MutantOutcome o;
          o.label = fmt::format("{} {}", a.name, mutation_name(m));
          out.mutants.push_back(o);
        }
  const auto scalars = scalar_mutants(task);
  for (const auto& s : scalars) {
    MutantOutcome o;
    o.label = s.label;
    out.mutants.push_back(o);
  }
  // Layout mutants: each input of two or more axes read with its last two axes swapped.
  std::vector<const Argument*> layouts;
  for (const auto& a : task.arguments)
    if (a.role == ArgRole::input && a.shape.size() >= 2) {
      layouts.push_back(&a);
      MutantOutcome o;
      o.label = a.name + " read transposed";
      out.mutants.push_back(o);
    }
  const std::size_t first_layout = output_mutants.size() + scalars.size();

  // A one-element output's "constant" is a fixed number: its true value at the first check call.
  std::map<std::string, double> fixed_constant;
  const auto& shapes = task.shapes.at("check");
  for (std::size_t k = 0; k < shapes.size(); ++k) {
    std::vector<int> rejections(out.mutants.size(), 0);  // seeds at which this shape rejected each mutant
    for (int trial = 0; trial < opt.seeds; ++trial) {
      const AuditCall call = make_audit_call(task, shapes[k], derive_seed(opt.base_seed, 10, k, static_cast<std::uint64_t>(trial)));
      const OutputValues truth = oracle_f64(call);
      std::map<std::string, std::vector<std::uint8_t>> truth_bytes;
      for (const auto& a : task.arguments)
        if (a.role == ArgRole::output) truth_bytes[a.name] = stored(a.dtype, truth.at(a.name));

      // The honest variant.
      const OutputValues honest = honest_in_f32(task) ? oracle_f32(call) : truth;
      for (const auto& a : task.arguments) {
        if (a.role != ArgRole::output) continue;
        const Tolerance tol = task.tolerance_for(a, call.env);
        const auto bytes = stored(a.dtype, honest.at(a.name));
        const CompareResult c = compare_output(a.name, a.dtype, bytes.data(), truth.at(a.name), tol);
        const double r = ratio(c, tol);
        if (r >= out.honest_ratio) {
          out.honest_ratio = r;
          out.honest_worst_shape = format_shape(call.shape);
        }
        if (!c.pass && out.honest_accepted) {
          out.honest_accepted = false;
          out.honest_failure = fmt::format("{} at shape {} (seed {})", c.reason, format_shape(call.shape), trial + 1);
        }
      }

      // Output mutants.
      for (std::size_t i = 0; i < output_mutants.size(); ++i) {
        const auto& om = output_mutants[i];
        OutputValues values = truth;
        const auto& t = truth.at(om.arg->name);
        values[om.arg->name] = mutate(om.m, t, om.arg->dtype);
        if (om.m == OutputMutation::constant && t.size() == 1) {
          if (!fixed_constant.count(om.arg->name)) fixed_constant[om.arg->name] = t[0];
          values[om.arg->name] = {fixed_constant.at(om.arg->name)};
        }
        rejections[i] += judge(out.mutants[i], task, call, truth, truth_bytes, values, om.arg->name);
      }
      // Scalar mutants: the oracle with one scalar replaced, where the replacement differs from the value.
      for (std::size_t i = 0; i < scalars.size(); ++i) {
        const auto& sm = scalars[i];
        const double wrong = scalar_as_passed(*sm.arg, sm.guess.eval(call.env));
        if (wrong == call.scalars.at(sm.arg->name)) continue;
        AuditCall mutant = call;
        mutant.scalars[sm.arg->name] = wrong;
        rejections[output_mutants.size() + i] += judge(out.mutants[output_mutants.size() + i], task, call, truth, truth_bytes, oracle_f64(mutant));
      }
      // Layout mutants, where the trailing matrix is not a vector (both extents above 1).
      for (std::size_t i = 0; i < layouts.size(); ++i) {
        std::vector<std::int64_t> dims;
        for (const auto& d : layouts[i]->shape) dims.push_back(d.eval(call.env));
        if (dims[dims.size() - 1] < 2 || dims[dims.size() - 2] < 2) continue;
        AuditCall mutant = call;
        mutant.inputs[layouts[i]->name] = read_transposed(call.inputs.at(layouts[i]->name), dims);
        rejections[first_layout + i] += judge(out.mutants[first_layout + i], task, call, truth, truth_bytes, oracle_f64(mutant));
      }
    }
    for (std::size_t i = 0; i < out.mutants.size(); ++i) out.mutants[i].every_seed = out.mutants[i].every_seed || rejections[i] == opt.seeds;
  }

  if (!out.honest_accepted) out.problems.push_back("the honest variant (float32 evaluation) is rejected: " + out.honest_failure);
  for (std::size_t i = 0; i < out.mutants.size(); ++i) {
    auto& m = out.mutants[i];
    const bool rounding = i < output_mutants.size() && output_mutants[i].m != OutputMutation::zeros &&
                          output_mutants[i].m != OutputMutation::constant;
    const bool layout = i >= first_layout;
    if (!m.distinguishable) {
      if (rounding || layout) {
        m.required = false;  // exact in the narrower type, or the task does not depend on that layout
        continue;
      }
      out.problems.push_back(fmt::format("mutant '{}' gives the true outputs at every check shape (no check shape tests it)", m.label));
    } else if (!m.rejected) {
      out.problems.push_back(fmt::format("mutant '{}' is accepted at every check shape (worst error {:.2g}x the tolerance)", m.label, m.max_ratio));
    } else if (!m.every_seed && !(rounding && one_element(*output_mutants[i].arg))) {
      // (A rounding of a one-element output lands within the tolerance now and then by chance, whatever
      // the check shapes: only required to be rejected somewhere.)
      out.problems.push_back(fmt::format("mutant '{}' is rejected at some seeds only (first at {}): its verdict depends on the inputs",
                                         m.label, m.rejected_at));
    }
  }
  return out;
}

nlohmann::json to_json(const TaskAudit& a) {
  nlohmann::json mutants = nlohmann::json::array();
  for (const auto& m : a.mutants)
    mutants.push_back({{"label", m.label}, {"distinguishable", m.distinguishable}, {"rejected", m.rejected},
                       {"every_seed", m.every_seed}, {"required", m.required}, {"max_ratio", m.max_ratio}, {"rejected_at", m.rejected_at}});
  return {{"task", a.task},
          {"ok", a.ok()},
          {"honest_accepted", a.honest_accepted},
          {"honest_ratio", a.honest_ratio},
          {"honest_worst_shape", a.honest_worst_shape},
          {"narrowest_rejected_ratio", a.narrowest_rejected_ratio()},
          {"mutants", mutants},
          {"problems", a.problems}};
}

}  // namespace kbench
