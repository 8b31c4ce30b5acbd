// WorkerProcess (parent side): starts a backend's worker executable, sends requests with a time limit,
// and turns a crash or a hang into a value instead of an exception. The worker's log holds whatever the
// candidate printed.
#pragma once
#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/sandbox/sandbox_spec.hpp"
#include "harness/worker/freezer.hpp"
#include "harness/worker/protocol.hpp"

namespace kbench {

struct WorkerReply {
  enum class Kind { ok, error, died, timeout } kind = Kind::died;
  nlohmann::json body;   // the reply (ok/error)
  std::string detail;    // error text, or how the worker died ("killed by signal 11 (Segmentation fault)")
  double wall_ms = 0;    // measured by the parent: from just before the worker is resumed and the request
                         // written until its reply was read (frozen workers: until it was stopped again)
  bool fatal = false;    // the worker reported an unrecoverable device state and exited
};

// How a worker starts. The default is a trusted worker (reference kernels) outside the sandbox.
struct WorkerLaunch {
  bool untrusted = false;              // it will run candidate code: it installs the system call filter
  bool drop_root = false;              // outside the sandbox and as root: it becomes uid 65534 first
  std::optional<SandboxSpec> sandbox;  // start it inside bubblewrap with this view (the executable is bound)
  ResourceLimits limits;
  // Keep it stopped (ProcessFreezer) except while it serves a request: resumed just before a request is
  // sent, stopped as soon as its reply is read, before the caller looks at any output.
  bool freeze_between_requests = false;
};

class WorkerProcess {
 public:
  // Starts `executable [--untrusted] [--drop-root]` with the protocol channels, its stdout and stderr
  // appended to `log_file`, in the fixed minimal environment; throws std::runtime_error when it cannot
  // start (or a sandbox is asked for where none can start).
  WorkerProcess(const std::filesystem::path& executable, const std::filesystem::path& log_file,
                const WorkerLaunch& launch = {});
  WorkerProcess(const WorkerProcess&) = delete;
  WorkerProcess& operator=(const WorkerProcess&) = delete;
  ~WorkerProcess();

  // Sends one request and waits at most `timeout_s` for its reply. On timeout the worker is killed.
  // Its descriptor, if the protocol's rule gives it one, goes first on the descriptor channel.
  WorkerReply request(const protocol::Request& req, double timeout_s);
  // The same in wire form, for tests of the channel itself: throws std::invalid_argument when `pass_fd`
  // breaks the descriptor rule (the worker would wait for ever, or read the next request's descriptor).
  WorkerReply request_wire(const nlohmann::json& req, double timeout_s, int pass_fd = -1);
  bool alive() const { return pid_ > 0; }
  // Whether the process has ended without kbench having seen it yet (it is not reaped: the next request
  // still reports how it ended). False once it was reaped or killed by kbench.
  bool exited() const;
  // Whether the worker is stopped now (only with freeze_between_requests, between requests).
  bool frozen() const { return freezer_.frozen(); }
  // The worker's own process id once it has been held for freezing (bubblewrap's child in the sandbox), else -1.
  pid_t frozen_pid() const { return freezer_.holds() ? freezer_.pid() : -1; }
  void kill_now();
  // The log's content (the candidate's output): all of it up to `max_bytes`, else its head and tail
  // (reading no more than that), marking what was cut.
  std::string log_tail(std::size_t max_bytes = 16384) const;

 private:
  std::string reap();  // waits for the child, describes how it ended
  // After a reply: stops the worker (when asked to) and makes sure it wrote nothing more on the reply
  // channel; returns why it could not, "" when all is well.
  std::string stop_after_reply();

  pid_t pid_ = -1;
  bool sandboxed_ = false;  // pid_ is bubblewrap
  bool freeze_between_requests_ = false;
  ProcessFreezer freezer_;  // the worker itself (bubblewrap's child in the sandbox), once it has replied
  int to_worker_ = -1;
  int from_worker_ = -1;
  int descriptor_channel_ = -1;
  std::string pending_;
  std::filesystem::path log_file_;
};

}  // namespace kbench
