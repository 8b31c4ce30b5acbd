// evaluate_batch: verdicts in input order, compiles ahead of evaluation within the look-ahead bound, and
// no compile overlapping evaluation on a backend that times on the host's cores.
#include <gtest/gtest.h>

#include <mutex>
#include <thread>

#include "backends/cpu/cpu_backend.hpp"
#include "harness/eval/batch.hpp"
#include "core/spec/catalog.hpp"
#include "tests/eval/eval_test_support.hpp"

using namespace kbench;

namespace {

// One trial per check shape and no timing: these tests are about order, not about verdict details.
EvalOptions verify_only(const std::filesystem::path& cache) {
  EvalOptions o = test::quick_eval_options(cache);
  o.trials = 1;
  o.time = false;
  return o;
}

// relu candidates that differ in a constant, so that each is a distinct compile.
std::string relu(int variant, bool correct = true) {
  return "#include <cstdint>\nstatic const int kVariant = " + std::to_string(variant) +
         ";\nextern \"C\" void solve(const float* x, float* y, int64_t n) { for (int64_t i = 0; i < n; ++i) y[i] = " +
         (correct ? "x[i] > 0 ? x[i] : 0.0f" : "x[i]") + "; (void)kVariant; }\n";
}

std::string variant_of(const std::string& source) {
  const auto at = source.find("kVariant = ");
  return at == std::string::npos ? "?" : source.substr(at + 11, 3);
}

// The CPU backend with a recorder around compile(), and a switch for the host-timing property.
class RecordingBackend : public CpuBackend {
 public:
  explicit RecordingBackend(bool host_timed) : host_timed_(host_timed) {}
  bool times_on_host_cores() const override { return host_timed_; }
  CompiledCandidate compile(const CompileRequest& req) override {
    {
      std::lock_guard lock(mutex_);
      if (std::this_thread::get_id() != main_) events_.push_back("compile " + variant_of(req.candidate.source));
    }
    return CpuBackend::compile(req);
  }
  void evaluating(std::size_t i) {
    std::lock_guard lock(mutex_);
    events_.push_back("evaluate " + std::to_string(i));
  }
  std::vector<std::string> events() {
    std::lock_guard lock(mutex_);
    return events_;
  }

 private:
  bool host_timed_;
  std::thread::id main_ = std::this_thread::get_id();
  std::mutex mutex_;
  std::vector<std::string> events_;
};

// Evaluates `count` distinct correct relu candidates (variants first_variant...) on `backend` and returns
// the recorded compile / evaluate events.
std::vector<std::string> recorded_batch(RecordingBackend& backend, int first_variant, int count, unsigned jobs,
                                        std::size_t lookahead) {
  test::TempDir tmp;
  const Catalog catalog = Catalog::load(test::source_dir() / "tasks");
  const TaskSpec& task = catalog.get("activation/relu");
  std::vector<BatchItem> items;
  for (int k = 0; k < count; ++k) items.push_back({&task, make_candidate(relu(first_variant + k), "c.cpp")});
  BatchOptions batch;
  batch.compile_jobs = jobs;
  batch.lookahead = lookahead;
  Evaluator evaluator(backend, verify_only(tmp.path));
  evaluate_batch(evaluator, items, batch,
                 [&](std::size_t i, const Verdict& v, const std::string& error) {
                   EXPECT_EQ(error, "");
                   EXPECT_EQ(v.status, Status::correct) << v.detail;
                   backend.evaluating(i);
                 });
  return backend.events();
}

std::size_t position(const std::vector<std::string>& events, const std::string& what) {
  for (std::size_t i = 0; i < events.size(); ++i)
    if (events[i] == what) return i;
  ADD_FAILURE() << "no event '" << what << "'";
  return events.size();
}

}  // namespace

