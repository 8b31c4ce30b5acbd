// example for math/sort_rows
// Row sort on the CPU with an LSD radix sort instead of std::sort: each float is mapped to a uint32 whose
// unsigned order is the float order (flip all bits of negatives, the sign bit of positives), then four
// stable counting passes over 8-bit digits (histogram, prefix sum, scatter) sort the row in O(cols) work per
// pass with no data-dependent branches; the last pass writes the mapped-back floats. Rows run in parallel,
// each thread reusing its two scratch buffers.
#include <cstdint>
#include <cstring>
#include <vector>

namespace {
inline uint32_t to_key(float f) {
  uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  return u ^ ((u >> 31) ? 0xffffffffu : 0x80000000u);
}
inline float from_key(uint32_t k) {
  const uint32_t u = k ^ ((k >> 31) ? 0x80000000u : 0xffffffffu);
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}
}  // namespace

extern "C" void solve(const float* x, float* y, int64_t rows, int64_t cols) {
#pragma omp parallel
  {
    std::vector<uint32_t> a(cols), b(cols);
#pragma omp for schedule(static)
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t c = 0; c < cols; ++c) a[c] = to_key(x[r * cols + c]);
      for (int shift = 0; shift < 32; shift += 8) {
        int64_t count[257] = {0};
        for (int64_t c = 0; c < cols; ++c) ++count[((a[c] >> shift) & 0xff) + 1];
        for (int d = 0; d < 256; ++d) count[d + 1] += count[d];
        for (int64_t c = 0; c < cols; ++c) b[count[(a[c] >> shift) & 0xff]++] = a[c];
        a.swap(b);
      }
      for (int64_t c = 0; c < cols; ++c) y[r * cols + c] = from_key(a[c]);
    }
  }
}
