// Calls exit(0) after computing: the worker vanishes without replying.
#include <cstdint>
#include <cstdlib>
extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
  std::exit(0);
}
