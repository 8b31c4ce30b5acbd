// ProcessFreezer: SIGSTOP / SIGCONT through a pidfd, and /proc to see every thread stopped.
#include "harness/worker/freezer.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

namespace kbench {
namespace {

// Raw system calls: Debian 12's <sys/pidfd.h> declares the wrappers without C linkage.
int open_pidfd(pid_t pid) { return static_cast<int>(syscall(SYS_pidfd_open, pid, 0)); }
int signal_pidfd(int pidfd, int sig) { return static_cast<int>(syscall(SYS_pidfd_send_signal, pidfd, sig, nullptr, 0)); }

// The state letter of /proc/<pid>/task/<tid>/stat: the field after the parenthesised command name,
// which may itself hold spaces and parentheses (so: after the last ')').
char thread_state(const std::string& stat_path) {
  std::ifstream in(stat_path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto close_paren = text.rfind(')');
  if (close_paren == std::string::npos || close_paren + 2 >= text.size()) return '?';
  return text[close_paren + 2];
}

}  // namespace

ProcessFreezer::ProcessFreezer(pid_t pid) : pidfd_(open_pidfd(pid)), pid_(pid) {
  if (pidfd_ < 0) throw std::runtime_error("cannot hold the worker process " + std::to_string(pid) + ": " + std::strerror(errno));
}

ProcessFreezer::ProcessFreezer(ProcessFreezer&& other) noexcept
    : pidfd_(std::exchange(other.pidfd_, -1)), pid_(other.pid_), frozen_(std::exchange(other.frozen_, false)) {}

ProcessFreezer& ProcessFreezer::operator=(ProcessFreezer&& other) noexcept {
  if (this != &other) {
    if (pidfd_ >= 0) close(pidfd_);
    pidfd_ = std::exchange(other.pidfd_, -1);
    pid_ = other.pid_;
    frozen_ = std::exchange(other.frozen_, false);
  }
  return *this;
}

ProcessFreezer::~ProcessFreezer() {
  if (pidfd_ >= 0) close(pidfd_);
}

std::string ProcessFreezer::freeze(double timeout_s) {
  if (pidfd_ < 0) return "no worker process is held";
  if (signal_pidfd(pidfd_, SIGSTOP) != 0) return std::string("cannot stop the worker: ") + std::strerror(errno);
  frozen_ = true;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
  for (int spins = 0;; ++spins) {
    if (all_threads_stopped(pid_)) return "";
    if (kill(pid_, 0) != 0 && errno == ESRCH) return "the worker ended while it was being stopped";
    if (std::chrono::steady_clock::now() > deadline)
      return "a thread of the worker did not stop within " + std::to_string(timeout_s) + " s";
    // A thread runs until the scheduler gives it a core to act on the stop: yield rather than sleep, so
    // that the stop is seen within microseconds of happening (it is inside the candidate's bracket).
    if (spins < 20000) sched_yield();
    else std::this_thread::sleep_for(std::chrono::microseconds(50));
  }
}

void ProcessFreezer::thaw() {
  if (pidfd_ < 0 || !frozen_) return;
  frozen_ = false;
  (void)signal_pidfd(pidfd_, SIGCONT);
}

bool all_threads_stopped(pid_t pid) {
  const std::string task_dir = "/proc/" + std::to_string(pid) + "/task";
  DIR* dir = opendir(task_dir.c_str());
  if (!dir) return false;
  bool any = false, all = true;
  while (dirent* e = readdir(dir)) {
    if (e->d_name[0] == '.') continue;
    const char state = thread_state(task_dir + "/" + e->d_name + "/stat");
    if (state == '?') continue;  // the thread ended meanwhile
    any = true;
    // T: stopped by a signal; t: tracing stop. Z/X: the thread has exited and runs nothing.
    if (state != 'T' && state != 't' && state != 'Z' && state != 'X') all = false;
  }
  closedir(dir);
  return any && all;
}

pid_t only_child_of(pid_t parent) {
  std::ifstream in("/proc/" + std::to_string(parent) + "/task/" + std::to_string(parent) + "/children");
  std::vector<pid_t> children;
  for (pid_t c; in >> c;) children.push_back(c);
  return children.size() == 1 ? children[0] : -1;
}

}  // namespace kbench
