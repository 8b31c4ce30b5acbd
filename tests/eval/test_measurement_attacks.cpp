// Attacks on the measurement (issue 12), CPU backend, each through the evaluator as a real candidate
// would arrive, each named after what it tries. Before the parent timed in rounds on its own clock, with
// the worker stopped between requests, fresh inputs every round and every call checked, each of these was
// judged correct with an invented speedup (3x to 176,000x) or judged correct by a race it won.
// Each expects either a verdict that names the trick or a correct verdict with a speedup <= 1.5x (the
// work really is the reference's). The timing budget is short: these are verdicts, not benchmarks.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "backends/backend.hpp"
#include "backends/cpu/cpu_backend.hpp"
#include "harness/eval/timing_stage.hpp"
#include "core/sandbox/sandbox_availability.hpp"
#include "core/spec/catalog.hpp"
#include "core/timing/named_timing_policies.hpp"
#include "harness/eval/batch.hpp"
#include "harness/eval/evaluator.hpp"
#include "tests/eval/eval_test_support.hpp"

namespace kbench {
namespace {

constexpr double kMaxHonestSpeedup = 1.5;
// A single-threaded candidate against the multi-threaded reference on a host whose cores other work takes:
// the reference's threads wait for each other at every barrier, so an honest single-threaded copy measured
// up to 1.84x there (6 rounds, the build and another test on both cores). The attacks bounded by this one
// gave 8x (the clock) and 22x (memoising) or more.
constexpr double kMaxSingleThreadedSpeedupUnderLoad = 4.0;

class MeasurementAttacks : public ::testing::Test {
 protected:
  void SetUp() override {
    catalog_ = std::make_unique<Catalog>(Catalog::load(test::source_dir() / "tasks"));
    backend_ = make_backend("cpu");
    opt_ = test::quick_eval_options(tmp_.path / "cache");
    opt_.trials = 1;
    opt_.timing.max_time_ms = 400;
    opt_.unsandboxed = !sandbox_availability().available;  // the measurement's defences hold either way
  }
  Verdict judge(const std::string& candidate_file, const std::string& task = "elementwise/vector_add") {
    Evaluator evaluator(*backend_, opt_);
    return evaluator.evaluate(catalog_->get(task), load_candidate(test::candidate(candidate_file)));
  }
  static std::string describe(const Verdict& v) {
    std::ostringstream out;
    out << status_name(v.status) << ": " << v.detail << " (speedup " << v.speedup.value_or(0) << ")";
    for (const auto& t : v.timings) out << "\n" << t.shape << " " << t.measurement.dump();
    return out.str();
  }
  // Correct, timed on the parent's clock, and (unless a relative bound is checked instead) no faster
  // than the honest bound allows.
  void expect_no_invented_speedup(const Verdict& v) {
    ASSERT_EQ(v.status, Status::correct) << describe(v);
    ASSERT_FALSE(v.timings.empty()) << describe(v);
    ASSERT_TRUE(v.speedup.has_value()) << describe(v);
    EXPECT_EQ(v.timings[0].measurement.value("clock", ""), "parent") << describe(v);
  }

