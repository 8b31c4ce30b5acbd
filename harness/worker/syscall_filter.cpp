// install_candidate_syscall_filter: libseccomp rules (trap on refusal; clone3 answers ENOSYS so that
// glibc creates threads with clone, whose flags the filter can see), a SIGSYS handler that reports the
// refused call with preformatted lines (async-signal-safe: a table lookup, write and _exit).
#include "harness/worker/syscall_filter.hpp"

#include <seccomp.h>
#include <sched.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

namespace kbench {
namespace {

struct Refusal {
  int nr = -1;
  std::string reply;     // protocol line
  std::string log_line;  // for the worker's log
};

// Filled before the filter is installed, read only by the handler afterwards.
std::vector<Refusal>* g_refusals = nullptr;
int g_reply_fd = -1;

void write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

void on_refused_call(int, siginfo_t* info, void*) {
  static const char unknown[] = "{\"ok\":false,\"fatal\":true,\"error\":\"the sandbox refused a system call\"}\n";
  if (g_refusals)
    for (const Refusal& r : *g_refusals)
      if (r.nr == info->si_syscall) {
        write_all(2, r.log_line.data(), r.log_line.size());
        write_all(g_reply_fd, r.reply.data(), r.reply.size());
        _exit(70);
      }
  write_all(g_reply_fd, unknown, sizeof unknown - 1);
  _exit(70);
}

class Filter {
 public:
  Filter() : ctx_(seccomp_init(SCMP_ACT_ALLOW)) {
    if (!ctx_) throw std::runtime_error("seccomp_init failed");
    check(seccomp_attr_set(ctx_, SCMP_FLTATR_CTL_TSYNC, 1), "synchronising the filter across threads");
    // A filter turns on the kernel's speculative-store-bypass mitigation for the process by default
    // (spec_store_bypass_disable=seccomp), which slows memory-bound code: the candidate would be timed
    // slower than the same kernel in the trusted worker. It guards a process against itself only, and
    // the candidate owns all of its own process's memory anyway. Where the kernel or libseccomp cannot
    // say so (no SECCOMP_FILTER_FLAG_SPEC_ALLOW), the filter still goes in.
    (void)seccomp_attr_set(ctx_, SCMP_FLTATR_CTL_SSB, 1);
  }
  ~Filter() { seccomp_release(ctx_); }
  Filter(const Filter&) = delete;
  Filter& operator=(const Filter&) = delete;

  // Refuses `name` (when this architecture has it) with `why`, for all arguments or those matching `args`.
  void refuse(const char* name, const char* why, std::vector<scmp_arg_cmp> args = {}) {
    const int nr = seccomp_syscall_resolve_name(name);
    if (nr == __NR_SCMP_ERROR) return;
    check(seccomp_rule_add_array(ctx_, SCMP_ACT_TRAP, nr, static_cast<unsigned>(args.size()), args.data()),
          std::string("refusing ") + name);
    const std::string text = std::string("the sandbox refused system call ") + name + ": " + why;
    refusals_.push_back({nr, "{\"ok\":false,\"fatal\":true,\"error\":\"" + text + "\"}\n", "kbench worker: " + text + "\n"});
  }
  void answer_enosys(const char* name) {
    const int nr = seccomp_syscall_resolve_name(name);
    if (nr == __NR_SCMP_ERROR) return;
    check(seccomp_rule_add(ctx_, SCMP_ACT_ERRNO(ENOSYS), nr, 0), std::string("answering ENOSYS to ") + name);
  }
  void load(int reply_fd) {
    static std::vector<Refusal> installed;
    installed = refusals_;
    g_refusals = &installed;
    g_reply_fd = reply_fd;
    struct sigaction sa {};
    sa.sa_sigaction = on_refused_call;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGSYS, &sa, nullptr) != 0) throw std::runtime_error(std::string("sigaction(SIGSYS): ") + std::strerror(errno));
    check(seccomp_load(ctx_), "loading the filter");
  }

 private:
  static void check(int rc, const std::string& what) {
    if (rc < 0) throw std::runtime_error("system call filter: " + what + ": " + std::strerror(-rc));
  }
  scmp_filter_ctx ctx_;
  std::vector<Refusal> refusals_;
};

}  // namespace

void install_candidate_syscall_filter(int reply_fd) {
  Filter f;
  const auto self = static_cast<scmp_datum_t>(getpid());
  const char* process = "process creation is not allowed";
  f.refuse("fork", process);
  f.refuse("vfork", process);
  f.refuse("clone", process, {SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, 0)});  // threads stay allowed
  f.answer_enosys("clone3");  // its flags are behind a pointer: glibc then falls back to clone
  for (const char* name : {"execve", "execveat"}) f.refuse(name, "running programs is not allowed");
  for (const char* name : {"ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_open", "pidfd_getfd",
                           "pidfd_send_signal"})
    f.refuse(name, "access to other processes is not allowed");
  const char* signals = "signals to other processes are not allowed";
  f.refuse("kill", signals, {SCMP_A0(SCMP_CMP_NE, self)});
  f.refuse("tgkill", signals, {SCMP_A0(SCMP_CMP_NE, self)});
  f.refuse("rt_sigqueueinfo", signals, {SCMP_A0(SCMP_CMP_NE, self)});
  f.refuse("rt_tgsigqueueinfo", signals, {SCMP_A0(SCMP_CMP_NE, self)});
  f.refuse("tkill", signals);
  for (const char* name : {"mount", "umount2", "unshare", "setns", "pivot_root", "chroot", "open_tree", "move_mount",
                           "fsopen", "fsconfig", "fsmount", "fspick", "mount_setattr", "open_by_handle_at",
                           "name_to_handle_at"})
    f.refuse(name, "mounts and namespaces are not allowed");
  f.refuse("socket", "network sockets are not allowed", {SCMP_A0(SCMP_CMP_NE, AF_UNIX)});
  for (const char* name : {"bpf", "perf_event_open", "io_uring_setup", "io_uring_enter", "io_uring_register",
                           "keyctl", "add_key", "request_key", "userfaultfd", "init_module", "finit_module",
                           "delete_module", "kexec_load", "kexec_file_load", "reboot", "swapon", "swapoff", "acct",
                           "syslog", "iopl", "ioperm", "quotactl", "sethostname", "setdomainname"})
    f.refuse(name, "this kernel interface is not allowed");
  f.load(reply_fd);
}

}  // namespace kbench
