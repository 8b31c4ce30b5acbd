// The CPU backend end to end without the evaluator: CpuBackend compiles a candidate, kbench-worker-cpu
// (WorkerProcess, as the evaluator starts it) answers info, load, run and time requests on it, and a
// load of an artifact with a missing symbol is an error reply, not a crash.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include "backends/backend.hpp"
#include "core/arena/arena.hpp"
#include "core/spec/task_spec.hpp"
#include "core/timing/timing_policy.hpp"
#include "core/util/process.hpp"
#include "core/sandbox/sandbox_availability.hpp"
#include "harness/eval/sandbox_policy.hpp"
#include "harness/worker/freezer.hpp"
#include "harness/worker/supervisor.hpp"
#include "tests/test_support.hpp"

using namespace kbench;
namespace fs = std::filesystem;

namespace {

// The artifact opened for the worker, made readable by everyone (the worker may run as another user).
struct Artifact {
  int fd;
  explicit Artifact(const fs::path& p) : fd(::open(p.c_str(), O_RDONLY | O_CLOEXEC)) {
    struct stat st {};
    if (fd >= 0 && fstat(fd, &st) == 0) fchmod(fd, st.st_mode | S_IRUSR | S_IRGRP | S_IROTH);
  }
  ~Artifact() {
    if (fd >= 0) ::close(fd);
  }
};

// vector_add's arguments in one arena: a, b (inputs), c (output), n.
struct VectorAddCall {
  static constexpr std::int64_t n = 1000;
  Arena arena;
  CallLayout layout;
  VectorAddCall() {
    ArenaPlanner plan;
    const std::size_t bytes = n * sizeof(float);
    const std::size_t a = plan.add(bytes), b = plan.add(bytes), c = plan.add(bytes);
    arena = Arena::create(plan.total());
    layout.args = {{ArgSlot::Kind::tensor, "a", false, DType::f32, a, bytes},
                   {ArgSlot::Kind::tensor, "b", false, DType::f32, b, bytes},
                   {ArgSlot::Kind::tensor, "c", true, DType::f32, c, bytes},
                   {ArgSlot::Kind::size, "n", false, DType::i64, 0, 0, n}};
    for (std::int64_t i = 0; i < n; ++i) {
      tensor(0)[i] = static_cast<float>(i);
      tensor(1)[i] = 0.5f * static_cast<float>(i) + 1.0f;
      tensor(2)[i] = -1.0f;
    }
    fill_guards(arena, layout);
  }
  float* tensor(int k) { return reinterpret_cast<float*>(arena.data() + layout.args[static_cast<std::size_t>(k)].offset); }
  // c == a + b everywhere; returns the first wrong index or -1.
  std::int64_t first_wrong() {
    for (std::int64_t i = 0; i < n; ++i)
      if (tensor(2)[i] != tensor(0)[i] + tensor(1)[i]) return i;
    return -1;
  }
};

class CpuRuntime : public ::testing::Test {
 protected:
  void SetUp() override {
    backend_ = make_backend("cpu");
    task_ = load_task_spec(test::source_dir() / "tasks" / "elementwise" / "vector_add.json");
    CompileRequest req;
    req.task = &task_;
    req.candidate = load_candidate(test::candidate("vector_add_correct.cpp"));
    req.work_dir = tmp_.path / "cache";
    compiled_ = backend_->compile(req);
    ASSERT_TRUE(compiled_.ok) << compiled_.log;
    ASSERT_TRUE(compiled_.policy_violation.empty()) << compiled_.policy_violation;
    // The worker built beside the tests, started as the evaluator starts it.
    ASSERT_TRUE(fs::exists(test::bin_dir() / "kbench-worker-cpu")) << "build kbench-worker-cpu first";
    worker_ = std::make_unique<WorkerProcess>(test::bin_dir() / "kbench-worker-cpu", tmp_.path / "worker.log",
                                              candidate_worker_launch(*backend_, sandbox_availability().available));
  }

  WorkerReply load(const std::string& slot, const fs::path& artifact) {
    Artifact a(artifact);
    EXPECT_GE(a.fd, 0) << artifact;
    return worker_->request(protocol::LoadRequest{slot, artifact.string(), a.fd}, 10);
  }

