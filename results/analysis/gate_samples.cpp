// block_medians, relative_samples: see gate_samples.hpp.
#include "results/analysis/gate_samples.hpp"

#include <algorithm>

namespace kbench {

double median_of(std::vector<double> v) {
  if (v.empty()) return 0;
  const std::size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  const double hi = v[mid];
  if (v.size() % 2) return hi;
  const double lo = *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid));
  return (lo + hi) / 2;
}

std::vector<double> block_medians(const std::vector<double>& samples, std::size_t blocks) {
  if (blocks == 0 || samples.size() <= blocks) return samples;
  std::vector<double> out;
  const std::size_t n = samples.size();
  for (std::size_t k = 0; k < blocks; ++k) {
    const std::size_t begin = k * n / blocks, end = (k + 1) * n / blocks;
    out.push_back(median_of(std::vector<double>(samples.begin() + static_cast<std::ptrdiff_t>(begin),
                                                samples.begin() + static_cast<std::ptrdiff_t>(end))));
  }
  return out;
}

std::vector<double> raw_or_median(const TimingSummary& t) {
  if (!t.raw_ns.empty()) return t.raw_ns;
  if (t.median_ns > 0) return {t.median_ns};
  return {};
}

std::vector<double> relative_samples(const TimingSummary& candidate, const TimingSummary& reference) {
  const std::vector<double> c = raw_or_median(candidate), r = raw_or_median(reference);
  std::vector<double> out;
  if (c.empty() || r.empty()) return out;
  if (c.size() == r.size()) {
    for (std::size_t i = 0; i < c.size(); ++i)
      if (r[i] > 0) out.push_back(c[i] / r[i]);
    return out;
  }
  const double ref = median_of(r);
  if (!(ref > 0)) return out;
  for (double x : c) out.push_back(x / ref);
  return out;
}

}  // namespace kbench
