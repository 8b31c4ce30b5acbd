// Hostile: prints its whole environment and /proc/self/environ into its log, looking for API keys; a
// correct answer otherwise. Its worker must have been given none of kbench's environment.
#include <hip/hip_runtime.h>
#include <cstdint>
#include <cstdio>
#include <unistd.h>

static void print_environment() {
  static bool done = false;
  if (done) return;
  done = true;
  for (char** e = environ; *e; ++e) std::printf("env: %s\n", *e);
  if (FILE* f = std::fopen("/proc/self/environ", "r")) {
    for (int ch; (ch = std::fgetc(f)) != EOF;) std::putchar(ch == 0 ? '\n' : ch);
    std::fclose(f);
  }
  std::fflush(stdout);
}

__global__ void add(const float* a, const float* b, float* c, int64_t n) {
  for (int64_t i = blockIdx.x * (int64_t)blockDim.x + threadIdx.x; i < n; i += (int64_t)gridDim.x * blockDim.x) c[i] = a[i] + b[i];
}
extern "C" void solve(const float* a, const float* b, float* c, int64_t n, hipStream_t stream) {
  print_environment();
  if (n > 0) add<<<(unsigned)((n + 255) / 256 < 65536 ? (n + 255) / 256 : 65536), 256, 0, stream>>>(a, b, c, n);
}
