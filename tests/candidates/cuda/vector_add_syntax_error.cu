// CUDA test candidate: does not parse (missing semicolon and an undeclared name).
#include <cuda_runtime.h>
#include <cstdint>

extern "C" void solve(const float* a, const float* b, float* c, int64_t n, cudaStream_t stream) {
  int x = 1
  undeclared_kernel<<<1, 1, 0, stream>>>(a, b, c, n);
}
