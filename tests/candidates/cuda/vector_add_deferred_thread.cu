// Hostile (GPU): at the bench shape, a detached host thread launches the kernel 2 ms after solve() has
// returned ("deferred work": it lands after the timer stopped). Run by bench/cuda/attack_check.sh.
#include <cuda_runtime.h>
#include <chrono>
#include <cstdint>
#include <thread>

__global__ void add(const float* __restrict__ a, const float* __restrict__ b, float* __restrict__ c, int64_t n) {
  for (int64_t i = blockIdx.x * (int64_t)blockDim.x + threadIdx.x; i < n; i += (int64_t)gridDim.x * blockDim.x)
    c[i] = a[i] + b[i];
}

extern "C" void solve(const float* a, const float* b, float* c, int64_t n, cudaStream_t stream) {
  if (n <= 0) return;
  const int64_t blocks = (n + 255) / 256 < 65536 ? (n + 255) / 256 : 65536;
  if (n > 2000000) {
    std::thread([=] {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      add<<<(unsigned)blocks, 256>>>(a, b, c, n);
      cudaDeviceSynchronize();
    }).detach();
    return;
  }
  add<<<(unsigned)blocks, 256, 0, stream>>>(a, b, c, n);
}
