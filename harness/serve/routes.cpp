// The HTTP handlers of `kbench serve`: see routes.hpp.
#include "harness/serve/routes.hpp"

#include <fmt/format.h>

#include "core/util/paths.hpp"

namespace kbench::serve {
namespace {

constexpr const char* kJson = "application/json";

void reply(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n", kJson);
}

void refuse(httplib::Response& res, const RequestError& e) { reply(res, e.status, error_body(e)); }

// The code of a refusal httplib made itself (413 past the body limit, 404 for unknown paths, ...).
std::string code_of_status(int status) {
  switch (status) {
    case 400: return "bad_request";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 413: return "payload_too_large";
    case 414: return "uri_too_long";
    default: return status >= 500 ? "internal_error" : "client_error";
  }
}

nlohmann::json task_listing(const TaskSpec& t, const std::filesystem::path& reference_root) {
  nlohmann::json dtypes = nlohmann::json::array(), backends = nlohmann::json::array(), vendors = nlohmann::json::array();
  for (DType d : t.dtypes()) dtypes.push_back(dtype_name(d));
  for (const auto& [backend, path] : t.references)
    if (std::filesystem::exists(reference_root / path)) backends.push_back(backend);
  for (const auto& [backend, path] : t.vendor) vendors.push_back(backend);
  return {{"id", t.id}, {"category", t.category}, {"level", t.level}, {"dtypes", dtypes},
          {"reference_backends", backends}, {"vendor_backends", vendors}};
}

// A job as GET /v1/evaluations/{id} shows it.
nlohmann::json job_json(const JobView& job) {
  nlohmann::json j = {{"id", job.id}, {"state", job_state_name(job.state)}, {"task", job.task}, {"label", job.label},
                      {"queued_seconds", job.queued_seconds}, {"run_seconds", job.run_seconds}};
  if (job.state == JobState::done) j["verdict"] = job.result;
  else if (is_final(job.state)) j["error"] = job.result;
  return j;
}

// The answer to a waiting POST once its job is final.
void reply_final(httplib::Response& res, const JobView& job) {
  if (job.state == JobState::done) return reply(res, 200, job.result);
  nlohmann::json body = job.result;
  body["id"] = job.id;
  reply(res, job.state == JobState::failed ? 500 : 503, body);
}

void post_evaluation(RouteContext& c, const httplib::Request& req, httplib::Response& res) {
  if (c.shutting_down) return refuse(res, {503, "shutting_down", "the server is shutting down"});
  bool wait = true;
  if (req.has_param("wait")) {
    const std::string w = req.get_param_value("wait");
    if (w == "false" || w == "0") wait = false;
    else if (w != "true" && w != "1") return refuse(res, {400, "invalid_parameter", "'wait' must be true or false"});
  }
  auto parsed = parse_evaluation_request(req.body, c.catalog, c.backend, c.limits);
  if (auto* e = std::get_if<RequestError>(&parsed)) return refuse(res, *e);
  const JobQueue::Submitted s = c.queue.submit(std::move(std::get<EvaluationRequest>(parsed)));
  if (s.refusal == JobQueue::Refusal::closed) return refuse(res, {503, "shutting_down", "the server is shutting down"});
  if (s.refusal == JobQueue::Refusal::full) {
    const int after = c.queue.retry_after_seconds(c.slots);
    res.set_header("Retry-After", std::to_string(after));
    return refuse(res, {429, "queue_full",
                        fmt::format("{} evaluations are waiting already (the queue's limit); retry in about {} s",
                                    c.queue.capacity(), after)});
  }
  const std::string location = "/v1/evaluations/" + s.id;
  if (wait) {
    const auto job = c.queue.wait(s.id, c.max_wait);
    if (job && is_final(job->state)) return reply_final(res, *job);
  }
  res.set_header("Location", location);
  reply(res, 202, {{"id", s.id}, {"state", "queued"}, {"poll", location}});
}

}  // namespace

void install_routes(httplib::Server& http, RouteContext& c) {
  http.set_pre_routing_handler([&c](const httplib::Request& req, httplib::Response& res) {
    if (!c.auth || (req.method == "GET" && req.path == "/v1/health")) return httplib::Server::HandlerResponse::Unhandled;
    if (c.auth->allows(req.get_header_value("Authorization"))) return httplib::Server::HandlerResponse::Unhandled;
    res.set_header("WWW-Authenticate", "Bearer");
    refuse(res, {401, "unauthorized", "this server needs 'Authorization: Bearer <token>' (its --token-file)"});
    return httplib::Server::HandlerResponse::Handled;
  });
  // Refusals httplib answers itself (body over the limit, unknown path) get a JSON body too.
  http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string message = res.status == 413 ? "the request body is over the server's limit (--max-body-kb)"
                        : res.status == 404 ? "no such path (see docs/serve.md)"
                                            : fmt::format("HTTP {}", res.status);
    refuse(res, {res.status, code_of_status(res.status), message});
  });
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown error";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    refuse(res, {500, "internal_error", what});
  });

  http.Get("/v1/health", [&c](const httplib::Request&, httplib::Response& res) {
    reply(res, 200, {{"status", c.shutting_down ? "shutting_down" : "ok"}, {"version", kbench_version()},
                     {"backend", c.backend.name()}, {"device", c.device.empty() ? nlohmann::json() : nlohmann::json(c.device)},
                     {"slots", c.slots}, {"queued", c.queue.queued()}, {"running", c.queue.running()},
                     {"queue_capacity", c.queue.capacity()}, {"timing_policy", c.timing_policy}});
  });
  http.Get("/v1/tasks", [&c](const httplib::Request&, httplib::Response& res) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& t : c.catalog.tasks()) out.push_back(task_listing(t, c.reference_root));
    reply(res, 200, out);
  });
  http.Post("/v1/evaluations", [&c](const httplib::Request& req, httplib::Response& res) { post_evaluation(c, req, res); });
  http.Get(R"(/v1/evaluations/([A-Za-z0-9-]+))", [&c](const httplib::Request& req, httplib::Response& res) {
    const auto job = c.queue.find(req.matches[1]);
    if (!job) return refuse(res, {404, "unknown_evaluation", fmt::format("no evaluation '{}' (finished ones are kept for a while)", req.matches[1].str())});
    reply(res, 200, job_json(*job));
  });
}

}  // namespace kbench::serve
