// main() of every backend's worker executable: isolate the protocol channel, then serve requests.
// Usage: kbench-worker-<backend> [--log FILE] [--untrusted] [--drop-root]   (fds 3, 4, 5: request, reply
// and descriptor channels; the log is stdout/stderr unless --log names a file. --untrusted: it will run a
// candidate, so it installs the system call filter once its device is open; --drop-root: as root, it
// also becomes an unprivileged user, for runs outside the sandbox)
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "backends/runtime.hpp"
#include "core/util/process_protection.hpp"
#include "harness/worker/protocol.hpp"
#include "harness/worker/syscall_filter.hpp"
#include "harness/worker/worker_loop.hpp"

namespace {

// In the sandbox the worker is its pid namespace's only process, pid 1, and the kernel ignores signals
// pid 1 sends itself that it has no handler for: abort() would end in a segmentation fault and
// raise(SIGTERM) would do nothing. With these handlers the worker ends as a normal process would, and
// bubblewrap reports 128 + the signal (read back as "killed by signal N").
void end_like_the_signal(int signal_number) { _exit(128 + signal_number); }

void end_on_terminating_signals_as_pid_1() {
  if (getpid() != 1) return;
  for (int sig : {SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGUSR1, SIGSEGV, SIGUSR2,
                  SIGPIPE, SIGALRM, SIGTERM, SIGSTKFLT, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF, SIGIO, SIGPWR}) {
    struct sigaction sa {};
    sa.sa_handler = end_like_the_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, nullptr);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string log;
  bool untrusted = false, drop_root = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--log") == 0 && i + 1 < argc) log = argv[++i];
    else if (std::strcmp(argv[i], "--untrusted") == 0) untrusted = true;
    else if (std::strcmp(argv[i], "--drop-root") == 0) drop_root = true;
  }
  prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the parent
  end_on_terminating_signals_as_pid_1();
  rlimit no_core{0, 0};
  setrlimit(RLIMIT_CORE, &no_core);
  // The candidate's stdout/stderr go to the log; the protocol stays on fds 3/4, moved out of the way.
  const int log_fd = log.empty() ? fcntl(2, F_DUPFD_CLOEXEC, 100) : open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (log_fd < 0) return 5;
  const int req = fcntl(kbench::kRequestFd, F_DUPFD_CLOEXEC, 100);
  const int rep = fcntl(kbench::kReplyFd, F_DUPFD_CLOEXEC, 100);
  const int descriptors = fcntl(kbench::kDescriptorFd, F_DUPFD_CLOEXEC, 100);
  if (req < 0 || rep < 0 || descriptors < 0) {
    std::fprintf(stderr, "kbench worker: fds %d/%d/%d are not open; run it through kbench\n", kbench::kRequestFd,
                 kbench::kReplyFd, kbench::kDescriptorFd);
    return 6;
  }
  close(kbench::kRequestFd);
  close(kbench::kReplyFd);
  close(kbench::kDescriptorFd);
  dup2(log_fd, 1);
  dup2(log_fd, 2);
  setvbuf(stdout, nullptr, _IOLBF, 0);
  try {
    // Before any candidate code: other workers' candidates must not read this one's memory or arenas.
    kbench::protect_from_same_user_processes();
    auto runtime = kbench::make_device_runtime();
    // Outside the sandbox, a candidate's worker gives up root once its device is open (files and memory
    // it is given are passed as descriptors, so it needs no path of kbench's). Where the environment
    // forbids it (a user namespace without uid 65534, no CAP_SETUID), the worker says so in its log and
    // goes on, unless KBENCH_REQUIRE_ISOLATION=1 makes that fatal.
    if (drop_root) {
      try {
        kbench::drop_root_privileges(SIGKILL);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "kbench worker: WARNING: cannot become an unprivileged user (%s): the candidate "
                             "runs as root and could read kbench's memory\n", e.what());
        if (const char* req = std::getenv("KBENCH_REQUIRE_ISOLATION"); req && std::strcmp(req, "1") == 0) return 8;
      }
    }
    // The filter goes in last, once the device runtime has started its threads and opened its devices.
    if (untrusted) kbench::install_candidate_syscall_filter(rep);
    return kbench::serve_worker_requests(*runtime, req, rep, descriptors);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kbench worker: %s\n", e.what());
    return 7;
  }
}
