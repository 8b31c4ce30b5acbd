// Worker plumbing without a backend: descriptors passed over a socket, and a worker that gets its arena
// only that way (the CPU worker, end to end through WorkerProcess).
#include <gtest/gtest.h>

#include <fstream>
#include <sys/mman.h>
#include <unistd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

#include "core/arena/arena.hpp"
#include "harness/worker/fd_passing.hpp"
#include "harness/worker/supervisor.hpp"
#include "tests/test_support.hpp"

using namespace kbench;

TEST(FdPassing, ADescriptorArrivesAsAnotherNumberForTheSameFile) {
  int sv[2];
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv), 0);
  Arena a = Arena::create(4096);
  std::memcpy(a.data(), "kbench", 7);
  ASSERT_TRUE(send_fd(sv[0], a.fd()));
  const int got = receive_fd(sv[1]);
  ASSERT_GE(got, 0);
  EXPECT_NE(got, a.fd());
  Arena b = Arena::adopt(got, 4096, a.id());  // the same memory, mapped again
  EXPECT_STREQ(reinterpret_cast<const char*>(b.data()), "kbench");
  b.data()[0] = 'K';
  EXPECT_EQ(a.data()[0], 'K');
  close(sv[0]);
  EXPECT_THROW(receive_fd(sv[1]), std::runtime_error);  // the peer is gone: an error, not a hang
  close(sv[1]);
}

// Issue 13: a worker that could shrink an arena would make the parent's mapping fault (SIGBUS).
TEST(FdPassing, ArenasAreSealedAgainstResizingAndWorkersKeepNoDescriptor) {
  Arena a = Arena::create(4096);
  EXPECT_NE(ftruncate(a.fd(), 0), 0) << "the parent's own descriptor could shrink the arena";
  EXPECT_NE(ftruncate(a.fd(), 1 << 20), 0) << "or grow it";
  Arena b = Arena::adopt(dup(a.fd()), 4096, a.id());
  EXPECT_EQ(b.fd(), -1) << "the worker's side keeps no descriptor once mapped";
  // A memfd that is not sealed is refused.
  const int unsealed = memfd_create("not-sealed", MFD_CLOEXEC);
  ASSERT_GE(unsealed, 0);
  ASSERT_EQ(ftruncate(unsealed, 4096), 0);
  EXPECT_THROW(Arena::adopt(unsealed, 4096, 1), std::runtime_error);
}

TEST(FdPassing, AdoptingADescriptorSmallerThanTheArenaIsAnError) {
  Arena a = Arena::create(4096);
  EXPECT_THROW(Arena::adopt(dup(a.fd()), 1 << 20, 1), std::runtime_error);
}

TEST(WorkerChannel, ArenaRequestsAndTheirDescriptorsStayPaired) {
  test::TempDir tmp;
  WorkerLaunch launch;
  launch.untrusted = true;
  launch.drop_root = true;
  WorkerProcess w(test::bin_dir() / "kbench-worker-cpu", tmp.path / "w.log", launch);
  Arena a = Arena::create(1 << 16), b = Arena::create(1 << 16);
  auto run = [&](const Arena& arena) { return w.request(protocol::RunRequest{"none", protocol::arena_ref(arena), {CallLayout{}}}, 10); };
  // Each request maps (or reuses) its arena, then fails only for the empty slot.
  for (const Arena* arena : {&a, &a, &b}) {
    const WorkerReply r = run(*arena);
    EXPECT_EQ(r.kind, WorkerReply::Kind::error);
    EXPECT_NE(r.detail.find("none"), std::string::npos) << r.detail;
  }
  EXPECT_EQ(w.request(protocol::InfoRequest{}, 10).kind, WorkerReply::Kind::ok);
  // A request that needs a descriptor and has none (or the reverse) is refused before it is sent.
  EXPECT_THROW(w.request(protocol::LoadRequest{"x", "x.so", -1}, 10), std::invalid_argument);
  EXPECT_THROW(w.request_wire({{"op", "load"}, {"slot", "x"}, {"artifact", "x.so"}}, 10), std::invalid_argument);
  EXPECT_THROW(w.request_wire({{"op", "info"}}, 10, a.fd()), std::invalid_argument);
  EXPECT_EQ(w.request(protocol::InfoRequest{}, 10).kind, WorkerReply::Kind::ok);
}