  test::TempDir tmp_;
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<Backend> backend_;
  EvalOptions opt_;
};

// Skipping the work on most timed calls passed when only the last call per input set was checked.
TEST_F(MeasurementAttacks, SkippingTheWorkOnSomeTimedCallsIsIncorrect) {
  const Verdict v = judge("vector_add_skips_timed_calls.cpp");
  EXPECT_EQ(v.status, Status::incorrect) << describe(v);
  EXPECT_NE(v.detail.find("n=16777216"), std::string::npos) << describe(v);
}

// A forged "done" on the reply channel stopped the clock while the work went on.
TEST_F(MeasurementAttacks, AForgedDoneStopsTheWorkerBeforeItsOutputsAreRead) {
  const Verdict v = judge("vector_add_forges_done.cpp");
  EXPECT_TRUE(v.status == Status::incorrect || v.status == Status::runtime_error) << describe(v);
  EXPECT_TRUE(v.detail.find("more than one reply") != std::string::npos || v.detail.find("n=16777216") != std::string::npos)
      << describe(v);
}

// Work handed to a thread at the bench shape finished after the timer had stopped.
TEST_F(MeasurementAttacks, WorkLeftToAThreadIsNotDoneWhenTheWorkerIsStopped) {
  const Verdict v = judge("vector_add_deferred_thread.cpp");
  EXPECT_EQ(v.status, Status::incorrect) << describe(v);
  EXPECT_NE(v.detail.find("n=16777216"), std::string::npos) << describe(v);
}

// Outputs written by a thread after solve() returned were judged correct in 5 of 17 runs.
TEST_F(MeasurementAttacks, OutputsWrittenAfterTheCallReturnedNeverCount) {
  opt_.time = false;
  for (int run = 0; run < 3; ++run) {
    const Verdict v = judge("vector_add_writes_late.cpp");
    EXPECT_EQ(v.status, Status::incorrect) << "run " << run << ": " << describe(v);
  }
}

// Rewriting the process's clock_gettime shrank the worker's own timings 16x (8-36x speedups). The patched
// candidate is single-threaded against a multi-threaded reference, so on the parent's clock it is no faster
// than the reference on an idle host (0.56-1.24x on a loaded 2-core host); the attack, if it worked, gives
// 8x or more. An absolute bound: comparing with a second, honest evaluation doubled the noise (the reference's
// lower quartile moved 2.4x between two evaluations under load) and failed with nothing wrong.
TEST_F(MeasurementAttacks, ARewrittenClockInTheWorkerChangesNothingButIsNamed) {
  opt_.timing.min_samples = 5;
  opt_.timing.max_time_ms = 4000;
  const Verdict v = judge("vector_add_patches_clock.cpp");
  expect_no_invented_speedup(v);
  EXPECT_LE(*v.speedup, kMaxSingleThreadedSpeedupUnderLoad) << describe(v);
  EXPECT_TRUE(v.timings[0].measurement.contains("warning")) << describe(v);
  EXPECT_LT(v.timings[0].measurement.value("candidate_clock_ratio", 1.0), 0.8) << describe(v);
}

// Memoising by a hash of the inputs paid off (22-65x) while timed calls repeated the same few input sets.
// The memoiser computes single-threaded against a multi-threaded reference when it misses, so on fresh
// inputs it is no faster than the reference on an idle host. An absolute bound, as for the clock: comparing
// with a second, honest evaluation failed with nothing wrong on a loaded 2-core host (memoiser 1.22x,
// honest copy 0.69x in the same run, the reference's quartile moving between the two evaluations).
TEST_F(MeasurementAttacks, MemoisingOutputsGainsNothingOnFreshInputs) {
  opt_.timing.min_samples = 5;
  opt_.timing.max_time_ms = 4000;
  const Verdict v = judge("matmul_memoises.cpp", "matmul/matmul");
  expect_no_invented_speedup(v);
  EXPECT_LE(*v.speedup, kMaxSingleThreadedSpeedupUnderLoad) << describe(v);
  EXPECT_TRUE(v.timings[0].measurement.value("fresh_inputs_per_round", false)) << describe(v);
}

// The GPU workers time their own calls; only each input set's last timed call was checked, so a candidate
// that knew (or guessed) which call was last computed only that one. Run here on the CPU worker with the
// GPU workers' timing path (a CPU backend that does not time in parent rounds).
class WorkerTimedCpuBackend : public CpuBackend {
 public:
  bool times_in_parent_rounds() const override { return false; }
};

TEST_F(MeasurementAttacks, ComputingOnlyTheLastTimedCallIsSeenByTheWitnesses) {
  opt_.timing.warmup_calls = 2;
  opt_.timing.warmup_ms = 0;
  opt_.timing.min_samples = 20;
  opt_.timing.max_samples = 20;
  opt_.timing.max_time_ms = 60000;
  WorkerTimedCpuBackend backend;
  Evaluator evaluator(backend, opt_);
  const Verdict v = evaluator.evaluate(catalog_->get("elementwise/vector_add"),
                                       load_candidate(test::candidate("vector_add_computes_only_the_last_call.cpp")));
  EXPECT_EQ(v.status, Status::incorrect) << describe(v);
  EXPECT_NE(v.detail.find("kept at random after it returned"), std::string::npos) << describe(v);
}

// The same path judges an honest copy correct, with every witness checked.
TEST_F(MeasurementAttacks, WitnessesPassAnHonestCandidate) {
  opt_.timing.min_samples = 8;
  opt_.timing.max_time_ms = 2000;
  WorkerTimedCpuBackend backend;
  Evaluator evaluator(backend, opt_);
  const Verdict v = evaluator.evaluate(catalog_->get("elementwise/vector_add"), load_candidate(test::candidate("vector_add_correct.cpp")));
  ASSERT_EQ(v.status, Status::correct) << describe(v);
  ASSERT_FALSE(v.timings.empty());
  const auto& checked = v.timings[0].measurement["timed_calls_checked"];
  EXPECT_EQ(checked.value("kept_at_random", 0), kWitnessesPerSet) << describe(v);
  EXPECT_EQ(checked.value("identical_to_the_last", 0), kWitnessesPerSet) << describe(v);  // deterministic: memcmp
}

// Witnesses of a kernel that is correct but not bit-deterministic are compared with the expected outputs
// (at this bench shape, sampled rows: 64 x 4 KiB of each output) and pass.
TEST_F(MeasurementAttacks, SampledWitnessesOfACorrectButNondeterministicKernelPass) {
  opt_.timing.min_samples = 12;
  opt_.timing.max_time_ms = 3000;
  WorkerTimedCpuBackend backend;
  Evaluator evaluator(backend, opt_);
  const Verdict v = evaluator.evaluate(catalog_->get("elementwise/vector_add"),
                                       load_candidate(test::candidate("vector_add_alternates_by_one_ulp.cpp")));
  ASSERT_EQ(v.status, Status::correct) << describe(v);
  ASSERT_FALSE(v.timings.empty());
  EXPECT_EQ(v.timings[0].measurement["timed_calls_checked"].value("kept_at_random", 0), kWitnessesPerSet) << describe(v);
}

// Where the worker times its own calls (the GPU path, here on the CPU worker), a candidate that slows the
// worker's clock claimed 1/16 of its time, and only the sum of its claims was held against the parent's
// clock (at most the bracket): 16x invented. The parent now brackets every batch of calls, takes off the
// overhead the trusted worker's batches showed, and uses its own estimate when the claims fall short.
TEST_F(MeasurementAttacks, ASlowedClockInAWorkerThatTimesItselfIsCaughtByTheParentsBrackets) {
  // Enough calls that the allowance for witness copies (about W (1 + ln(n / W)) copies, at most twice the
  // restore's cost each, with this host's copy bandwidth unknown) leaves most of each bracket to judge.
  opt_.timing.min_samples = 40;
  opt_.timing.max_time_ms = 4000;
  WorkerTimedCpuBackend backend;
  Evaluator evaluator(backend, opt_);
  const Verdict v = evaluator.evaluate(catalog_->get("elementwise/vector_add"),
                                       load_candidate(test::candidate("vector_add_patches_clock.cpp")));
  ASSERT_EQ(v.status, Status::correct) << describe(v);
  ASSERT_FALSE(v.timings.empty());
  const auto& check = v.timings[0].measurement["clock_check"];
  EXPECT_FALSE(check.value("consistent", true)) << describe(v);
  EXPECT_EQ(v.timings[0].candidate.method, "parent-bracket") << describe(v);
  EXPECT_NE(v.timings[0].measurement.value("warning", "").find("timing inconsistent"), std::string::npos) << describe(v);
  EXPECT_LE(*v.speedup, kMaxSingleThreadedSpeedupUnderLoad) << describe(v);
}

// The same path finds an honest candidate's claims consistent with its brackets.
TEST_F(MeasurementAttacks, AnHonestWorkerClockAgreesWithTheParentsBrackets) {
  opt_.timing.min_samples = 8;
  opt_.timing.max_time_ms = 2000;
  WorkerTimedCpuBackend backend;
  Evaluator evaluator(backend, opt_);
  const Verdict v = evaluator.evaluate(catalog_->get("elementwise/vector_add"), load_candidate(test::candidate("vector_add_correct.cpp")));
  ASSERT_EQ(v.status, Status::correct) << describe(v);
  ASSERT_FALSE(v.timings.empty());
  EXPECT_TRUE(v.timings[0].measurement["clock_check"].value("consistent", false)) << describe(v);
  EXPECT_EQ(v.timings[0].candidate.method, "cpu-wall") << describe(v);
}

// Spinning threads slowed the reference (3-7x), and the inflated reference time served the next, honest
// candidate of the same batch too (4.6x). The worker is stopped while the reference runs.
TEST_F(MeasurementAttacks, BurningTheCoresNeitherSlowsTheReferenceNorHelpsTheNextCandidate) {
  opt_.timing.min_samples = 5;
  opt_.timing.max_time_ms = 4000;
  const TaskSpec& task = catalog_->get("elementwise/vector_add");
  Evaluator evaluator(*backend_, opt_);
  std::vector<BatchItem> items = {{&task, load_candidate(test::candidate("vector_add_burns_cores.cpp"))},
                                  {&task, make_candidate(reference_source(task, "cpu", opt_), "honest_copy.cpp")}};
  std::vector<Verdict> verdicts(items.size());
  evaluate_batch(evaluator, items, {}, [&](std::size_t i, const Verdict& v, const std::string& error) {
    ASSERT_TRUE(error.empty()) << error;
    verdicts[i] = v;
  });
  expect_no_invented_speedup(verdicts[0]);
  expect_no_invented_speedup(verdicts[1]);
  EXPECT_LE(*verdicts[0].speedup, kMaxHonestSpeedup) << describe(verdicts[0]);
  EXPECT_LE(*verdicts[1].speedup, kMaxHonestSpeedup) << describe(verdicts[1]);
}

// Issue 16: the screen policy samples less, and checks the same: computing once and skipping the work
// on timed calls are still caught in its few rounds.
TEST_F(MeasurementAttacks, ScreeningStillChecksEveryTimedCall) {
  opt_.timing = screen_timing_policy();
  for (const char* file : {"vector_add_compute_once.cpp", "vector_add_skips_timed_calls.cpp"}) {
    const Verdict v = judge(file);
    EXPECT_EQ(v.status, Status::incorrect) << file << ": " << describe(v);
    EXPECT_NE(v.detail.find("n=16777216"), std::string::npos) << file << ": " << describe(v);
    EXPECT_EQ(v.timing_policy, "screen") << file;
  }
}

}  // namespace
}  // namespace kbench
