// Mutant outputs and scalar mutants for the audit (see mutants.hpp).
#include "harness/audit/mutants.hpp"

#include <fmt/format.h>

#include <cmath>
#include <numeric>

namespace kbench {

std::string_view mutation_name(OutputMutation m) {
  switch (m) {
    case OutputMutation::zeros: return "zeros";
    case OutputMutation::constant: return "constant";
    case OutputMutation::round_f16: return "rounded to f16";
    case OutputMutation::round_bf16: return "rounded to bf16";
    case OutputMutation::round_4_bits: return "rounded to 4 significant bits";
  }
  return "?";
}

bool mutation_applies(OutputMutation m, DType t) {
  switch (m) {
    case OutputMutation::zeros:
    case OutputMutation::constant: return true;
    case OutputMutation::round_f16: return t == DType::f32;
    case OutputMutation::round_bf16: return t == DType::f32 || t == DType::f16;
    case OutputMutation::round_4_bits: return t == DType::bf16;
  }
  return false;
}

std::vector<double> mutate(OutputMutation m, const std::vector<double>& truth, DType t) {
  std::vector<double> out(truth.size(), 0.0);
  if (m == OutputMutation::zeros) return out;
  if (m == OutputMutation::constant) {
    double sum = 0;
    std::size_t finite = 0;
    for (double v : truth)
      if (std::isfinite(v)) sum += v, ++finite;
    double mean = finite ? sum / static_cast<double>(finite) : 0.0;
    if (!is_floating(t)) mean = std::round(mean);
    out.assign(truth.size(), mean);
    return out;
  }
  if (m == OutputMutation::round_4_bits) {
    for (std::size_t i = 0; i < truth.size(); ++i) {
      if (!std::isfinite(truth[i]) || truth[i] == 0) {
        out[i] = truth[i];
        continue;
      }
      int e = 0;
      const double f = std::frexp(truth[i], &e);  // |f| in [0.5, 1): 4 significant bits = 16ths
      out[i] = std::ldexp(std::nearbyint(f * 16) / 16, e);
    }
    return out;
  }
  const DType narrow = m == OutputMutation::round_f16 ? DType::f16 : DType::bf16;
  std::uint16_t cell = 0;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    store_from_double(narrow, &cell, 0, truth[i]);
    out[i] = load_as_double(narrow, &cell, 0);
  }
  return out;
}

std::vector<double> read_transposed(const std::vector<double>& values, const std::vector<std::int64_t>& dims) {
  if (dims.size() < 2) return values;
  const std::int64_t R = dims[dims.size() - 2], C = dims.back(), plane = R * C;
  std::vector<double> out(values.size());
  for (std::int64_t base = 0; base + plane <= static_cast<std::int64_t>(values.size()); base += plane)
    for (std::int64_t a = 0; a < R; ++a)
      for (std::int64_t b = 0; b < C; ++b) out[base + a * C + b] = values[base + b * R + a];
  return out;
}

std::vector<ScalarMutant> scalar_mutants(const TaskSpec& task) {
  std::vector<ScalarMutant> out;
  for (const auto& a : task.arguments) {
    if (a.role != ArgRole::scalar) continue;
    ScalarGuess def;
    def.number = a.scalar_value;
    def.text = fmt::format("{:g}", a.scalar_value);
    out.push_back({fmt::format("{} = its default {}", a.name, def.text), &a, def});
    if (a.name.find("eps") != std::string::npos)
      for (double c : {1e-5, 1e-6, 1e-8, 1e-12}) {
        if (c == a.scalar_value) continue;
        ScalarGuess g;
        g.number = c;
        g.text = fmt::format("{:g}", c);
        out.push_back({fmt::format("{} = {}", a.name, g.text), &a, g});
      }
    for (const auto& g : a.confusable) out.push_back({fmt::format("{} = {}", a.name, g.text), &a, g});
  }
  return out;
}

}  // namespace kbench
