// Correct arithmetic, but every call prints 256 MiB: its log, the one file it can write in kbench's run
// folder, is capped (RLIMIT_FSIZE, 64 MiB), so the worker dies at the cap instead of filling the disk, and
// kbench reads only the log's head and tail.
#include <unistd.h>

#include <cstdint>
#include <cstring>
extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  static char line[1 << 16];
  std::memset(line, 'x', sizeof line);
  for (int i = 0; i < 4096; ++i)
    if (write(1, line, sizeof line) < 0) break;
  for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
}
