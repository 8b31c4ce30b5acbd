// `kbench serve [--host H] [--port P] [--backend B] [--slots N] [--queue Q] [--token-file F] ...`: the reward
// server (harness/serve/, docs/serve.md). Serves until SIGTERM or SIGINT, then stops taking evaluations,
// gives the running ones --grace seconds and abandons the rest (a second signal ends it at once).
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <fmt/format.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "backends/backend.hpp"
#include "harness/cli/context.hpp"
#include "harness/cli/eval_options.hpp"
#include "harness/cli/run_provenance.hpp"
#include "harness/cli/stop_signal.hpp"
#include "harness/serve/auth.hpp"
#include "harness/serve/server.hpp"

namespace kbench::cli {
namespace {

int g_signal_pipe = -1;
std::atomic<int> g_signals{0};

// Async-signal-safe: the first signal wakes the watcher thread, its duplicate is ignored, a second one
// ends the process at once.
void on_stop_signal(int sig) {
  const StopSignal kind = classify_stop_signal();
  if (kind == StopSignal::duplicate) return;
  if (kind == StopSignal::again || g_signals.fetch_add(1) > 0) _exit(128 + sig);
  const char c = static_cast<char>(sig);
  (void)!write(g_signal_pipe, &c, 1);
}

// Caught (not blocked) so that the workers kbench starts get default dispositions at exec, as under eval.
void watch_stop_signals(serve::Server& server, double grace_s) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe for the signal watcher");
  g_signal_pipe = fds[1];
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  std::thread([&server, grace_s, fd = fds[0]] {
    char c = 0;
    while (read(fd, &c, 1) < 0 && errno == EINTR) {
    }
    fmt::print(stderr, "kbench serve: signal {}: shutting down (up to {} s for running evaluations)\n", static_cast<int>(c), grace_s);
    server.shutdown(grace_s);
  }).detach();
}

}  // namespace

void register_serve(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("serve", "Judge candidates over HTTP: a reward server (docs/serve.md)");
  struct Args {
    serve::ServeConfig config;
    std::string backend, token_file;
    std::size_t max_body_kb = 2048;
    double grace_s = 10;
    EvalFlags flags;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("--host", a->config.host, "Address to listen on (not loopback: needs --token-file)")->capture_default_str();
  cmd->add_option("--port", a->config.port, "Port (0: any free one, printed)")->capture_default_str()->check(CLI::Range(0, 65535));
  cmd->add_option("--backend,-b", a->backend, "Backend (default: cuda or hip when a GPU answers, else cpu)")
      ->check(CLI::IsMember(backend_names()));
  cmd->add_option("--slots", a->config.slots,
                  "Evaluations at once (timed ones still run one at a time: they would disturb each other's clocks)")
      ->capture_default_str()->check(CLI::Range(1, 64));
  cmd->add_option("--compile-ahead", a->config.compile_ahead,
                  "Threads compiling queued candidates before their slot takes them (0: none; default: a quarter of the cores, 1 to 4)")
      ->check(CLI::Range(0, 64));
  cmd->add_option("--queue", a->config.queue_capacity, "Evaluations that may wait for a slot; more get 429")
      ->capture_default_str()->check(CLI::Range(1, 100000));
  cmd->add_option("--max-body-kb", a->max_body_kb, "Largest request body, KiB; larger get 413")->capture_default_str()->check(CLI::Range(1, 65536));
  cmd->add_option("--token-file", a->token_file, "File whose first line is the bearer token every request must carry")
      ->check(CLI::ExistingFile);
  cmd->add_option("--grace", a->grace_s, "Seconds running evaluations get to finish at shutdown")->capture_default_str()->check(CLI::NonNegativeNumber);
  cmd->add_option("--max-wait", a->config.max_wait_s, "Seconds a waiting POST is held before it answers 202 with the id")
      ->capture_default_str()->check(CLI::Range(1, 86400));
  add_eval_flags(cmd, a->flags);
  cmd->callback([&ctx, a] {
    serve::ServeConfig config = a->config;
    config.backend = a->backend.empty() ? best_backend() : a->backend;
    config.max_body_bytes = a->max_body_kb * 1024;
    config.limits.max_source_bytes = std::min(config.limits.max_source_bytes, config.max_body_bytes);
    if (!a->token_file.empty()) config.token = serve::read_token_file(a->token_file);
    config.eval = resolved_options(a->flags, ctx.root);
    if (!a->flags.no_db) config.db = resolved_db(a->flags);
    config.command_line = ctx.command_line;
    config.provenance = run_provenance(a->flags.label);

    serve::Server server(ctx.catalog(), config);
    const int port = server.bind();
    watch_stop_signals(server, a->grace_s);
    fmt::print("kbench serve: listening on http://{}:{} (backend {}, {} slot{}, queue {}, timing {}{})\n", config.host,
               port, config.backend, config.slots, config.slots == 1 ? "" : "s", config.queue_capacity,
               config.eval.time ? config.eval.timing.name : "off", config.token ? ", bearer token required" : "");
    std::fflush(stdout);
    server.run();
    server.shutdown(a->grace_s);  // run() returns only after a shutdown; this waits for it to be complete
    if (server.abandoned_running() > 0) {
      // Their threads are still inside the Evaluator: end here; their workers die with this process, and the
      // next Evaluator on this cache removes their run folders. No answered verdict is lost: the store is closed.
      fmt::print(stderr, "kbench serve: abandoned {} running evaluation(s)\n", server.abandoned_running());
      std::fflush(stderr);
      std::_Exit(kExitOk);
    }
    fmt::print(stderr, "kbench serve: stopped\n");
  });
}

}  // namespace kbench::cli
