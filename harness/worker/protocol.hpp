// The worker protocol, in one place: the channels' file descriptors, the typed requests the parent sends
// and the typed replies it reads, and the descriptor rule.
//
// Channels: parent -> worker requests on kRequestFd, worker -> parent replies on kReplyFd, one JSON object
// per line; the candidate's own stdout/stderr go to a log file, never to these channels.
// The descriptor rule: a request that names an arena (run, time_begin) or loads an artifact (load) is preceded
// by exactly one descriptor (the arena's memfd, the opened artifact) on kDescriptorFd (a SOCK_SEQPACKET
// unix socket, SCM_RIGHTS), in request order. No other request passes one. Workers never open kbench's
// files or memory by path.
// Replies are {"ok": true, ...} or {"ok": false, "error": "..."}, plus "fatal": true when the device can
// serve no further request (the worker then exits).
#pragma once
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/arena/arena.hpp"
#include "core/timing/timing_policy.hpp"
#include "core/timing/witness_keeper.hpp"

namespace kbench {

inline constexpr int kRequestFd = 3;
inline constexpr int kReplyFd = 4;
inline constexpr int kDescriptorFd = 5;

namespace protocol {

// An arena as a request names it; its descriptor travels beside the request, not in it.
struct ArenaRef {
  std::size_t size = 0;
  std::uint64_t id = 0;
  int fd = -1;
};
ArenaRef arena_ref(const Arena& arena);

struct InfoRequest {};                      // -> {"device": {...}}
struct LoadRequest {                        // loads the artifact (passed as `fd`) under `slot`
  std::string slot;
  std::string artifact;                     // its path, for messages only
  int fd = -1;
};
struct RunRequest {                         // calls of `slot`, one per layout, back to back, in order
  std::string slot;                         // -> {"claims_ns": [...]}: the worker's own clock per call
  ArenaRef arena;
  std::vector<CallLayout> layouts;
  // Only the outputs (with their guards) come back to the arena; inputs stay as the parent wrote them.
  // For the trusted worker's reference runs at bench shapes, whose inputs no one checks (a candidate's
  // calls always bring everything back: the parent checks its inputs).
  bool outputs_only = false;
};
// Timing, in batches the parent brackets with its own clock (harness/eval/bracketed_timing.hpp):
struct TimeBeginRequest {                   // starts timing `slot` cycling through `sets`, warm-up included
  std::string slot;                         // -> {"warmup_calls": N}
  ArenaRef arena;
  std::vector<CallLayout> sets;
  TimingPolicy policy;
  // Where the outputs of timed calls picked at random after they returned are copied for the parent to
  // check: witnesses[k * W + w] is set k's w-th (W = witnesses.size() / sets.size(); empty: none).
  std::vector<CallLayout> witnesses;
  WitnessSamples witness_samples;           // which bytes of each output each witness keeps (empty: whole)
};
struct TimeCallsRequest {                   // exactly `count` timed calls, the rotation going on
  int count = 0;                            // -> {"device_ns": [...], "host_ns": [...]}: claims, one per call
};
struct TimeEndRequest {};                   // -> {"method": "...", "host_clock": bool, "notes": {...}}; outputs
                                            //    and inputs back in the arena
struct ForgetArenasRequest {};              // unmaps the arena the worker keeps between requests
struct QuitRequest {};

using Request = std::variant<InfoRequest, LoadRequest, RunRequest, TimeBeginRequest, TimeCallsRequest, TimeEndRequest,
                             ForgetArenasRequest, QuitRequest>;

// The descriptor a request passes (the rule above), or -1 when it passes none.
int descriptor_of(const Request& request);
// Whether a request in its wire form comes with a descriptor: the worker's side of the same rule.
bool wire_request_takes_descriptor(const nlohmann::json& wire);
// The wire form (without the descriptor).
nlohmann::json to_wire(const Request& request);
// A request read by the worker; `fd` is the descriptor received for it (-1 when none). Throws
// std::exception on a malformed request.
Request request_from_wire(const nlohmann::json& wire, int fd);

// Why a reply line's JSON does not have the shape every reply has: an object with a boolean "ok", an
// optional boolean "fatal" and an optional string "error" ("" when it does). The parent checks this
// before it reads any field, so a forged reply is the candidate's runtime_error, not kbench's crash.
std::string reply_shape_error(const nlohmann::json& reply);

// The worker's own per-call durations in a reply to a RunRequest: a claim, used only where it is bounded
// by the parent's clock. Throws MalformedReply unless it is an array of `calls` finite numbers >= 0.
std::vector<double> run_claims_from_wire(const nlohmann::json& body, std::size_t calls);

// The replies to the timing requests (claims: the parent bounds them by its own clock).
struct TimeBeginReply {
  int warmup_calls = 0;
};
struct TimeCallsReply {
  std::vector<double> device_ns, host_ns;
};
struct TimeEndReply {
  std::string method;
  bool host_clock = false;
  nlohmann::json notes = nlohmann::json::object();
};
nlohmann::json to_wire(const TimeBeginReply& reply);
nlohmann::json to_wire(const TimeCallsReply& reply);
nlohmann::json to_wire(const TimeEndReply& reply);

// A reply the worker sent that does not have the fields its request asks for.
struct MalformedReply : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// Each throws MalformedReply naming what is wrong: a field missing or of the wrong type, a duration that
// is not a finite number > 0, a batch reply without exactly `count` of each.
TimeBeginReply time_begin_reply_from_wire(const nlohmann::json& body);
TimeCallsReply time_calls_reply_from_wire(const nlohmann::json& body, int count);
TimeEndReply time_end_reply_from_wire(const nlohmann::json& body);

}  // namespace protocol
}  // namespace kbench
