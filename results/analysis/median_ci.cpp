// median_interval: exact binomial order-statistic bounds of a median.
#include "results/analysis/median_ci.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace kbench {
namespace {

// P(X <= k) for X ~ Binomial(n, 1/2), summed in log space (n up to thousands without overflow).
double binomial_half_cdf(int n, int k) {
  if (k < 0) return 0;
  if (k >= n) return 1;
  double sum = 0;
  const double log_half_n = n * std::log(0.5);
  for (int i = 0; i <= k; ++i)
    sum += std::exp(std::lgamma(n + 1.0) - std::lgamma(i + 1.0) - std::lgamma(n - i + 1.0) + log_half_n);
  return std::min(sum, 1.0);
}

double sorted_median(const std::vector<double>& s) {
  const std::size_t n = s.size();
  return n % 2 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
}

}  // namespace

MedianInterval median_interval(std::vector<double> samples, double confidence) {
  if (!(confidence > 0 && confidence < 1)) throw std::invalid_argument("confidence must lie in (0, 1)");
  MedianInterval m;
  m.samples = static_cast<int>(samples.size());
  if (samples.empty()) {
    m.method = "none";
    return m;
  }
  std::sort(samples.begin(), samples.end());
  const int n = m.samples;
  m.median = sorted_median(samples);
  const double alpha_half = (1 - confidence) / 2;
  // Largest l (1-based) with P(X <= l-1) <= alpha/2: then P(x_(l) <= median <= x_(n+1-l)) >= confidence.
  int l = 0;
  while (l + 1 <= n / 2 && binomial_half_cdf(n, l) <= alpha_half) ++l;
  if (l < 1) {
    m.low = samples.front();
    m.high = samples.back();
    m.method = "min-max";
    return m;
  }
  m.low = samples[static_cast<std::size_t>(l - 1)];
  m.high = samples[static_cast<std::size_t>(n - l)];
  m.method = "order-statistics";
  return m;
}

MedianInterval median_interval(const TimingSummary& t, double confidence) {
  if (!t.raw_ns.empty()) return median_interval(t.raw_ns, confidence);
  MedianInterval m;
  m.median = t.median_ns;
  m.low = std::min(t.p10_ns, t.median_ns);
  m.high = std::max(t.p90_ns, t.median_ns);
  m.samples = static_cast<int>(t.samples);
  m.method = "p10-p90";
  return m;
}

}  // namespace kbench
