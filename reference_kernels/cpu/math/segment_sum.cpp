// CPU reference for math/segment_sum: sequential exclusive scan of the lengths, then segments in parallel.
#include <cstdint>
#include <vector>

extern "C" void solve(const float* values, const int32_t* lengths, float* out, int64_t S, int64_t max_len) {
  (void)max_len;
  std::vector<int64_t> offset(S);
  int64_t acc = 0;
  for (int64_t s = 0; s < S; ++s) {
    offset[s] = acc;
    acc += lengths[s];
  }
#pragma omp parallel for schedule(static)
  for (int64_t s = 0; s < S; ++s) {
    double sum = 0.0;
    for (int64_t k = 0; k < lengths[s]; ++k) sum += values[offset[s] + k];
    out[s] = static_cast<float>(sum);
  }
}
