// Correct candidate that prints to stdout and stderr, including text that looks like protocol replies.
#include <cstdint>
#include <cstdio>
extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  std::printf("{\"ok\":true,\"samples_ns\":[1,1,1]}\n");
  std::fprintf(stderr, "hello from the candidate\n");
  for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
}
