// WorkerProcess: fork/exec (inside bubblewrap when asked) with the protocol on fds 3/4/5 and the log on
// 1/2, deadline-bound reads, reaping and kill.
#include "harness/worker/supervisor.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "core/sandbox/bwrap_command.hpp"
#include "core/sandbox/environment.hpp"
#include "core/sandbox/resource_limits.hpp"
#include "core/sandbox/sandbox_availability.hpp"
#include "core/util/cancellation.hpp"
#include "core/util/process_protection.hpp"
#include "harness/worker/fd_passing.hpp"
#include "harness/worker/protocol.hpp"

namespace kbench {

WorkerProcess::WorkerProcess(const std::filesystem::path& executable, const std::filesystem::path& log_file,
                             const WorkerLaunch& launch)
    : log_file_(log_file) {
  if (!std::filesystem::exists(executable))
    throw std::runtime_error("worker executable not found: " + executable.string());
  // Untrusted code is about to run as this user: this process's memory and descriptors become root-only.
  protect_from_same_user_processes();
  std::vector<std::string> argv = {executable.string()};
  if (launch.untrusted) argv.push_back("--untrusted");
  if (launch.drop_root) argv.push_back("--drop-root");
  if (launch.sandbox) {
    const SandboxAvailability& sandbox = sandbox_availability();
    if (!sandbox.available) throw std::runtime_error("cannot start the worker in the sandbox: " + sandbox.why_not);
    SandboxSpec spec = *launch.sandbox;
    spec.read_only.push_back(executable);
    argv = bwrap_command(sandbox.bwrap, spec, argv);
    sandboxed_ = true;
  }
  freeze_between_requests_ = launch.freeze_between_requests;
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  std::vector<std::string> env_entries = minimal_environment();
  std::vector<char*> envp = environment_pointers(env_entries);
  const int log_fd = open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (log_fd < 0) throw std::runtime_error("cannot open the worker log " + log_file.string() + ": " + std::strerror(errno));
  auto fail = [log_fd](const char* what) {  // the log descriptor does not outlive a failed start
    const std::string why = std::strerror(errno);
    close(log_fd);
    throw std::runtime_error(std::string(what) + ": " + why);
  };
  int req[2], rep[2], fds[2];
  if (pipe2(req, O_CLOEXEC) != 0 || pipe2(rep, O_CLOEXEC) != 0) fail("pipe");
  if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds) != 0) fail("socketpair");
  pid_ = fork();
  if (pid_ < 0) fail("fork");
  if (pid_ == 0) {
    setpgid(0, 0);
    // Move the pipe ends into place (dup2 clears CLOEXEC on the copies).
    const int r = fcntl(req[0], F_DUPFD_CLOEXEC, 10), w = fcntl(rep[1], F_DUPFD_CLOEXEC, 10);
    const int a = fcntl(fds[1], F_DUPFD_CLOEXEC, 10), l = fcntl(log_fd, F_DUPFD_CLOEXEC, 10);
    dup2(r, kRequestFd);
    dup2(w, kReplyFd);
    dup2(a, kDescriptorFd);
    dup2(l, 1);
    dup2(l, 2);
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, 0);
    if (!apply_resource_limits(launch.limits)) {
      static const char msg[] = "kbench: cannot set the worker's resource limits\n";
      (void)!write(2, msg, sizeof msg - 1);
      _exit(127);
    }
    execve(args[0], args.data(), envp.data());
    static const char msg[] = "kbench: cannot execute the worker\n";
    (void)!write(2, msg, sizeof msg - 1);
    _exit(127);
  }
  setpgid(pid_, pid_);
  close(log_fd);
  close(req[0]);
  close(rep[1]);
  close(fds[1]);
  to_worker_ = req[1];
  from_worker_ = rep[0];
  descriptor_channel_ = fds[0];
  signal(SIGPIPE, SIG_IGN);
}

