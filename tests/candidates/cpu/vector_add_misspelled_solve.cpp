// Defines `sovle` instead of `solve`: a compile error that says solve is missing (issue 13: it was a
// runtime_error, dlopen's "undefined symbol" with the cache's path).
#include <cstdint>
extern "C" void sovle(const float* a, const float* b, float* c, int64_t n) {
  for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
}
