// Hostile: starts a process with a raw system call (no imported symbol for the policy to see), which
// would keep running after kbench; the sandbox's system call filter must refuse it and say so.

#include <cstdint>
#include <sys/syscall.h>

static long raw_syscall0(long number) {
  long result;
  asm volatile("syscall" : "=a"(result) : "a"(number) : "rcx", "r11", "memory");
  return result;
}

extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  if (raw_syscall0(SYS_fork) == 0)
    for (;;) {
    }
  for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
}
