// Hostile: looks for the shared-memory arena its inputs and outputs live in (an open descriptor, or the
// mapping's file under /proc/self/map_files) and shrinks it to nothing, so that kbench's own mapping of
// it faults (SIGBUS) when it reads the outputs back. Otherwise correct: the expected verdict `correct`
// means the arena could not be resized.
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

static void shrink_arenas_in(const std::string& dir) {
  DIR* d = opendir(dir.c_str());
  if (!d) return;
  while (dirent* e = readdir(d)) {
    const std::string link = dir + "/" + e->d_name;
    char target[256];
    const ssize_t n = readlink(link.c_str(), target, sizeof target - 1);
    if (n <= 0) continue;
    target[n] = '\0';
    if (!std::strstr(target, "kbench-arena")) continue;
    const int fd = open(link.c_str(), O_RDWR);
    if (fd >= 0 && ftruncate(fd, 0) == 0) std::printf("shrank %s\n", target);
    if (fd >= 0) close(fd);
  }
  closedir(d);
}

extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
  shrink_arenas_in("/proc/self/fd");
  shrink_arenas_in("/proc/self/map_files");
  std::fflush(stdout);
}
