// Hostile: rewrites libc's clock_gettime in its own process (mprotect + an absolute jump) so that time
// inside the worker runs 16x slower: the worker's own per-call clock then claims 1/16 of the real time.
// The number comes from the parent's clock: speedup about 1, and the measurement notes say the worker's
// claim disagreed.
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>

static int slow_clock(clockid_t id, struct timespec* ts) {
  const long r = syscall(SYS_clock_gettime, id, ts);
  if (r == 0 && ts) {
    const long double ns = ((long double)ts->tv_sec * 1e9L + ts->tv_nsec) / 16.0L;
    ts->tv_sec = (time_t)(ns / 1e9L);
    ts->tv_nsec = (long)(ns - (long double)ts->tv_sec * 1e9L);
  }
  return (int)r;
}

static void patch_clock() {
  void* target = (void*)&clock_gettime;  // libc's, through the GOT
  if (!target) return;
  const long page = sysconf(_SC_PAGESIZE);
  auto* start = (unsigned char*)((uintptr_t)target & ~(uintptr_t)(page - 1));
  if (mprotect(start, (size_t)page * 2, PROT_READ | PROT_WRITE | PROT_EXEC) != 0) return;
  unsigned char jump[12] = {0x48, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xE0};  // movabs rax, addr; jmp rax
  const uintptr_t to = (uintptr_t)&slow_clock;
  std::memcpy(jump + 2, &to, sizeof to);
  std::memcpy(target, jump, sizeof jump);
  mprotect(start, (size_t)page * 2, PROT_READ | PROT_EXEC);
}

extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  static bool patched = false;
  if (!patched) {
    patched = true;
    patch_clock();
  }
  for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
}
