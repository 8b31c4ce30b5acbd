// CPU reference for loss/hinge: parallel sum of max(0, 1 - y * score) in double.
#include <cmath>
#include <cstdint>

extern "C" void solve(const float* score, const float* label, float* out, int64_t n) {
  double s = 0.0;
#pragma omp parallel for simd reduction(+ : s) schedule(static)
  for (int64_t i = 0; i < n; ++i) s += std::fmax(0.0f, 1.0f - (2.0f * label[i] - 1.0f) * score[i]);
  out[0] = static_cast<float>(s / static_cast<double>(n));
}
