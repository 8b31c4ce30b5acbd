// Starts another process: forbidden by the library/system policy (found in the shared object's imports).
#include <cstdint>
#include <unistd.h>
extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  if (n < 0) fork();
  for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
}
