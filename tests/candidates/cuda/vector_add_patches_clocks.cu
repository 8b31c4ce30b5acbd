// Hostile (GPU): rewrites, in its own worker process, both clocks the worker times a call with: libc's
// clock_gettime (time on the host runs 16x slower) and the CUDA runtime's cudaEventElapsedTime (every
// call claims 4 us). The two claims agree with each other, so the worker's own check for work outside the
// timed stream sees nothing. The parent's brackets of each batch of calls do: the verdict is correct,
// timed on kbench's clock ("parent-bracket"), with a warning that the timing was inconsistent. Run by
// bench/cuda/attack_check.sh.
#include <cuda_runtime.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>

__global__ void add(const float* __restrict__ a, const float* __restrict__ b, float* __restrict__ c, int64_t n) {
  for (int64_t i = blockIdx.x * (int64_t)blockDim.x + threadIdx.x; i < n; i += (int64_t)gridDim.x * blockDim.x)
    c[i] = a[i] + b[i];
}

static int slow_clock(clockid_t id, struct timespec* ts) {
  const long r = syscall(SYS_clock_gettime, id, ts);
  if (r == 0 && ts) {
    const long double ns = ((long double)ts->tv_sec * 1e9L + ts->tv_nsec) / 16.0L;
    ts->tv_sec = (time_t)(ns / 1e9L);
    ts->tv_nsec = (long)(ns - (long double)ts->tv_sec * 1e9L);
  }
  return (int)r;
}

static cudaError_t tiny_elapsed(float* ms, cudaEvent_t, cudaEvent_t) {
  if (ms) *ms = 0.004f;
  return cudaSuccess;
}

// Overwrites the first bytes of `target` with an absolute jump to `to`.
static void jump(void* target, void* to) {
  const long page = sysconf(_SC_PAGESIZE);
  auto* start = (unsigned char*)((uintptr_t)target & ~(uintptr_t)(page - 1));
  if (mprotect(start, (size_t)page * 2, PROT_READ | PROT_WRITE | PROT_EXEC) != 0) return;
  unsigned char code[12] = {0x48, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xE0};  // movabs rax, to; jmp rax
  const uintptr_t address = (uintptr_t)to;
  std::memcpy(code + 2, &address, sizeof address);
  std::memcpy(target, code, sizeof code);
  mprotect(start, (size_t)page * 2, PROT_READ | PROT_EXEC);
}

extern "C" void solve(const float* a, const float* b, float* c, int64_t n, cudaStream_t stream) {
  static bool patched = false;
  if (!patched) {
    patched = true;
    jump((void*)&clock_gettime, (void*)&slow_clock);
    jump((void*)&cudaEventElapsedTime, (void*)&tiny_elapsed);
  }
  if (n <= 0) return;
  const int64_t blocks = (n + 255) / 256 < 65536 ? (n + 255) / 256 : 65536;
  add<<<(unsigned)blocks, 256, 0, stream>>>(a, b, c, n);
}
