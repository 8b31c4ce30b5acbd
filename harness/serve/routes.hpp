// The HTTP API of `kbench serve` (docs/serve.md) on a cpp-httplib server:
//   GET  /v1/health                 liveness, queue and slots (open to everyone the socket admits)
//   GET  /v1/tasks                  the catalog, as `kbench list --json`
//   POST /v1/evaluations[?wait=false]  judge one candidate: 200 with the verdict JSON of `kbench eval --json`,
//                                   or 202 with an id to poll when wait=false (or the wait ran out)
//   GET  /v1/evaluations/{id}       a job's state, with its verdict once done
// Every refusal is JSON {"error": code, "message": ...} with a 4xx/5xx status: 400 malformed or invalid,
// 401 no or a wrong token, 404 unknown task/job/path, 413 too large, 429 queue full (Retry-After),
// 503 shutting down, 500 kbench's own failure.
#pragma once
#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include <httplib.h>

#include "backends/backend.hpp"
#include "core/spec/catalog.hpp"
#include "harness/serve/auth.hpp"
#include "harness/serve/evaluation_request.hpp"
#include "harness/serve/job_queue.hpp"

namespace kbench::serve {

// What the handlers read; owned by the Server and outliving the HTTP server.
struct RouteContext {
  const Catalog& catalog;
  Backend& backend;                       // the served backend (for parsing requests)
  std::string device;                     // its device's name, "" when none (then verdicts stop at compiled)
  std::filesystem::path reference_root;   // for the tasks listing's reference_backends
  JobQueue& queue;
  unsigned slots = 1;
  RequestLimits limits;
  std::optional<BearerAuth> auth;         // set: every request but GET /v1/health needs the token
  std::chrono::seconds max_wait{900};     // a waiting POST answers 202 with the id after this
  std::atomic<bool> shutting_down{false};
  std::string timing_policy = "full";     // the policy requests without options.timing are timed under
};

void install_routes(httplib::Server& http, RouteContext& context);

}  // namespace kbench::serve
