// CPU reference for math/exclusive_scan_i64: two-pass parallel scan (per-thread block sums, then offsets).
#include <omp.h>

#include <cstdint>
#include <vector>

extern "C" void solve(const int32_t* x, int64_t* y, int64_t n) {
  std::vector<int64_t> block_sum(omp_get_max_threads() + 1, 0);
#pragma omp parallel
  {
    const int t = omp_get_thread_num(), threads = omp_get_num_threads();
    const int64_t begin = n * t / threads, end = n * (t + 1) / threads;
    int64_t s = 0;
    for (int64_t i = begin; i < end; ++i) s += x[i];
    block_sum[t + 1] = s;
#pragma omp barrier
    int64_t acc = 0;
    for (int k = 0; k <= t; ++k) acc += block_sum[k];
    for (int64_t i = begin; i < end; ++i) {
      y[i] = acc;
      acc += x[i];
    }
  }
}
