// What a client asks `kbench serve` to judge (POST /v1/evaluations), parsed and validated before anything
// is queued: the body `{"task", "backend", "source", "options"}` with `options` mirroring `kbench eval`'s
// flags (`time`, `trials`, `seed`, `timing`, `label`). Every way a body can be wrong is a RequestError
// (an HTTP status, a stable code and a message naming the field), never an exception.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "backends/backend.hpp"
#include "core/candidate/candidate.hpp"
#include "core/spec/catalog.hpp"

namespace kbench::serve {

struct RequestLimits {
  std::size_t max_source_bytes = std::size_t{1} << 20;  // the candidate's text
  std::size_t max_label_bytes = 200;
  int max_trials = 100;                                  // as `kbench eval --trials`
};

struct EvaluationRequest {
  const TaskSpec* task = nullptr;
  std::string backend;
  Candidate candidate;
  std::optional<bool> time;              // unset: the server's default (`kbench serve --no-time`)
  std::optional<int> trials;
  std::optional<std::uint64_t> seed;     // unset: the server's --seed, else fresh (the verdict records it)
  std::optional<std::string> timing;     // a timing policy's name ("full", "screen"); unset: the server's (--timing)
  std::string label;                     // the client's label of the stored run; empty: the server's --label
};

// A request refused: `status` is the HTTP status (400, 413, 404, ...), `code` a stable machine-readable
// word ("bad_json", "unknown_task", ...), `message` what was wrong, for people.
struct RequestError {
  int status = 400;
  std::string code;
  std::string message;
};

// The error body every refusal of the server carries: {"error": code, "message": message}.
nlohmann::json error_body(const RequestError& e);

// Parses one POST /v1/evaluations body for a server judging on `backend`.
std::variant<EvaluationRequest, RequestError> parse_evaluation_request(std::string_view body, const Catalog& catalog,
                                                                       const Backend& backend, const RequestLimits& limits);

}  // namespace kbench::serve