WorkerProcess::~WorkerProcess() {
  if (pid_ > 0) {
    const std::string quit = "{\"op\":\"quit\"}\n";
    (void)!write(to_worker_, quit.data(), quit.size());
    kill_now();
  }
  if (to_worker_ >= 0) close(to_worker_);
  if (from_worker_ >= 0) close(from_worker_);
  if (descriptor_channel_ >= 0) close(descriptor_channel_);
}

bool WorkerProcess::exited() const {
  if (pid_ <= 0) return false;
  siginfo_t info{};
  if (waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) != 0) return false;
  return info.si_pid != 0;
}

void WorkerProcess::kill_now() {
  if (pid_ <= 0) return;
  ::kill(-pid_, SIGKILL);
  ::kill(pid_, SIGKILL);
  reap();
}

std::string WorkerProcess::reap() {
  if (pid_ <= 0) return "worker already ended";
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  ::kill(-pid_, SIGKILL);  // anything the candidate forked
  pid_ = -1;
  std::ostringstream out;
  // bubblewrap ends with 128 + N when the worker inside was killed by signal N.
  const int signal_number = WIFSIGNALED(status)                                                ? WTERMSIG(status)
                            : sandboxed_ && WIFEXITED(status) && WEXITSTATUS(status) > 128 ? WEXITSTATUS(status) - 128
                                                                                           : 0;
  if (signal_number > 0)
    out << "worker killed by signal " << signal_number << " (" << strsignal(signal_number) << ")";
  else if (WIFEXITED(status))
    out << "worker exited with status " << WEXITSTATUS(status) << " before replying";
  else
    out << "worker ended";
  return out.str();
}

WorkerReply WorkerProcess::request(const protocol::Request& req, double timeout_s) {
  return request_wire(protocol::to_wire(req), timeout_s, protocol::descriptor_of(req));
}

WorkerReply WorkerProcess::request_wire(const nlohmann::json& req, double timeout_s, int pass_fd) {
  WorkerReply r;
  if (pid_ <= 0) {
    r.detail = "worker is not running";
    return r;
  }
  const auto start = std::chrono::steady_clock::now();
  // The worker takes one descriptor for each such request: one missing would leave it waiting for ever.
  const bool needs_fd = protocol::wire_request_takes_descriptor(req);
  if (needs_fd != (pass_fd >= 0))
    throw std::invalid_argument(needs_fd ? "worker request needs a descriptor: " + req.dump().substr(0, 200)
                                         : "worker request takes no descriptor: " + req.dump().substr(0, 200));
  freezer_.thaw();  // the clock has started: resuming is part of the request
  if (pass_fd >= 0 && !send_fd(descriptor_channel_, pass_fd)) {
    r.kind = WorkerReply::Kind::died;
    r.detail = reap();
    return r;
  }
  const std::string line = req.dump() + "\n";
  std::size_t off = 0;
  while (off < line.size()) {
    ssize_t n = write(to_worker_, line.data() + off, line.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      r.kind = WorkerReply::Kind::died;
      r.detail = reap();
      return r;
    }
    off += static_cast<std::size_t>(n);
  }
  const auto deadline = start + std::chrono::duration<double>(timeout_s);
  char buf[65536];
  for (;;) {
    if (auto pos = pending_.find('\n'); pos != std::string::npos) {
      const std::string reply = pending_.substr(0, pos);
      pending_.erase(0, pos + 1);
      r.wall_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      // The reply is the candidate's to forge: anything but the protocol's shape ends its worker.
      std::string malformed;
      try {
        r.body = nlohmann::json::parse(reply);
        malformed = protocol::reply_shape_error(r.body);
      } catch (const std::exception& e) {
        malformed = e.what();
      }
      if (!malformed.empty()) {
        kill_now();
        r.body = nlohmann::json();
        r.kind = WorkerReply::Kind::died;
        r.detail = "worker sent a malformed reply: " + malformed;
        return r;
      }
      r.fatal = r.body.value("fatal", false);
      if (!r.fatal) {
        if (const std::string why = stop_after_reply(); !why.empty()) {
          kill_now();
          r.body = nlohmann::json();
          r.kind = WorkerReply::Kind::died;
          r.detail = why;
          return r;
        }
        // A frozen worker's bracket ends when it is stopped: whatever a thread of it finished before that
        // is inside the measured time, and nothing runs after it.
        if (freeze_between_requests_)
          r.wall_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      }
      if (r.body.at("ok").get<bool>()) {
        r.kind = WorkerReply::Kind::ok;
      } else {
        r.kind = WorkerReply::Kind::error;
        r.detail = r.body.value("error", std::string("unknown worker error"));
      }
      if (r.fatal) reap();
      return r;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      kill_now();
      r.kind = WorkerReply::Kind::timeout;
      r.detail = "no reply within " + fmt::format("{:g}", timeout_s) + " s; worker killed";
      return r;
    }
    if (cancellation_requested()) {  // Ctrl-C: nobody's verdict, the request is abandoned
      kill_now();
      throw Cancelled("the request to the worker was abandoned: kbench is stopping");
    }
    pollfd p{from_worker_, POLLIN, 0};
    // Slices of at most 100 ms, so that a cancellation is seen within that.
    const int ms = std::min<int>(100, static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count()) + 1);
    const int n = poll(&p, 1, ms);
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) continue;
    const ssize_t got = read(from_worker_, buf, sizeof buf);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      r.kind = WorkerReply::Kind::died;
      r.detail = reap();
      // A worker that ended as kbench was asked to stop (a Ctrl-C sent to every process) is nobody's verdict.
      if (cancellation_requested()) throw Cancelled("the worker ended while kbench was stopping: " + r.detail);
      return r;
    }
    pending_.append(buf, static_cast<std::size_t>(got));
  }
}

