// Correct, but prints bytes that are not UTF-8 (0xFF, a truncated sequence) into its log: its verdict
// must still be printed as JSON and stored.
#include <cstdint>
#include <cstdio>
extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  std::fputs("bytes: \xFF\xFE \xE2\x82 end\n", stdout);
  std::fflush(stdout);
  for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
}
