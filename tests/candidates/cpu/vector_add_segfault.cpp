// Crashes: writes through a null pointer.
#include <cstdint>
extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  volatile float* p = nullptr;
  *p = a[0] + b[0];
  c[0] = static_cast<float>(n);
}
