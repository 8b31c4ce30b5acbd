// Server: see server.hpp.
#include "harness/serve/server.hpp"

#include <httplib.h>

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <thread>

#include "harness/serve/auth.hpp"
#include "harness/serve/compile_ahead.hpp"
#include "harness/serve/host_gate.hpp"
#include "harness/serve/job_queue.hpp"
#include "harness/serve/routes.hpp"
#include "harness/serve/slot_evaluator.hpp"
#include "harness/serve/verdict_recorder.hpp"

namespace kbench::serve {

Server::Server(const Catalog& catalog, ServeConfig config) : catalog_(catalog), config_(std::move(config)) {
  if (!is_loopback_host(config_.host) && !config_.token)
    throw std::invalid_argument(fmt::format(
        "serving on {} (not a loopback address) needs --token-file: anyone who reaches it could run code here", config_.host));
  if (config_.slots < 1) throw std::invalid_argument("--slots must be at least 1");
  if (config_.queue_capacity < 1) throw std::invalid_argument("--queue must be at least 1");
  backend_ = make_backend(config_.backend);
  queue_ = std::make_unique<JobQueue>(config_.queue_capacity, config_.retained_jobs);
  gate_ = std::make_unique<HostGate>();
  const unsigned ahead = config_.compile_ahead >= 0 ? static_cast<unsigned>(config_.compile_ahead)
                                                   : std::clamp(std::thread::hardware_concurrency() / 4, 1u, 4u);
  if (ahead > 0) {
    compile_backend_ = make_backend(config_.backend);
    compile_evaluator_ = std::make_unique<Evaluator>(*compile_backend_, config_.eval);
    // Where candidates are timed on the host's cores, a compile must not run beside a timed evaluation.
    compile_ahead_ = std::make_unique<CompileAhead>(*compile_evaluator_, ahead,
                                                    compile_backend_->times_on_host_cores() ? gate_.get() : nullptr);
    queue_->on_submitted([this](const std::string& id, const EvaluationRequest& r) { compile_ahead_->add(id, r); });
  }
  recorder_ = std::make_unique<VerdictRecorder>(
      config_.db, config_.command_line, config_.provenance,
      nlohmann::json{{"backend", config_.backend}, {"slots", config_.slots}, {"time", config_.eval.time},
                     {"trials", config_.eval.trials}, {"timing_policy", config_.eval.timing.name}});
  const auto device = backend_->probe_device();
  routes_.reset(new RouteContext{catalog_, *backend_, device ? device->name : "", config_.eval.reference_root, *queue_,
                                 config_.slots, config_.limits, std::nullopt, std::chrono::seconds(config_.max_wait_s)});
  if (config_.token) routes_->auth.emplace(*config_.token);
  routes_->timing_policy = config_.eval.timing.name;
  http_ = std::make_unique<httplib::Server>();
  // Threads enough for every waiting client the queue admits, plus polls and health checks beside them.
  const std::size_t threads = std::min<std::size_t>(config_.queue_capacity + config_.slots + 8, 512);
  http_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http_->set_payload_max_length(config_.max_body_bytes);
  install_routes(*http_, *routes_);
}

Server::~Server() {
  shutdown(0);
  for (auto& t : slots_)
    if (t.joinable()) t.join();  // an abandoned evaluation is waited for here (its workers end with it)
}

int Server::bind() {
  int port = config_.port;
  if (port == 0) {
    port = http_->bind_to_any_port(config_.host);
    if (port < 0) throw std::runtime_error(fmt::format("cannot listen on {}", config_.host));
  } else if (!http_->bind_to_port(config_.host, port)) {
    throw std::runtime_error(fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)", config_.host, port));
  }
  for (unsigned i = 0; i < config_.slots; ++i) slots_.emplace_back([this, i] { slot_loop(i); });
  return port;
}

void Server::run() { http_->listen_after_bind(); }

// One slot: its own backend object and evaluator path; the workers it starts are its thread's children
// (their parent-death signal follows this thread, which lives until the queue closes).
void Server::slot_loop(unsigned) {
  SlotEvaluator evaluate(config_.backend, config_.eval, *gate_, *recorder_);
  while (auto job = queue_->take()) {
    if (compile_ahead_) compile_ahead_->settle(job->id);  // compiled ahead, or left to the evaluation
    try {
      queue_->finish(job->id, JobState::done, evaluate(job->id, job->request));
    } catch (const std::exception& e) {  // kbench's or the task's fault, never the candidate's: no verdict
      fmt::print(stderr, "kbench serve: evaluation {} failed: {}\n", job->id, e.what());
      queue_->finish(job->id, JobState::failed, error_body({500, "harness_error", e.what()}));
    }
  }
}

bool Server::shutdown(double grace_s) {
  if (shut_down_.exchange(true)) return abandoned_running_ == 0;
  routes_->shutting_down = true;
  queue_->close();
  if (compile_ahead_) compile_ahead_->close();
  const bool idle = queue_->wait_until_idle(std::chrono::milliseconds(static_cast<long>(grace_s * 1000)));
  if (!idle) abandoned_running_ = queue_->abandon_running();
  recorder_->close();  // waits for a write in progress: every verdict answered is in the database
  http_->stop();
  return idle;
}

}  // namespace kbench::serve
