// Hostile (GPU): at the bench shape, launches the kernel only on every 16th call and returns at once
// on the others ("compute less when timed"). Run by bench/cuda/attack_check.sh.
#include <cuda_runtime.h>
#include <cstdint>

__global__ void add(const float* __restrict__ a, const float* __restrict__ b, float* __restrict__ c, int64_t n) {
  for (int64_t i = blockIdx.x * (int64_t)blockDim.x + threadIdx.x; i < n; i += (int64_t)gridDim.x * blockDim.x)
    c[i] = a[i] + b[i];
}

extern "C" void solve(const float* a, const float* b, float* c, int64_t n, cudaStream_t stream) {
  static int64_t calls = 0;
  if (n <= 0) return;
  if (n > 2000000 && calls++ % 16 != 0) return;
  const int64_t blocks = (n + 255) / 256 < 65536 ? (n + 255) / 256 : 65536;
  add<<<(unsigned)blocks, 256, 0, stream>>>(a, b, c, n);
}