  // A shared object built straight from `source` (no entry shim).
  fs::path shared_object(const std::string& name, const std::string& source) {
    const fs::path src = tmp_.path / (name + ".cpp"), so = tmp_.path / (name + ".so");
    std::ofstream(src) << source;
    const ProcessResult r = run_process({"g++", "-shared", "-fPIC", src.string(), "-o", so.string()}, 120);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return so;
  }

  test::TempDir tmp_;
  std::unique_ptr<Backend> backend_;
  TaskSpec task_;
  CompiledCandidate compiled_;
  std::unique_ptr<WorkerProcess> worker_;
};

}  // namespace

TEST_F(CpuRuntime, InfoDescribesTheCpu) {
  const WorkerReply r = worker_->request(protocol::InfoRequest{}, 10);
  ASSERT_EQ(r.kind, WorkerReply::Kind::ok) << r.detail;
  EXPECT_EQ(r.body.at("device").at("name"), "cpu") << r.body.dump();
  EXPECT_GE(r.body.at("device").at("threads").get<int>(), 1) << r.body.dump();
}

TEST_F(CpuRuntime, LoadThenRunComputesTheOutputInTheArena) {
  VectorAddCall call;
  ASSERT_EQ(load("candidate", compiled_.artifact).kind, WorkerReply::Kind::ok);
  const WorkerReply r = worker_->request(
      protocol::RunRequest{"candidate", protocol::arena_ref(call.arena), {call.layout}}, 10);
  ASSERT_EQ(r.kind, WorkerReply::Kind::ok) << r.detail;
  EXPECT_EQ(call.first_wrong(), -1);
  EXPECT_EQ(call.tensor(2)[999], 999.0f + 0.5f * 999.0f + 1.0f);
  EXPECT_EQ(damaged_guard(call.arena, call.layout), "");
}

TEST_F(CpuRuntime, TimingInBatchesRunsTheCallsAskedForAndLeavesCorrectOutputs) {
  VectorAddCall call;
  ASSERT_EQ(load("candidate", compiled_.artifact).kind, WorkerReply::Kind::ok);
  TimingPolicy p;
  p.warmup_calls = 1;
  p.warmup_ms = 0;
  p.min_samples = 5;
  p.max_samples = 20;
  p.min_time_ms = 0;
  p.max_time_ms = 200;
  p.target_rse = 0;  // never quiet enough: runs to max_samples (or the time cap)
  WorkerReply r = worker_->request(protocol::TimeBeginRequest{"candidate", protocol::arena_ref(call.arena), {{call.layout}}, p}, 30);
  ASSERT_EQ(r.kind, WorkerReply::Kind::ok) << r.detail;
  EXPECT_EQ(protocol::time_begin_reply_from_wire(r.body).warmup_calls, 1);
  // Exactly the calls asked for, in each batch.
  for (int count : {3, 7}) {
    r = worker_->request(protocol::TimeCallsRequest{count}, 30);
    ASSERT_EQ(r.kind, WorkerReply::Kind::ok) << r.detail;
    const auto claims = protocol::time_calls_reply_from_wire(r.body, count);
    for (double s : claims.device_ns) EXPECT_GT(s, 0.0);
    EXPECT_GE(r.wall_ms * 1e6, claims.device_ns[0]);
  }
  r = worker_->request(protocol::TimeEndRequest{}, 30);
  ASSERT_EQ(r.kind, WorkerReply::Kind::ok) << r.detail;
  EXPECT_EQ(protocol::time_end_reply_from_wire(r.body).method, "cpu-wall");
  // Without a session, timed calls are an error reply, and the worker goes on.
  r = worker_->request(protocol::TimeCallsRequest{1}, 30);
  EXPECT_EQ(r.kind, WorkerReply::Kind::error);
  EXPECT_NE(r.detail.find("without time_begin"), std::string::npos) << r.detail;
  // Outputs were poisoned before each timed call and rewritten by it.
  EXPECT_EQ(call.first_wrong(), -1);
  EXPECT_EQ(damaged_guard(call.arena, call.layout), "");
}

TEST_F(CpuRuntime, RunningAnEmptySlotIsAnErrorReply) {
  VectorAddCall call;
  const WorkerReply r = worker_->request(
      protocol::RunRequest{"candidate", protocol::arena_ref(call.arena), {call.layout}}, 10);
  EXPECT_EQ(r.kind, WorkerReply::Kind::error);
  EXPECT_NE(r.detail.find("nothing loaded in slot 'candidate'"), std::string::npos) << r.detail;
  EXPECT_TRUE(worker_->alive());
}

