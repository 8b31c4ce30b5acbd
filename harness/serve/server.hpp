// Server: `kbench serve`'s parts put together: the HTTP routes (routes.hpp) in front of a bounded JobQueue,
// `slots` evaluation threads each judging through its own SlotEvaluator (the Evaluator path of `kbench
// eval`), one HostGate between them, a CompileAhead compiling queued jobs before their slot takes them, and
// one VerdictRecorder behind them. bind() listens, run() serves until
// shutdown() (from any thread: a signal watcher, a test), which stops taking evaluations, gives the running
// ones `grace` to finish and abandons the rest; every verdict given was stored before it was answered.
#pragma once
#include <atomic>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "harness/eval/evaluator.hpp"
#include "harness/serve/evaluation_request.hpp"
#include "harness/serve/host_gate.hpp"
#include "results/store/store.hpp"

namespace httplib {
class Server;
}

namespace kbench::serve {

class JobQueue;
class CompileAhead;
class VerdictRecorder;
struct RouteContext;

struct ServeConfig {
  std::string host = "127.0.0.1";   // anything but loopback needs `token`
  int port = 8070;                  // 0: any free port (bind() returns it)
  std::string backend = "cpu";
  unsigned slots = 1;               // evaluation threads; timed evaluations still run one at a time (HostGate)
  int compile_ahead = -1;           // threads compiling queued jobs (CompileAhead); 0: none; -1: a quarter of the cores, 1 to 4
  std::size_t queue_capacity = 64;  // evaluations waiting for a slot before POSTs get 429
  std::size_t max_body_bytes = std::size_t{2} << 20;  // larger bodies get 413
  RequestLimits limits;
  std::optional<std::string> token; // bearer token (read from --token-file)
  EvalOptions eval = default_eval_options();  // the server's defaults; a request may set time, trials, seed
  std::optional<std::filesystem::path> db;    // none: nothing stored (--no-db)
  std::string command_line;         // stored with each run
  RunProvenance provenance;         // label: of verdicts whose request names none
  int max_wait_s = 900;             // a waiting POST answers 202 with the id after this
  std::size_t retained_jobs = 10000; // finished jobs kept for polling
};

class Server {
 public:
  // Validates the configuration (std::invalid_argument: a non-loopback host without a token, no slots,
  // unknown backend) and opens the database.
  Server(const Catalog& catalog, ServeConfig config);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the socket and starts the slots; returns the port. Throws std::runtime_error when it cannot bind.
  int bind();
  // Serves until shutdown(); returns then.
  void run();
  // Stops taking evaluations (503), abandons the queued ones, waits up to `grace_s` for running ones and
  // abandons what still runs, closes the store, stops the HTTP server. True when nothing was abandoned
  // mid-run. A second call returns at once.
  bool shutdown(double grace_s);
  // Running evaluations that shutdown() gave up on (their threads are still in the Evaluator).
  std::size_t abandoned_running() const { return abandoned_running_; }

  const ServeConfig& config() const { return config_; }

 private:
  void slot_loop(unsigned slot);

  const Catalog& catalog_;
  ServeConfig config_;
  std::unique_ptr<Backend> backend_;
  std::unique_ptr<JobQueue> queue_;
  std::unique_ptr<HostGate> gate_;
  std::unique_ptr<VerdictRecorder> recorder_;
  std::unique_ptr<Backend> compile_backend_;      // CompileAhead's (compiles run on their own threads)
  std::unique_ptr<Evaluator> compile_evaluator_;
  std::unique_ptr<CompileAhead> compile_ahead_;
  std::unique_ptr<RouteContext> routes_;
  std::unique_ptr<httplib::Server> http_;
  std::vector<std::thread> slots_;
  std::atomic<std::size_t> abandoned_running_{0};
  std::atomic<bool> shut_down_{false};
};

}  // namespace kbench::serve