TEST(WorkerProtocol, EveryRequestSurvivesItsWireFormAndTheDescriptorRuleHoldsBothWays) {
  Arena arena = Arena::create(4096);
  TimingPolicy policy;
  policy.max_samples = 17;
  const std::vector<protocol::Request> requests = {
      protocol::InfoRequest{}, protocol::LoadRequest{"candidate", "a.so", 7},
      protocol::RunRequest{"reference", protocol::arena_ref(arena), {CallLayout{}}},
      protocol::RunRequest{"reference", protocol::arena_ref(arena), {CallLayout{}}, true},
      protocol::TimeBeginRequest{"candidate", protocol::arena_ref(arena), {CallLayout{}, {CallLayout{}}}, policy},
      protocol::TimeCallsRequest{12}, protocol::TimeEndRequest{}, protocol::ForgetArenasRequest{}, protocol::QuitRequest{}};
  for (const auto& req : requests) {
    const nlohmann::json wire = protocol::to_wire(req);
    const int fd = protocol::descriptor_of(req);
    // The parent's rule (typed) and the worker's rule (wire form) agree for every request.
    EXPECT_EQ(protocol::wire_request_takes_descriptor(wire), fd >= 0) << wire.dump();
    EXPECT_FALSE(wire.contains("fd")) << "descriptors never travel inside a request: " << wire.dump();
    const protocol::Request back = protocol::request_from_wire(wire, fd);
    EXPECT_EQ(back.index(), req.index()) << wire.dump();
    EXPECT_EQ(protocol::to_wire(back), wire);
    EXPECT_EQ(protocol::descriptor_of(back), fd);
  }
  const auto time = std::get<protocol::TimeBeginRequest>(protocol::request_from_wire(protocol::to_wire(requests[4]), 9));
  EXPECT_EQ(time.sets.size(), 2u);
  EXPECT_EQ(time.policy.max_samples, 17);
  EXPECT_EQ(time.arena.size, arena.size());
  EXPECT_EQ(time.arena.id, arena.id());
  EXPECT_EQ(std::get<protocol::TimeCallsRequest>(protocol::request_from_wire(protocol::to_wire(requests[5]), -1)).count, 12);
  EXPECT_FALSE(std::get<protocol::RunRequest>(protocol::request_from_wire(protocol::to_wire(requests[2]), 9)).outputs_only);
  EXPECT_TRUE(std::get<protocol::RunRequest>(protocol::request_from_wire(protocol::to_wire(requests[3]), 9)).outputs_only);
  EXPECT_THROW(protocol::request_from_wire({{"op", "format_disk"}}, -1), std::invalid_argument);
  EXPECT_THROW(protocol::request_from_wire({{"op", "time_calls"}, {"count", 0}}, -1), std::invalid_argument);
}

