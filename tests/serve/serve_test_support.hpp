// Helpers of the serve suites: a Server on an ephemeral loopback port run on a thread, an httplib client
// for it, and the configuration the tests start from (verify only, private cache and database).
#pragma once
#include <httplib.h>

#include <memory>
#include <thread>

#include "harness/serve/server.hpp"

#include "../test_support.hpp"

namespace kbench::test {

inline const Catalog& catalog() {
  static const Catalog c = Catalog::load(source_dir() / "tasks");
  return c;
}

inline serve::ServeConfig serve_config(const std::filesystem::path& tmp) {
  serve::ServeConfig c;
  c.host = "127.0.0.1";
  c.port = 0;
  c.backend = "cpu";
  c.eval = default_eval_options();
  c.eval.reference_root = source_dir() / "reference_kernels";
  c.eval.cache_dir = tmp / "cache";
  c.eval.time = false;        // the server's default; a request may ask for timing
  c.eval.run_timeout_s = 5;
  c.db = tmp / "kbench.db";
  c.command_line = "test_serve";
  return c;
}

inline std::string read_text(const std::filesystem::path& f) {
  std::ifstream in(f, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// An evaluation body for a candidate file of tests/candidates/cpu.
inline std::string evaluation_body(const std::string& file, const nlohmann::json& options = nlohmann::json::object(),
                                   const std::string& task = "elementwise/vector_add") {
  return nlohmann::json{{"task", task}, {"backend", "cpu"}, {"source", read_text(candidate(file))}, {"options", options}}.dump();
}

class RunningServer {
 public:
  explicit RunningServer(serve::ServeConfig config) : server_(std::make_unique<serve::Server>(catalog(), std::move(config))) {
    port_ = server_->bind();
    thread_ = std::thread([this] { server_->run(); });
  }
  ~RunningServer() {
    server_->shutdown(60);
    thread_.join();
  }
  int port() const { return port_; }
  serve::Server& server() { return *server_; }
  std::unique_ptr<httplib::Client> client() const {
    auto c = std::make_unique<httplib::Client>("127.0.0.1", port_);
    c->set_read_timeout(300, 0);
    c->set_connection_timeout(10, 0);
    return c;
  }

 private:
  std::unique_ptr<serve::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

inline nlohmann::json body_json(const httplib::Result& r) {
  if (!r) return nullptr;
  return nlohmann::json::parse(r->body, nullptr, false);
}

}  // namespace kbench::test
