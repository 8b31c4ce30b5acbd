// CPU reference for indexing/masked_fill_f16: element-wise select between x and the fill value.
#include <cstdint>

extern "C" void solve(const _Float16* x, const uint8_t* mask, _Float16* y, int64_t rows, int64_t cols, float value) {
  const _Float16 v = static_cast<_Float16>(value);
  const int64_t n = rows * cols;
#pragma omp parallel for simd schedule(static)
  for (int64_t i = 0; i < n; ++i) y[i] = mask[i] ? v : x[i];
}