std::string WorkerProcess::stop_after_reply() {
  if (freeze_between_requests_) {
    if (!freezer_.holds()) {
      const pid_t target = sandboxed_ ? only_child_of(pid_) : pid_;
      if (target <= 0) return "cannot find the worker's process inside the sandbox to stop it";
      try {
        freezer_ = ProcessFreezer(target);
      } catch (const std::exception& e) {
        return e.what();
      }
    }
    if (std::string why = freezer_.freeze(); !why.empty()) return "cannot stop the worker after its reply: " + why;
  }
  // One request, one reply: a line more (written before it was stopped) is a forged reply.
  char buf[4096];
  for (;;) {
    pollfd p{from_worker_, POLLIN, 0};
    if (poll(&p, 1, 0) <= 0 || !(p.revents & POLLIN)) break;
    const ssize_t got = read(from_worker_, buf, sizeof buf);
    if (got <= 0) break;
    pending_.append(buf, static_cast<std::size_t>(got));
    if (pending_.size() > sizeof buf) break;
  }
  if (!pending_.empty()) return "the worker wrote more than one reply to one request (a forged reply?)";
  return "";
}

std::string WorkerProcess::log_tail(std::size_t max_bytes) const {
  // Reads at most `max_bytes` of it whatever the candidate printed (its worker's files are capped at 64
  // MiB, but kbench's memory should not depend on that): the head and the tail, saying how much was cut.
  std::ifstream in(log_file_, std::ios::binary | std::ios::ate);
  if (!in) return "";
  const auto size = static_cast<std::size_t>(std::max<std::streamoff>(0, in.tellg()));
  auto read_at = [&](std::size_t offset, std::size_t count) {
    std::string part(count, '\0');
    in.seekg(static_cast<std::streamoff>(offset));
    in.read(part.data(), static_cast<std::streamsize>(count));
    part.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, in.gcount())));
    return part;
  };
  if (size <= max_bytes) return read_at(0, size);
  const std::size_t head = max_bytes / 4, tail = max_bytes - head;
  return read_at(0, head) + fmt::format("\n[... {} bytes of output cut ...]\n", size - head - tail) + read_at(size - tail, tail);
}

}  // namespace kbench
