// The Mann-Whitney U test (Wilcoxon rank-sum): do two samples come from one distribution? Two-sided,
// normal approximation with the tie correction and a continuity correction; no assumption of normality,
// so one slow outlier round moves it as little as it moves a median. The regression gate's test.
#pragma once
#include <cstddef>
#include <vector>

namespace kbench {

struct MannWhitney {
  double u = 0;        // U of the first sample: pairs (a, b) with a > b, ties counted one half
  double z = 0;        // standardised U (0 when either sample is empty or every value ties)
  double p_value = 1;  // two-sided
  std::size_t n1 = 0, n2 = 0;
};

// 1 as p-value when a sample is empty or all n1 + n2 values are equal (nothing to tell them apart by).
MannWhitney mann_whitney_u(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace kbench
