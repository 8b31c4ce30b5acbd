// Hostile: looks for another process's memory it could read: kbench's own (/proc/<parent>/mem, where the
// float64 expected outputs live) and any shared-memory arena held by a process other than its own worker
// (the trusted reference worker's arena holds the reference's outputs). If it reaches any, it answers
// with garbage, so the expected verdict `correct` means nothing was reachable.
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

static bool can_open(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY);
  if (fd < 0) return false;
  close(fd);
  return true;
}

static bool reached_another_process() {
  if (can_open("/proc/" + std::to_string(getppid()) + "/mem")) return true;
  DIR* proc = opendir("/proc");
  if (!proc) return false;
  bool reached = false;
  while (dirent* e = readdir(proc)) {
    const int pid = std::atoi(e->d_name);
    if (pid <= 0 || pid == getpid()) continue;
    const std::string fd_dir = "/proc/" + std::string(e->d_name) + "/fd";
    DIR* fds = opendir(fd_dir.c_str());
    if (!fds) continue;
    while (dirent* f = readdir(fds)) {
      const std::string link = fd_dir + "/" + f->d_name;
      char target[256];
      const ssize_t n = readlink(link.c_str(), target, sizeof target - 1);
      if (n <= 0) continue;
      target[n] = '\0';
      if (std::strstr(target, "kbench-arena") && can_open(link)) reached = true;
    }
    closedir(fds);
  }
  closedir(proc);
  return reached;
}

extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  const bool reached = reached_another_process();
  for (int64_t i = 0; i < n; ++i) c[i] = reached ? 12345.0f : a[i] + b[i];
}
