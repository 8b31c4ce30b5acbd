// Wire forms of the worker protocol's requests and replies (see protocol.hpp).
#include "harness/worker/protocol.hpp"

#include <cmath>

#include "core/util/overloaded.hpp"

namespace kbench::protocol {

using nlohmann::json;

namespace {

json arena_wire(const ArenaRef& a) { return {{"size", a.size}, {"id", a.id}}; }

ArenaRef arena_from_wire(const json& j, int fd) { return {j.at("size").get<std::size_t>(), j.at("id").get<std::uint64_t>(), fd}; }

}  // namespace

ArenaRef arena_ref(const Arena& arena) { return {arena.size(), arena.id(), arena.fd()}; }

int descriptor_of(const Request& request) {
  return std::visit(Overloaded{[](const LoadRequest& r) { return r.fd; }, [](const RunRequest& r) { return r.arena.fd; },
                               [](const TimeRequest& r) { return r.arena.fd; }, [](const auto&) { return -1; }},
                    request);
}

bool wire_request_takes_descriptor(const json& wire) {
  const std::string op = wire.value("op", std::string());
  return op == "load" || op == "run" || op == "time";
}

json to_wire(const Request& request) {
  return std::visit(
      Overloaded{
          [](const InfoRequest&) { return json{{"op", "info"}}; },
          [](const LoadRequest& r) { return json{{"op", "load"}, {"slot", r.slot}, {"artifact", r.artifact}}; },
          [](const RunRequest& r) {
            json layouts = json::array();
            for (const auto& l : r.layouts) layouts.push_back(to_json(l));
            return json{{"op", "run"}, {"slot", r.slot}, {"arena", arena_wire(r.arena)}, {"layouts", layouts}};
          },
          [](const TimeRequest& r) {
            json sets = json::array();
            for (const auto& l : r.sets) sets.push_back(to_json(l));
            json witnesses = json::array();
            for (const auto& l : r.witnesses) witnesses.push_back(to_json(l));
            return json{{"op", "time"},   {"slot", r.slot},           {"arena", arena_wire(r.arena)},
                        {"sets", sets},   {"policy", to_json(r.policy)}, {"witnesses", witnesses}};
          },
          [](const ForgetArenasRequest&) { return json{{"op", "forget_arenas"}}; },
          [](const QuitRequest&) { return json{{"op", "quit"}}; }},
      request);
}

Request request_from_wire(const json& wire, int fd) {
  const std::string op = wire.at("op");
  if (op == "info") return InfoRequest{};
  if (op == "load") return LoadRequest{wire.at("slot"), wire.value("artifact", std::string("artifact")), fd};
  if (op == "run") {
    RunRequest r{wire.at("slot"), arena_from_wire(wire.at("arena"), fd), {}};
    for (const auto& l : wire.at("layouts")) r.layouts.push_back(call_layout_from_json(l));
    return r;
  }
  if (op == "time") {
    TimeRequest r{wire.at("slot"), arena_from_wire(wire.at("arena"), fd), {}, timing_policy_from_json(wire.at("policy"))};
    for (const auto& s : wire.at("sets")) r.sets.push_back(call_layout_from_json(s));
    if (wire.contains("witnesses"))
      for (const auto& w : wire.at("witnesses")) r.witnesses.push_back(call_layout_from_json(w));
    if (r.sets.empty() ? !r.witnesses.empty() : r.witnesses.size() % r.sets.size() != 0)
      throw std::invalid_argument("a time request's witnesses must be a whole number per input set");
    return r;
  }
  if (op == "forget_arenas") return ForgetArenasRequest{};
  if (op == "quit") return QuitRequest{};
  throw std::invalid_argument("unknown op '" + op + "'");
}

json to_wire(const TimeReply& reply) {
  return {{"ok", true}, {"samples_ns", reply.samples_ns}, {"method", reply.method}, {"notes", reply.notes}};
}

std::vector<double> run_claims_from_wire(const json& body, std::size_t calls) {
  const auto claims = body.find("claims_ns");
  if (claims == body.end() || !claims->is_array()) throw MalformedReply("the reply to a call has no claims_ns array");
  if (claims->size() != calls) throw MalformedReply("the reply to a call reports " + std::to_string(claims->size()) +
                                                    " durations for " + std::to_string(calls) + " calls");
  std::vector<double> out;
  for (const auto& x : *claims) {
    if (!x.is_number() || !std::isfinite(x.get<double>()) || x.get<double>() < 0)
      throw MalformedReply("the reply to a call has a duration that is not a finite number >= 0");
    out.push_back(x.get<double>());
  }
  return out;
}

TimeReply time_reply_from_wire(const json& body) {
  TimeReply r;
  const auto samples = body.find("samples_ns");
  if (samples == body.end() || !samples->is_array()) throw MalformedReply("timing reply has no samples_ns array");
  for (const auto& x : *samples) {
    if (!x.is_number()) throw MalformedReply("timing reply has a sample that is not a number");
    r.samples_ns.push_back(x.get<double>());
  }
  const auto method = body.find("method");
  r.method = method != body.end() && method->is_string() ? method->get<std::string>() : "unknown";
  if (const auto notes = body.find("notes"); notes != body.end()) r.notes = *notes;
  return r;
}

std::string reply_shape_error(const json& reply) {
  if (!reply.is_object()) return std::string("a reply must be a JSON object, not ") + reply.type_name();
  const auto ok = reply.find("ok");
  if (ok == reply.end() || !ok->is_boolean()) return "a reply's \"ok\" must be true or false";
  if (const auto fatal = reply.find("fatal"); fatal != reply.end() && !fatal->is_boolean())
    return "a reply's \"fatal\" must be true or false";
  if (const auto error = reply.find("error"); error != reply.end() && !error->is_string())
    return "a reply's \"error\" must be a string";
  return "";
}

}  // namespace kbench::protocol
