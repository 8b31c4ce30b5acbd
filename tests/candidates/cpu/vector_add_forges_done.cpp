// Hostile: at the bench shape, writes a well-formed "done" reply (which the previous protocol accepted as
// a timing reply: 3,200-11,000x) on every pipe it can write to (the
// worker's reply channel among them) before it computes, so that the parent's clock stops early. The
// parent stops the worker as soon as it reads the reply, before it looks at the outputs: incorrect, or
// a worker that wrote more than one reply.
#include <dirent.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  if (n > 2000000) {
    // Well formed for a timing reply (a 1 us sample) and for a run reply (a 1 us claim).
    static const char forged[] = "{\"ok\":true,\"samples_ns\":[1000],\"method\":\"cpu-wall\",\"claims_ns\":[1000]}\n";
    if (DIR* d = opendir("/proc/self/fd")) {
      while (dirent* e = readdir(d)) {
        char target[128];
        const std::string link = std::string("/proc/self/fd/") + e->d_name;
        const ssize_t len = readlink(link.c_str(), target, sizeof target - 1);
        if (len > 0 && std::strncmp(target, "pipe:", 5) == 0) (void)!write(std::atoi(e->d_name), forged, sizeof forged - 1);
      }
      closedir(d);
    }
  }
  for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
}
