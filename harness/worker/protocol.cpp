// Wire forms of the worker protocol's requests and replies (see protocol.hpp).
#include "harness/worker/protocol.hpp"

#include <algorithm>
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
                               [](const TimeBeginRequest& r) { return r.arena.fd; }, [](const auto&) { return -1; }},
                    request);
}

bool wire_request_takes_descriptor(const json& wire) {
  const std::string op = wire.value("op", std::string());
  return op == "load" || op == "run" || op == "time_begin";
}

json to_wire(const Request& request) {
  return std::visit(
      Overloaded{
          [](const InfoRequest&) { return json{{"op", "info"}}; },
          [](const LoadRequest& r) { return json{{"op", "load"}, {"slot", r.slot}, {"artifact", r.artifact}}; },
          [](const RunRequest& r) {
            json layouts = json::array();
            for (const auto& l : r.layouts) layouts.push_back(to_json(l));
            json j{{"op", "run"}, {"slot", r.slot}, {"arena", arena_wire(r.arena)}, {"layouts", layouts}};
            if (r.outputs_only) j["outputs_only"] = true;
            return j;
          },
          [](const TimeBeginRequest& r) {
            json sets = json::array();
            for (const auto& l : r.sets) sets.push_back(to_json(l));
            json witnesses = json::array();
            for (const auto& l : r.witnesses) witnesses.push_back(to_json(l));
            return json{{"op", "time_begin"}, {"slot", r.slot},           {"arena", arena_wire(r.arena)},
                        {"sets", sets},       {"policy", to_json(r.policy)}, {"witnesses", witnesses},
                        {"witness_samples", to_json(r.witness_samples)}};
          },
          [](const TimeCallsRequest& r) { return json{{"op", "time_calls"}, {"count", r.count}}; },
          [](const TimeEndRequest&) { return json{{"op", "time_end"}}; },
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
    r.outputs_only = wire.value("outputs_only", false);
    return r;
  }
  if (op == "time_begin") {
    TimeBeginRequest r{wire.at("slot"), arena_from_wire(wire.at("arena"), fd), {}, timing_policy_from_json(wire.at("policy"))};
    for (const auto& s : wire.at("sets")) r.sets.push_back(call_layout_from_json(s));
    if (wire.contains("witnesses"))
      for (const auto& w : wire.at("witnesses")) r.witnesses.push_back(call_layout_from_json(w));
    if (r.sets.empty() ? !r.witnesses.empty() : r.witnesses.size() % r.sets.size() != 0)
      throw std::invalid_argument("a time request's witnesses must be a whole number per input set");
    if (wire.contains("witness_samples")) r.witness_samples = witness_samples_from_json(wire.at("witness_samples"));
    return r;
  }
  if (op == "time_calls") {
    const int count = wire.at("count").get<int>();
    if (count < 1) throw std::invalid_argument("a time_calls request asks for at least one call");
    return TimeCallsRequest{count};
  }
  if (op == "time_end") return TimeEndRequest{};
  if (op == "forget_arenas") return ForgetArenasRequest{};
  if (op == "quit") return QuitRequest{};
  throw std::invalid_argument("unknown op '" + op + "'");
}

json to_wire(const TimeBeginReply& reply) { return {{"ok", true}, {"warmup_calls", reply.warmup_calls}}; }
json to_wire(const TimeCallsReply& reply) { return {{"ok", true}, {"device_ns", reply.device_ns}, {"host_ns", reply.host_ns}}; }
json to_wire(const TimeEndReply& reply) {
  return {{"ok", true}, {"method", reply.method}, {"host_clock", reply.host_clock}, {"notes", reply.notes}};
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

namespace {

std::vector<double> durations_from_wire(const json& body, const char* field, int count) {
  const auto values = body.find(field);
  if (values == body.end() || !values->is_array())
    throw MalformedReply(std::string("the reply to timed calls has no ") + field + " array");
  if (values->size() != static_cast<std::size_t>(count))
    throw MalformedReply(std::string("the reply to timed calls reports ") + std::to_string(values->size()) + " " + field +
                         " for " + std::to_string(count) + " calls");
  std::vector<double> out;
  for (const auto& x : *values) {
    if (!x.is_number() || !std::isfinite(x.get<double>()) || !(x.get<double>() > 0))
      throw MalformedReply(std::string("the reply to timed calls has a duration in ") + field +
                           " that is not a finite number > 0");
    out.push_back(x.get<double>());
  }
  return out;
}

}  // namespace

TimeBeginReply time_begin_reply_from_wire(const json& body) {
  const auto calls = body.find("warmup_calls");
  if (calls == body.end() || !calls->is_number_integer() || calls->get<std::int64_t>() < 0)
    throw MalformedReply("the reply to the start of timing has no warmup_calls count");
  return {static_cast<int>(std::min<std::int64_t>(calls->get<std::int64_t>(), 1 << 30))};
}

TimeCallsReply time_calls_reply_from_wire(const json& body, int count) {
  return {durations_from_wire(body, "device_ns", count), durations_from_wire(body, "host_ns", count)};
}

TimeEndReply time_end_reply_from_wire(const json& body) {
  TimeEndReply r;
  const auto method = body.find("method");
  if (method == body.end() || !method->is_string()) throw MalformedReply("the reply to the end of timing names no method");
  r.method = method->get<std::string>();
  const bool plain = !r.method.empty() && r.method.size() <= 40 &&
                     std::all_of(r.method.begin(), r.method.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
  if (!plain) throw MalformedReply("the reply to the end of timing names a method that is not a short lower-case name");
  const auto host_clock = body.find("host_clock");
  if (host_clock == body.end() || !host_clock->is_boolean())
    throw MalformedReply("the reply to the end of timing has no boolean host_clock");
  r.host_clock = host_clock->get<bool>();
  if (const auto notes = body.find("notes"); notes != body.end()) {
    if (!notes->is_object()) throw MalformedReply("the reply to the end of timing has notes that are not an object");
    r.notes = *notes;
  }
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
