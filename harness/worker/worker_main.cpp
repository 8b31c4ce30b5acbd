// main() of every backend's worker executable: isolate the protocol channel, then serve requests.
// Usage: kbench-worker-<backend> --log FILE   (fds 3 and 4 must be the request and reply channel)
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>

#include "backends/runtime.hpp"
#include "harness/worker/protocol.hpp"
#include "harness/worker/worker_loop.hpp"

int main(int argc, char** argv) {
  std::string log = "/dev/null";
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--log") == 0) log = argv[i + 1];
  prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the parent
  rlimit no_core{0, 0};
  setrlimit(RLIMIT_CORE, &no_core);
  // The candidate's stdout/stderr go to the log; the protocol stays on fds 3/4, moved out of the way.
  const int log_fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (log_fd < 0) return 5;
  const int req = fcntl(kbench::kRequestFd, F_DUPFD_CLOEXEC, 100);
  const int rep = fcntl(kbench::kReplyFd, F_DUPFD_CLOEXEC, 100);
  if (req < 0 || rep < 0) {
    std::fprintf(stderr, "kbench worker: fds %d/%d are not open; run it through kbench\n", kbench::kRequestFd,
                 kbench::kReplyFd);
    return 6;
  }
  close(kbench::kRequestFd);
  close(kbench::kReplyFd);
  dup2(log_fd, 1);
  dup2(log_fd, 2);
  setvbuf(stdout, nullptr, _IOLBF, 0);
  try {
    auto runtime = kbench::make_device_runtime();
    return kbench::serve_worker_requests(*runtime, req, rep);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kbench worker: %s\n", e.what());
    return 7;
  }
}
