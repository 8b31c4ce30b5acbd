// parse_evaluation_request: see evaluation_request.hpp.
#include "harness/serve/evaluation_request.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>

#include "core/timing/named_timing_policies.hpp"

namespace kbench::serve {
namespace {

RequestError bad(std::string code, std::string message) { return {400, std::move(code), std::move(message)}; }

// A JSON value's type in words, for messages ("a number", "an array").
std::string type_words(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::boolean: return "a boolean";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::binary: return "binary";
    default: return "a number";
  }
}

RequestError wrong_type(const std::string& field, const std::string& wanted, const nlohmann::json& got) {
  return bad("invalid_field", fmt::format("'{}' must be {}, not {}", field, wanted, type_words(got)));
}

// A seed as `kbench eval --json` writes it (a decimal string) or as a whole number.
std::optional<std::uint64_t> parse_seed(const nlohmann::json& j) {
  if (j.is_number_unsigned()) return j.get<std::uint64_t>();
  if (!j.is_string()) return std::nullopt;
  const std::string& s = j.get_ref<const std::string&>();
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<RequestError> parse_options(const nlohmann::json& o, const RequestLimits& limits, EvaluationRequest& r) {
  if (!o.is_object()) return wrong_type("options", "an object", o);
  for (const auto& [key, value] : o.items()) {
    if (key == "time") {
      if (!value.is_boolean()) return wrong_type("options.time", "true or false", value);
      r.time = value.get<bool>();
    } else if (key == "trials") {
      if (!value.is_number_integer()) return wrong_type("options.trials", "a whole number", value);
      const auto t = value.get<std::int64_t>();
      if (t < 1 || t > limits.max_trials)
        return bad("invalid_field", fmt::format("'options.trials' must be between 1 and {}, not {}", limits.max_trials, t));
      r.trials = static_cast<int>(t);
    } else if (key == "seed") {
      const auto seed = parse_seed(value);
      if (!seed) return bad("invalid_field", "'options.seed' must be a decimal string of a 64-bit unsigned number (\"12345\")");
      if (*seed != 0) r.seed = *seed;  // 0, as for `kbench eval --seed 0`: a fresh seed
    } else if (key == "timing") {
      const std::string names = fmt::format("\"{}\"", fmt::join(timing_policy_names(), "\" or \""));
      if (!value.is_string()) return wrong_type("options.timing", names, value);
      const std::string name = value.get<std::string>();
      if (!timing_policy_named(name))
        return bad("invalid_field", fmt::format("'options.timing' must be {}, not \"{}\"", names, name));
      r.timing = name;
    } else if (key == "label") {
      if (!value.is_string()) return wrong_type("options.label", "a string", value);
      r.label = value.get<std::string>();
      if (r.label.size() > limits.max_label_bytes)
        return bad("invalid_field", fmt::format("'options.label' is longer than {} bytes", limits.max_label_bytes));
    } else {
      return bad("unknown_field", fmt::format("unknown option '{}' (known: time, trials, seed, timing, label)", key));
    }
  }
  return std::nullopt;
}

}  // namespace

nlohmann::json error_body(const RequestError& e) { return {{"error", e.code}, {"message", e.message}}; }

std::variant<EvaluationRequest, RequestError> parse_evaluation_request(std::string_view body, const Catalog& catalog,
                                                                       const Backend& backend, const RequestLimits& limits) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& e) {
    return bad("bad_json", fmt::format("the body is not JSON: {}", e.what()));
  }
  if (!j.is_object()) return bad("bad_json", fmt::format("the body must be a JSON object, not {}", type_words(j)));
  for (const auto& [key, value] : j.items()) {
    (void)value;
    if (key != "task" && key != "backend" && key != "source" && key != "options")
      return bad("unknown_field", fmt::format("unknown field '{}' (known: task, backend, source, options)", key));
  }

  EvaluationRequest r;
  if (!j.contains("task")) return bad("missing_field", "'task' is missing (a task id, see GET /v1/tasks)");
  if (!j["task"].is_string()) return wrong_type("task", "a string", j["task"]);
  const std::string task_id = j["task"].get<std::string>();
  r.task = catalog.find(task_id);
  if (!r.task) return RequestError{404, "unknown_task", fmt::format("no task '{}' in the catalog (see GET /v1/tasks)", task_id)};

  r.backend = backend.name();
  if (j.contains("backend")) {
    if (!j["backend"].is_string()) return wrong_type("backend", "a string", j["backend"]);
    const std::string name = j["backend"].get<std::string>();
    const auto names = backend_names();
    if (std::find(names.begin(), names.end(), name) == names.end())
      return bad("unknown_backend", fmt::format("no backend '{}' (this kbench has: {})", name, fmt::join(names, ", ")));
    if (name != backend.name())
      return bad("backend_not_served", fmt::format("this server judges on '{}', not '{}'", backend.name(), name));
  }
  if (!r.task->references.contains(r.backend))
    return bad("no_reference", fmt::format("task '{}' has no {} reference kernel", task_id, r.backend));

  if (!j.contains("source")) return bad("missing_field", "'source' is missing (the candidate's source text)");
  if (!j["source"].is_string()) return wrong_type("source", "a string", j["source"]);
  std::string source = j["source"].get<std::string>();
  if (source.empty()) return bad("invalid_field", "'source' is empty");
  if (source.size() > limits.max_source_bytes)
    return RequestError{413, "source_too_large", fmt::format("'source' is {} bytes; the limit is {}", source.size(), limits.max_source_bytes)};
  r.candidate = make_candidate(std::move(source), "candidate" + backend.source_extension());

  if (j.contains("options"))
    if (auto e = parse_options(j["options"], limits, r)) return *e;
  return r;
}

}  // namespace kbench::serve
