// HIP test candidate: compiles its kernel at run time with hiprtc (part of libamdhip64 in ROCm 5.2), which
// a task that forbids vendor libraries must reject: run-time compilation is code the harness never sees.
#include <hip/hip_runtime.h>
#include <hip/hiprtc.h>
#include <cstdint>

extern "C" void solve(const float* a, const float* b, float* c, int64_t n, hipStream_t stream) {
  static const char* source = "extern \"C\" __global__ void add(const float* a, const float* b, float* c, long n) {"
                              " long i = blockIdx.x * (long)blockDim.x + threadIdx.x; if (i < n) c[i] = a[i] + b[i]; }";
  hiprtcProgram program;
  hiprtcCreateProgram(&program, source, "add.hip", 0, nullptr, nullptr);
  (void)a, (void)b, (void)c, (void)n, (void)stream;
}
