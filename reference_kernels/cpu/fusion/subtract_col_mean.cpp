// CPU reference for fusion/subtract_col_mean: column sums in double (per-thread partials over row blocks),
// then a second pass subtracting the means.
#include <cstddef>
#include <cstdint>
#include <vector>

extern "C" void solve(const float* x, float* y, int64_t rows, int64_t cols) {
  std::vector<double> sum(static_cast<size_t>(cols), 0.0);
#pragma omp parallel
  {
    std::vector<double> part(static_cast<size_t>(cols), 0.0);
#pragma omp for schedule(static) nowait
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < cols; ++c) part[c] += x[r * cols + c];
#pragma omp critical
    for (int64_t c = 0; c < cols; ++c) sum[c] += part[c];
  }
  std::vector<float> mean(static_cast<size_t>(cols));
  for (int64_t c = 0; c < cols; ++c) mean[c] = static_cast<float>(sum[c] / static_cast<double>(rows));
#pragma omp parallel for schedule(static)
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c) y[r * cols + c] = x[r * cols + c] - mean[c];
}
