// One HTTPS POST over libcurl with a deadline, a cancel flag and the response headers kept
// (Retry-After). Transport failures (timeout, refused or dropped connection) throw TransportError.
#pragma once
#include <atomic>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace kbench::llm {

struct HttpRequest {
  std::string url;
  std::vector<std::string> headers;  // "Name: value"; may carry the API key, so never logged
  std::string body;
};

struct HttpResponse {
  long status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  double seconds = 0;
};

struct TransportError : std::runtime_error {
  enum class Kind { timeout, connection, cancelled, other };
  TransportError(Kind kind, const std::string& message) : std::runtime_error(message), kind(kind) {}
  Kind kind;
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  // Thread-safe. `cancel` (may be null) aborts the transfer when it becomes true.
  virtual HttpResponse post(const HttpRequest& request, double timeout_s, const std::atomic<bool>* cancel) = 0;
};

class CurlTransport : public HttpTransport {
 public:
  CurlTransport();  // initialises libcurl once per process
  HttpResponse post(const HttpRequest& request, double timeout_s, const std::atomic<bool>* cancel) override;
};

}  // namespace kbench::llm
