// Hostile: starts a process with a raw system call (no imported symbol for the policy to see), which
// would keep running after kbench; the sandbox's system call filter must refuse it and say so.
#include <cuda_runtime.h>
#include <cstdint>
#include <sys/syscall.h>

static long raw_syscall0(long number) {
  long result;
  asm volatile("syscall" : "=a"(result) : "a"(number) : "rcx", "r11", "memory");
  return result;
}

__global__ void add(const float* a, const float* b, float* c, int64_t n) {
  for (int64_t i = blockIdx.x * (int64_t)blockDim.x + threadIdx.x; i < n; i += (int64_t)gridDim.x * blockDim.x) c[i] = a[i] + b[i];
}
extern "C" void solve(const float* a, const float* b, float* c, int64_t n, cudaStream_t stream) {
  if (raw_syscall0(SYS_fork) == 0)
    for (;;) {
    }
  if (n > 0) add<<<(unsigned)((n + 255) / 256 < 65536 ? (n + 255) / 256 : 65536), 256, 0, stream>>>(a, b, c, n);
}
