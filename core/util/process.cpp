// run_process: fork/exec (inside bubblewrap when asked) with a pipe for output, poll with a deadline, kill the group on timeout.
#include "core/util/process.hpp"

#include "core/sandbox/bwrap_command.hpp"
#include "core/sandbox/environment.hpp"
#include "core/sandbox/resource_limits.hpp"
#include "core/sandbox/sandbox_availability.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>

namespace kbench {

ProcessResult run_process(const std::vector<std::string>& argv, double timeout_seconds, const std::filesystem::path& cwd) {
  ProcessOptions options;
  options.cwd = cwd;
  return run_process(argv, timeout_seconds, options);
}

ProcessResult run_process(const std::vector<std::string>& command, double timeout_seconds, const ProcessOptions& options) {
  if (command.empty()) throw std::invalid_argument("run_process: empty command");
  std::vector<std::string> argv = command;
  std::filesystem::path cwd = options.cwd;
  if (options.sandbox) {
    const SandboxAvailability& sandbox = sandbox_availability();
    if (!sandbox.available) throw std::runtime_error("cannot run " + command[0] + " in the sandbox: " + sandbox.why_not);
    SandboxSpec spec = *options.sandbox;
    if (spec.cwd.empty()) spec.cwd = options.cwd;
    argv = bwrap_command(sandbox.bwrap, spec, command);
    cwd.clear();  // bubblewrap changes into it inside
  }
  std::vector<std::string> env_entries = minimal_environment();
  std::vector<char*> envp = environment_pointers(env_entries);
  char** const child_env = options.inherit_environment ? environ : envp.data();
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  // The child reports a failed chdir/exec on `start_fds` (closed by a successful exec): then nothing ran.
  int start_fds[2];
  if (pipe2(start_fds, O_CLOEXEC) != 0) {
    close(fds[0]);
    close(fds[1]);
    throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  }
  // Built before fork: the child only calls async-signal-safe functions.
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    setpgid(0, 0);
    dup2(fds[1], 1);
    dup2(fds[1], 2);
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, 0);
    int failure[2] = {0, 0};  // {step (1 chdir, 2 exec, 3 limits), errno}
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) {
      failure[0] = 1;
    } else if (!apply_resource_limits(options.limits)) {
      failure[0] = 3;
    } else {
      execvpe(args[0], args.data(), child_env);
      failure[0] = 2;
    }
    failure[1] = errno;
    (void)!write(start_fds[1], failure, sizeof failure);
    _exit(127);
  }
  setpgid(pid, pid);
  close(fds[1]);
  close(start_fds[1]);
  int failure[2] = {0, 0};
  ssize_t got_failure;
  while ((got_failure = read(start_fds[0], failure, sizeof failure)) < 0 && errno == EINTR) {
  }
  close(start_fds[0]);
  if (got_failure == static_cast<ssize_t>(sizeof failure)) {
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    const std::string what = failure[0] == 1   ? "cannot change to " + cwd.string() + " to run " + argv[0]
                             : failure[0] == 3 ? "cannot set the resource limits of " + argv[0]
                                               : "cannot execute " + argv[0];
    throw std::runtime_error(what + ": " + std::strerror(failure[1]));
  }
  ProcessResult r;
  const auto deadline = start + std::chrono::duration<double>(timeout_seconds);
  char buf[65536];
  for (;;) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      r.timed_out = true;
      kill(-pid, SIGKILL);
      break;
    }
    const int ms = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count()) + 1;
    pollfd p{fds[0], POLLIN, 0};
    const int n = poll(&p, 1, ms);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) continue;
    const ssize_t got = read(fds[0], buf, sizeof buf);
    if (got <= 0) break;
    if (r.output.size() < (64u << 20)) r.output.append(buf, static_cast<std::size_t>(got));
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  kill(-pid, SIGKILL);  // stray grandchildren
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!r.timed_out) {
    if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) {
      r.signaled = true;
      r.signal = WTERMSIG(status);
    }
  }
  return r;
}

std::string program_version(const std::string& program) {
  try {
    ProcessResult r = run_process({program, "--version"}, 10);
    if (r.exit_code != 0) return "";
    return r.output.substr(0, r.output.find('\n'));
  } catch (const std::exception&) {
    return "";
  }
}

}  // namespace kbench
