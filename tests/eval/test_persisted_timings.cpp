// Reference timings kept across kbench processes (issue 16): a timing one Evaluator measured is found by
// the next one on the same cache (the same numbers, not a new measurement), only under its own key, only
// while fresh, never from a file that is not one; and it is measured with no candidate of another process
// on the device (DeviceLock: the timing waits for a candidate's evaluation to end). Through the GPU
// backends' path on the CPU worker (a CPU backend that does not time in parent rounds).
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <future>
#include <thread>

#include <nlohmann/json.hpp>

#include "backends/cpu/cpu_backend.hpp"
#include "core/sandbox/sandbox_availability.hpp"
#include "core/spec/catalog.hpp"
#include "core/util/hash.hpp"
#include "harness/eval/device_lock.hpp"
#include "harness/eval/evaluator.hpp"
#include "harness/eval/reference_timings.hpp"
#include "tests/eval/eval_test_support.hpp"

namespace kbench {
namespace {
namespace fs = std::filesystem;

ReferenceTimings::Key key(const std::string& device = "H200|sm_90|GPU-1|driver 580") {
  return {"elementwise/vector_add", "cuda", "/cache/reference.so", "n=67108864", 1, "{\"name\":\"full\"}", device};
}

BaselineTiming timing(double median_ns) {
  BaselineTiming t;
  t.summary.median_ns = median_ns;
  t.summary.method = "cuda-events-cold";
  t.summary.raw_ns = {median_ns - 1, median_ns, median_ns + 1};
  t.overhead = {1500, 20, 3, 6};
  return t;
}

TEST(PersistedTimings, AnotherProcessFindsTheTimingUnderItsOwnKeyOnly) {
  test::TempDir tmp;
  ReferenceTimings first, second;
  first.persist_in(tmp.path);
  second.persist_in(tmp.path);
  EXPECT_FALSE(second.find(key()));
  first.store(key(), timing(288e3));
  const auto found = second.find(key());
  ASSERT_TRUE(found);
  EXPECT_EQ(found->summary.median_ns, 288e3);
  EXPECT_EQ(found->summary.method, "cuda-events-cold");
  EXPECT_EQ(found->summary.raw_ns.size(), 3u);  // raw samples kept, as verdicts store them
  EXPECT_EQ(found->overhead.fixed_ns, 1500);
  EXPECT_EQ(found->overhead.batches, 6);
  EXPECT_FALSE(second.find(key("H200|sm_90|GPU-2|driver 580"))) << "another device";
  auto other_policy = key();
  other_policy.policy = "{\"name\":\"screen\"}";
  EXPECT_FALSE(second.find(other_policy));
}

TEST(PersistedTimings, OnlyFreshCleanReadableTimingsAreFound) {
  test::TempDir tmp;
  ReferenceTimings writer, stale(0.0), reader;
  writer.persist_in(tmp.path);
  stale.persist_in(tmp.path);
  reader.persist_in(tmp.path);
  writer.store(key(), timing(1e3));
  EXPECT_FALSE(stale.find(key())) << "older than a max age of 0 s";
  // Measured beside a candidate: kept by its own process only.
  writer.store(key("beside a candidate"), timing(2e3), false);
  EXPECT_TRUE(writer.find(key("beside a candidate")));
  EXPECT_FALSE(reader.find(key("beside a candidate")));
  // A file that is not a timing, or one whose key was changed, is ignored (and the timing measured again).
  std::ofstream(tmp.path / ReferenceTimings::file_name(key("garbage"))) << "{ not json";
  EXPECT_FALSE(reader.find(key("garbage")));
  auto j = nlohmann::json::parse(std::ifstream(tmp.path / ReferenceTimings::file_name(key())));
  j["key"]["shape"] = "n=1";
  std::ofstream(tmp.path / ReferenceTimings::file_name(key("moved"))) << j.dump();
  EXPECT_FALSE(reader.find(key("moved")));
}

TEST(DeviceLock, ABaselineTimingWaitsForEveryCandidateOnTheDevice) {
  test::TempDir tmp;
  DeviceLock candidate(tmp.path / "device.lock"), baseline(tmp.path / "device.lock");
  candidate.shared();
  EXPECT_FALSE(baseline.exclusive(0.2)) << "a candidate is on the device";
  candidate.release();
  EXPECT_TRUE(baseline.exclusive(0.2));
  baseline.release();
  EXPECT_TRUE(DeviceLock().exclusive(0)) << "no lock file: nothing to wait for";
}

class WorkerTimedCpuBackend : public CpuBackend {
 public:
  bool times_in_parent_rounds() const override { return false; }
};

class PersistedTimingsEval : public ::testing::Test {
 protected:
  void SetUp() override {
    catalog_ = std::make_unique<Catalog>(Catalog::load(test::source_dir() / "tasks"));
    opt_ = test::quick_eval_options(tmp_.path / "cache");
    opt_.trials = 1;
    opt_.timing.max_time_ms = 300;
    opt_.unsandboxed = !sandbox_availability().available;
  }
  Verdict judge() {
    Evaluator evaluator(backend_, opt_);  // a fresh Evaluator: what a new `kbench eval` process has
    return evaluator.evaluate(catalog_->get("elementwise/vector_add"), load_candidate(test::candidate("vector_add_correct.cpp")));
  }
  fs::path timings_dir() const { return tmp_.path / "cache" / "reference-timings"; }
  std::vector<fs::path> timing_files() const {
    std::vector<fs::path> files;
    if (fs::exists(timings_dir()))
      for (const auto& e : fs::directory_iterator(timings_dir()))
        if (e.path().extension() == ".json") files.push_back(e.path());
    return files;
  }

