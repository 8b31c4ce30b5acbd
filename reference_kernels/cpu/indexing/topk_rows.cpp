// CPU reference for indexing/topk_rows: partial sort of column indices by (value desc, index asc) per row.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <vector>

extern "C" void solve(const float* x, float* values, int64_t* indices, int64_t rows, int64_t cols, int64_t k) {
#pragma omp parallel
  {
    std::vector<int64_t> order(static_cast<size_t>(cols));
#pragma omp for schedule(static)
    for (int64_t r = 0; r < rows; ++r) {
      const float* xr = x + r * cols;
      std::iota(order.begin(), order.end(), int64_t{0});
      std::partial_sort(order.begin(), order.begin() + k, order.end(), [xr](int64_t a, int64_t b) {
        return xr[a] > xr[b] || (xr[a] == xr[b] && a < b);
      });
      for (int64_t j = 0; j < k; ++j) {
        values[r * k + j] = xr[order[j]];
        indices[r * k + j] = order[j];
      }
    }
  }
}