TEST_F(CpuRuntime, LoadingAnArtifactWithoutTheEntrySymbolIsAnErrorReply) {
  const fs::path so = shared_object("no_entry", "extern \"C\" void solve() {}\n");
  const WorkerReply r = load("candidate", so);
  EXPECT_EQ(r.kind, WorkerReply::Kind::error);
  EXPECT_NE(r.detail.find("kbench_entry"), std::string::npos) << r.detail;
  EXPECT_NE(r.detail.find("no_entry.so"), std::string::npos) << r.detail;  // names the artifact
  // The worker survives and still serves requests.
  EXPECT_EQ(worker_->request(protocol::InfoRequest{}, 10).kind, WorkerReply::Kind::ok);
}

TEST_F(CpuRuntime, LoadingAnArtifactWithAnUndefinedSymbolIsAnErrorReply) {
  const fs::path so = shared_object("undefined", "extern \"C\" void kbench_missing_helper();\n"
                                                 "extern \"C\" void kbench_entry(void* const*) { kbench_missing_helper(); }\n");
  const WorkerReply r = load("candidate", so);
  EXPECT_EQ(r.kind, WorkerReply::Kind::error);
  EXPECT_NE(r.detail.find("kbench_missing_helper"), std::string::npos) << r.detail;
  EXPECT_EQ(worker_->request(protocol::InfoRequest{}, 10).kind, WorkerReply::Kind::ok);
}

// The reference worker loads the reference and the vendor baseline through /proc/self/fd/N. The loader
// knows a library by that name: with the first descriptor closed, the second artifact got the same
// number and the vendor slot silently ran the reference (both "timed" alike). Each slot must run its own.
TEST_F(CpuRuntime, TwoSlotsLoadedOneAfterTheOtherRunTheirOwnLibraries) {
  auto writes = [&](const std::string& name, float value) {
    return shared_object(name, "extern \"C\" void kbench_entry(void* const* a) { float* c = (float*)a[2]; long n = *(long*)a[3];"
                               " for (long i = 0; i < n; ++i) c[i] = " + std::to_string(value) + "f; }\n");
  };
  const fs::path one = writes("writes_one", 1.0f), two = writes("writes_two", 2.0f);
  ASSERT_EQ(load("reference", one).kind, WorkerReply::Kind::ok);
  ASSERT_EQ(load("vendor", two).kind, WorkerReply::Kind::ok);
  for (const auto& [slot, value] : {std::pair<std::string, float>{"reference", 1.0f}, {"vendor", 2.0f}}) {
    VectorAddCall call;
    const WorkerReply r = worker_->request(protocol::RunRequest{slot, protocol::arena_ref(call.arena), {call.layout}}, 10);
    ASSERT_EQ(r.kind, WorkerReply::Kind::ok) << r.detail;
    EXPECT_EQ(call.tensor(2)[0], value) << slot << " ran another slot's library";
    EXPECT_EQ(call.tensor(2)[VectorAddCall::n - 1], value) << slot;
  }
}

// A candidate's worker is stopped, every thread of it, whenever it is not serving a request.
TEST_F(CpuRuntime, TheCandidatesWorkerIsStoppedBetweenRequests) {
  ASSERT_EQ(load("candidate", compiled_.artifact).kind, WorkerReply::Kind::ok);
  ASSERT_GT(worker_->frozen_pid(), 0);
  EXPECT_TRUE(worker_->frozen());
  EXPECT_TRUE(all_threads_stopped(worker_->frozen_pid()));
  VectorAddCall call;
  const WorkerReply r = worker_->request(protocol::RunRequest{"candidate", protocol::arena_ref(call.arena), {call.layout, call.layout}}, 10);
  ASSERT_EQ(r.kind, WorkerReply::Kind::ok) << r.detail;
  EXPECT_EQ(call.first_wrong(), -1);
  EXPECT_EQ(r.body.at("claims_ns").size(), 2u) << r.body.dump();  // one claim per call
  EXPECT_TRUE(all_threads_stopped(worker_->frozen_pid()));
}
