// CPU reference for elementwise/add_f16: float16 loads, float32 add, rounded back to float16.
#include <cstdint>

extern "C" void solve(const _Float16* a, const _Float16* b, _Float16* c, int64_t n) {
#pragma omp parallel for simd schedule(static)
  for (int64_t i = 0; i < n; ++i) c[i] = static_cast<_Float16>(static_cast<float>(a[i]) + static_cast<float>(b[i]));
}
