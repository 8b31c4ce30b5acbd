// Worker plumbing without a backend: descriptors passed over a socket, and a worker that gets its arena
// only that way (the CPU worker, end to end through WorkerProcess).
#include <gtest/gtest.h>
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

TEST(FdPassing, AdoptingADescriptorSmallerThanTheArenaIsAnError) {
  Arena a = Arena::create(4096);
  EXPECT_THROW(Arena::adopt(dup(a.fd()), 1 << 20, 1), std::runtime_error);
}

TEST(WorkerChannel, ArenaRequestsAndTheirDescriptorsStayPaired) {
  test::TempDir tmp;
  WorkerProcess w(test::bin_dir() / "kbench-worker-cpu", tmp.path / "w.log", true);
  Arena a = Arena::create(1 << 16), b = Arena::create(1 << 16);
  const nlohmann::json layout = to_json(CallLayout{});
  auto run = [&](const Arena& arena) {
    return w.request({{"op", "run"}, {"slot", "none"}, {"arena", {{"size", arena.size()}, {"id", arena.id()}}}, {"layout", layout}},
                     10, arena.fd());
  };
  // Each request maps (or reuses) its arena, then fails only for the empty slot.
  for (const Arena* arena : {&a, &a, &b}) {
    const WorkerReply r = run(*arena);
    EXPECT_EQ(r.kind, WorkerReply::Kind::error);
    EXPECT_NE(r.detail.find("none"), std::string::npos) << r.detail;
  }
  EXPECT_EQ(w.request({{"op", "info"}}, 10).kind, WorkerReply::Kind::ok);
  // A request that needs a descriptor and has none (or the reverse) is refused before it is sent.
  EXPECT_THROW(w.request({{"op", "load"}, {"slot", "x"}, {"artifact", "x.so"}}, 10), std::invalid_argument);
  EXPECT_THROW(w.request({{"op", "info"}}, 10, a.fd()), std::invalid_argument);
  EXPECT_EQ(w.request({{"op", "info"}}, 10).kind, WorkerReply::Kind::ok);
}
