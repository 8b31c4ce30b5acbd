// CUDA test candidate: n as int instead of int64_t, so it conflicts with the prototype the entry shim declares.
#include <cuda_runtime.h>

__global__ void add(const float* a, const float* b, float* c, int n) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) c[i] = a[i] + b[i];
}

extern "C" void solve(const float* a, const float* b, float* c, int n, cudaStream_t stream) {
  add<<<(n + 255) / 256, 256, 0, stream>>>(a, b, c, n);
}