  test::TempDir tmp_;
  std::unique_ptr<Catalog> catalog_;
  WorkerTimedCpuBackend backend_;
  EvalOptions opt_;
};

TEST_F(PersistedTimingsEval, ANewEvaluatorUsesTheReferenceTimingTheLastOneMeasured) {
  const Verdict a = judge();
  ASSERT_EQ(a.status, Status::correct) << a.detail;
  ASSERT_EQ(timing_files().size(), 1u);
  const Verdict b = judge();
  ASSERT_EQ(b.status, Status::correct) << b.detail;
  ASSERT_FALSE(a.timings.empty());
  ASSERT_FALSE(b.timings.empty());
  // The same measurement, to the last bit: read back, not timed again (two timings never agree this well).
  EXPECT_EQ(a.timings[0].reference.median_ns, b.timings[0].reference.median_ns);
  EXPECT_EQ(a.timings[0].reference.raw_ns, b.timings[0].reference.raw_ns);
  EXPECT_NE(a.timings[0].candidate.raw_ns, b.timings[0].candidate.raw_ns);  // the candidate is timed each time
}

TEST_F(PersistedTimingsEval, TheReferenceIsNotTimedWhileAnotherEvaluationsCandidateIsOnTheDevice) {
  const auto device = backend_.probe_device();
  ASSERT_TRUE(device);
  fs::create_directories(timings_dir());
  DeviceLock other(timings_dir() / (sha256_hex(device_identity(*device)).substr(0, 16) + ".lock"));
  other.shared();  // another process's candidate
  auto verdict = std::async(std::launch::async, [&] { return judge(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_TRUE(timing_files().empty()) << "the reference was timed beside another process's candidate";
  const double released_at = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  other.release();
  const Verdict v = verdict.get();
  ASSERT_EQ(v.status, Status::correct) << v.detail;
  ASSERT_EQ(timing_files().size(), 1u);
  const auto j = nlohmann::json::parse(std::ifstream(timing_files()[0]));
  EXPECT_GE(j.at("measured_at_unix").get<double>(), released_at);
}

}  // namespace
}  // namespace kbench
