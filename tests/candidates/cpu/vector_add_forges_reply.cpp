// Hostile: writes a reply of the wrong shape ("ok" a string, "error" a number) on every pipe it can
// write to, the worker's reply channel among them, then computes correctly. The forged line is the
// candidate's runtime_error (a malformed reply), never a crash of kbench.
#include <dirent.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  static const char forged[] = "{\"ok\":\"yes\",\"fatal\":\"no\",\"error\":7}\n";
  if (DIR* d = opendir("/proc/self/fd")) {
    while (dirent* e = readdir(d)) {
      char target[128];
      const std::string link = std::string("/proc/self/fd/") + e->d_name;
      const ssize_t len = readlink(link.c_str(), target, sizeof target - 1);
      if (len > 0 && std::strncmp(target, "pipe:", 5) == 0) (void)!write(std::atoi(e->d_name), forged, sizeof forged - 1);
    }
    closedir(d);
  }
  for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
}