TEST(Batch, VerdictsComeInInputOrder) {
  test::TempDir tmp;
  const Catalog catalog = Catalog::load(test::source_dir() / "tasks");
  const TaskSpec& task = catalog.get("activation/relu");
  auto backend = make_backend("cpu");
  std::vector<BatchItem> items = {{&task, make_candidate(relu(101), "a.cpp")},
                                  {&task, make_candidate("this is not C++", "b.cpp")},
                                  {&task, make_candidate(relu(102, false), "c.cpp")},
                                  {&task, make_candidate(relu(103), "d.cpp")}};
  std::vector<std::pair<std::size_t, Status>> seen;
  BatchOptions batch;
  batch.compile_jobs = 2;
  Evaluator evaluator(*backend, verify_only(tmp.path));
  const BatchStats stats = evaluate_batch(evaluator, items, batch,
                                          [&](std::size_t i, const Verdict& v, const std::string& error) {
                                            EXPECT_EQ(error, "");
                                            seen.emplace_back(i, v.status);
                                          });
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[0], std::make_pair(std::size_t{0}, Status::correct));
  EXPECT_EQ(seen[1], std::make_pair(std::size_t{1}, Status::compile_error));
  EXPECT_EQ(seen[2], std::make_pair(std::size_t{2}, Status::incorrect));
  EXPECT_EQ(seen[3], std::make_pair(std::size_t{3}, Status::correct));
  EXPECT_EQ(stats.compile_jobs, 2u);
  EXPECT_GT(stats.seconds, 0.0);
}

TEST(Batch, HostTimedBackendCompilesEverythingBeforeTheFirstEvaluation) {
  RecordingBackend backend(true);
  // Look-ahead 1 is ignored: nothing may compile while a host-timed candidate runs.
  const auto events = recorded_batch(backend, 200, 5, 2, 1);
  ASSERT_EQ(events.size(), 10u);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(events[i].rfind("compile ", 0), 0u) << events[i];
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(events[5 + i], "evaluate " + std::to_string(i));
}

TEST(Batch, DeviceTimedBackendCompilesAheadWithinTheLookahead) {
  RecordingBackend backend(false);
  const auto events = recorded_batch(backend, 300, 6, 1, 2);
  ASSERT_EQ(events.size(), 12u);
  // Candidate i compiles before it is evaluated, and no earlier than while candidate i - 2 is the one
  // being evaluated (look-ahead 2): after the verdict of candidate i - 3 has been given.
  for (std::size_t i = 0; i < 6; ++i) {
    const std::string variant = std::to_string(300 + i);
    EXPECT_LT(position(events, "compile " + variant), position(events, "evaluate " + std::to_string(i)));
    if (i >= 3) {
      EXPECT_GT(position(events, "compile " + variant), position(events, "evaluate " + std::to_string(i - 3)));
    }
  }
}

TEST(Batch, AHarnessErrorOnOneItemIsReportedForItAndTheBatchGoesOn) {
  test::TempDir tmp;
  const Catalog catalog = Catalog::load(test::source_dir() / "tasks");
  const TaskSpec& task = catalog.get("activation/relu");
  TaskSpec without_reference = task;
  without_reference.references["cpu"] = "cpu/activation/no_such_reference.cpp";
  auto backend = make_backend("cpu");
  std::vector<BatchItem> items = {{&without_reference, make_candidate(relu(401), "a.cpp")},
                                  {&task, make_candidate(relu(402), "b.cpp")}};
  std::vector<std::string> errors;
  std::vector<Status> statuses;
  Evaluator evaluator(*backend, verify_only(tmp.path));
  evaluate_batch(evaluator, items, {}, [&](std::size_t, const Verdict& v, const std::string& error) {
    errors.push_back(error);
    statuses.push_back(v.status);
  });
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_NE(errors[0].find("no_such_reference.cpp"), std::string::npos) << errors[0];
  EXPECT_EQ(errors[1], "");
  EXPECT_EQ(statuses[1], Status::correct);
}