TEST(WorkerProtocol, AMalformedTimingReplyIsRefusedNamingWhatIsWrong) {
  const auto claims = protocol::time_calls_reply_from_wire({{"ok", true}, {"device_ns", {1.0, 2.0}}, {"host_ns", {3.0, 4.0}}}, 2);
  EXPECT_EQ(claims.device_ns, (std::vector<double>{1.0, 2.0}));
  EXPECT_EQ(claims.host_ns, (std::vector<double>{3.0, 4.0}));
  auto refusal = [](const nlohmann::json& body, int count) {
    try {
      protocol::time_calls_reply_from_wire(body, count);
    } catch (const protocol::MalformedReply& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(refusal({{"ok", true}}, 1).find("no device_ns"), std::string::npos);
  EXPECT_NE(refusal({{"ok", true}, {"device_ns", "fast"}, {"host_ns", {1.0}}}, 1).find("no device_ns"), std::string::npos);
  EXPECT_NE(refusal({{"ok", true}, {"device_ns", {1.0, "x"}}, {"host_ns", {1.0, 1.0}}}, 2).find("not a finite number"),
            std::string::npos);
  EXPECT_NE(refusal({{"ok", true}, {"device_ns", {0.0}}, {"host_ns", {1.0}}}, 1).find("not a finite number > 0"), std::string::npos);
  // A forged batch that claims more (or fewer) calls than the parent asked for.
  EXPECT_NE(refusal({{"ok", true}, {"device_ns", {1.0, 1.0, 1.0}}, {"host_ns", {1.0, 1.0, 1.0}}}, 2).find("reports 3 device_ns for 2"),
            std::string::npos);

  const auto end = protocol::time_end_reply_from_wire({{"ok", true}, {"method", "cuda-events-cold"}, {"host_clock", false}});
  EXPECT_EQ(end.method, "cuda-events-cold");
  auto end_refusal = [](const nlohmann::json& body) {
    try {
      protocol::time_end_reply_from_wire(body);
    } catch (const protocol::MalformedReply& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(end_refusal({{"ok", true}, {"host_clock", false}}).find("names no method"), std::string::npos);
  EXPECT_NE(end_refusal({{"ok", true}, {"method", "\u001b[2Jfast"}, {"host_clock", false}}).find("short lower-case"), std::string::npos);
  EXPECT_NE(end_refusal({{"ok", true}, {"method", "cpu-wall"}}).find("host_clock"), std::string::npos);
  EXPECT_NE(end_refusal({{"ok", true}, {"method", "cpu-wall"}, {"host_clock", true}, {"notes", 3}}).find("notes"), std::string::npos);
  try {
    protocol::time_begin_reply_from_wire({{"ok", true}, {"warmup_calls", -1}});
    ADD_FAILURE() << "a negative warm-up count was accepted";
  } catch (const protocol::MalformedReply&) {
  }
}

// Issue 13: a reply of the wrong shape (forged by a candidate on the reply pipe) must be refused before
// any field is read; reading "ok" or "error" of the wrong type threw out of the supervisor (exit 2).
TEST(WorkerProtocol, AReplyOfTheWrongShapeIsRefusedNamingWhatIsWrong) {
  using nlohmann::json;
  EXPECT_EQ(protocol::reply_shape_error(json{{"ok", true}}), "");
  EXPECT_EQ(protocol::reply_shape_error(json{{"ok", false}, {"error", "x"}, {"fatal", true}}), "");
  EXPECT_NE(protocol::reply_shape_error(json::array({1})).find("object"), std::string::npos);
  EXPECT_NE(protocol::reply_shape_error(json(5)).find("object"), std::string::npos);
  EXPECT_NE(protocol::reply_shape_error(json::object()).find("\"ok\""), std::string::npos);
  EXPECT_NE(protocol::reply_shape_error(json{{"ok", "yes"}}).find("\"ok\""), std::string::npos);
  EXPECT_NE(protocol::reply_shape_error(json{{"ok", false}, {"error", 7}}).find("\"error\""), std::string::npos);
  EXPECT_NE(protocol::reply_shape_error(json{{"ok", true}, {"fatal", "no"}}).find("\"fatal\""), std::string::npos);
}

// Issue 13: kbench's memory must not follow what a candidate prints: the log is read as head and tail.
TEST(WorkerChannel, ALongLogIsReadAsItsHeadAndTailOnly) {
  test::TempDir tmp;
  const auto log = tmp.path / "w.log";
  {
    std::ofstream out(log, std::ios::binary);
    out << "HEAD-MARK";
    out << std::string(4 << 20, 'x');
    out << "TAIL-MARK";
  }
  WorkerProcess w(test::bin_dir() / "kbench-worker-cpu", log);
  const std::string text = w.log_tail(1000);
  EXPECT_LT(text.size(), 1100u);
  EXPECT_EQ(text.rfind("HEAD-MARK", 0), 0u) << text.substr(0, 40);
  EXPECT_NE(text.find("bytes of output cut"), std::string::npos);
  EXPECT_EQ(text.substr(text.size() - 9), "TAIL-MARK");
}
