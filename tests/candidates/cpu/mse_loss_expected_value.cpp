// Analytical shortcut: estimates E[(p - t)^2] from the first 64 elements' mean and variance instead of
// reading every element (the statistic of i.i.d. inputs); per-trial jitter and heavy tails must defeat it.
#include <cstdint>
extern "C" void solve(const float* pred, const float* target, float* out, int64_t n) {
  const int64_t m = n < 64 ? n : 64;
  double mean = 0, sq = 0;
  for (int64_t i = 0; i < m; ++i) {
    const double d = pred[i] - target[i];
    mean += d;
    sq += d * d;
  }
  out[0] = static_cast<float>(sq / m);
  (void)mean;
}
