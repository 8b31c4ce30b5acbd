// Verdict (core/verdict): JSON round trip of every field, status names, sample summaries, log trimming.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "core/verdict/verdict.hpp"

using namespace kbench;

namespace {

TimingSummary summary(double base, const std::string& method) {
  TimingSummary t;
  t.median_ns = base;
  t.min_ns = base - 1;
  t.p10_ns = base - 0.5;
  t.p90_ns = base + 2;
  t.mean_ns = base + 0.25;
  t.stddev_ns = 0.75;
  t.cv = 0.01;
  t.rse = 0.002;
  t.samples = 41;
  t.method = method;
  t.raw_ns = {base - 1, base, base + 2};
  return t;
}

Verdict full_verdict() {
  Verdict v;
  v.status = Status::incorrect;
  v.detail = "output 'c' element 3 is 2 (expected 1)";
  v.metrics.max_abs = 1.5;
  v.metrics.max_rel = 0.75;
  v.metrics.nrel = 0.125;
  v.metrics.first_mismatch = 3;
  v.metrics.failing_output = "c";
  v.metrics.failing_shape = "n=4097";
  v.metrics.phase = "timed";
  v.metrics.examples = {{"c", 3, 2.0, 1.0}, {"c", 9, -4.5, 0.25}};
  ShapeTiming st;
  st.shape = "n=16777216";
  st.candidate = summary(1000, "cpu-wall");
  st.reference = summary(2000, "cpu-wall");
  st.vendor = summary(800, "cublas");
  st.speedup = 2.0;
  st.vendor_speedup = 0.8;
  st.flops = 16777216;
  st.bytes = 201326592;
  st.achieved_flops = 1.6e10;
  st.achieved_bytes_per_s = 2.0e11;
  st.bandwidth_fraction = 0.4;
  st.compute_fraction = 0.05;
  ShapeTiming plain;  // no vendor, no fractions: they stay absent
  plain.shape = "n=1";
  plain.candidate = summary(10, "cpu-wall");
  plain.reference = summary(20, "cpu-wall");
  plain.speedup = 2.0;
  v.timings = {st, plain};
  v.speedup = 1.9;
  v.vendor_speedup = 0.7;
  v.compile_log = "candidate.cpp:1: warning: unused";
  v.run_log = "hello from the candidate\n";
  v.device = "Test CPU (2 threads)";
  v.compiler = "g++ 12.2.0 -O3";
  v.compile_seconds = 1.25;
  v.verify_seconds = 0.5;
  v.time_seconds = 3.75;
  v.seed = 0xFEEDFACECAFEBEEFull;  // above 2^63: must survive as unsigned
  v.timing_policy = "screen";
  v.timing_parameters = {{"min_samples", 5}, {"max_time_ms", 300.0}, {"target_rse", 0.02}};
  return v;
}

void expect_same(const TimingSummary& a, const TimingSummary& b, bool with_raw) {
  EXPECT_EQ(a.median_ns, b.median_ns);
  EXPECT_EQ(a.min_ns, b.min_ns);
  EXPECT_EQ(a.p10_ns, b.p10_ns);
  EXPECT_EQ(a.p90_ns, b.p90_ns);
  EXPECT_EQ(a.mean_ns, b.mean_ns);
  EXPECT_EQ(a.stddev_ns, b.stddev_ns);
  EXPECT_EQ(a.cv, b.cv);
  EXPECT_EQ(a.rse, b.rse);
  EXPECT_EQ(a.samples, b.samples);
  EXPECT_EQ(a.method, b.method);
  if (with_raw) {
    EXPECT_EQ(a.raw_ns, b.raw_ns);
  }
}

const Status kAll[] = {Status::correct, Status::incorrect, Status::compile_error, Status::runtime_error,
                       Status::timeout, Status::compiled, Status::no_code};

}  // namespace

TEST(VerdictJson, RoundTripKeepsEveryField) {
  for (bool with_raw : {false, true}) {
    SCOPED_TRACE(with_raw ? "with raw samples" : "without raw samples");
    const Verdict v = full_verdict();
    // Through text, as the store and the CLI do.
    const Verdict r = verdict_from_json(nlohmann::json::parse(to_json(v, with_raw).dump()));
    EXPECT_EQ(r.status, v.status);
    EXPECT_EQ(r.detail, v.detail);
    EXPECT_EQ(r.metrics.max_abs, v.metrics.max_abs);
    EXPECT_EQ(r.metrics.max_rel, v.metrics.max_rel);
    EXPECT_EQ(r.metrics.nrel, v.metrics.nrel);
    EXPECT_EQ(r.metrics.first_mismatch, v.metrics.first_mismatch);
    EXPECT_EQ(r.metrics.failing_output, v.metrics.failing_output);
    EXPECT_EQ(r.metrics.failing_shape, v.metrics.failing_shape);
    EXPECT_EQ(r.metrics.phase, v.metrics.phase);
    ASSERT_EQ(r.metrics.examples.size(), v.metrics.examples.size());
    for (std::size_t i = 0; i < v.metrics.examples.size(); ++i) {
      EXPECT_EQ(r.metrics.examples[i].output, v.metrics.examples[i].output);
      EXPECT_EQ(r.metrics.examples[i].index, v.metrics.examples[i].index);
      EXPECT_EQ(r.metrics.examples[i].got, v.metrics.examples[i].got);
      EXPECT_EQ(r.metrics.examples[i].expected, v.metrics.examples[i].expected);
    }
    ASSERT_EQ(r.timings.size(), v.timings.size());
    for (std::size_t i = 0; i < v.timings.size(); ++i) {
      const ShapeTiming &a = r.timings[i], &b = v.timings[i];
      EXPECT_EQ(a.shape, b.shape);
      expect_same(a.candidate, b.candidate, with_raw);
      expect_same(a.reference, b.reference, with_raw);
      ASSERT_EQ(a.vendor.has_value(), b.vendor.has_value()) << b.shape;
      if (b.vendor) expect_same(*a.vendor, *b.vendor, with_raw);
      EXPECT_EQ(a.speedup, b.speedup);
      EXPECT_EQ(a.vendor_speedup, b.vendor_speedup);
      EXPECT_EQ(a.flops, b.flops);
      EXPECT_EQ(a.bytes, b.bytes);
      EXPECT_EQ(a.achieved_flops, b.achieved_flops);
      EXPECT_EQ(a.achieved_bytes_per_s, b.achieved_bytes_per_s);
      EXPECT_EQ(a.bandwidth_fraction, b.bandwidth_fraction);
      EXPECT_EQ(a.compute_fraction, b.compute_fraction);
    }
    if (!with_raw) {
      EXPECT_TRUE(r.timings[0].candidate.raw_ns.empty());
    }
    EXPECT_EQ(r.speedup, v.speedup);
    EXPECT_EQ(r.vendor_speedup, v.vendor_speedup);
    EXPECT_EQ(r.compile_log, v.compile_log);
    EXPECT_EQ(r.run_log, v.run_log);
    EXPECT_EQ(r.device, v.device);
    EXPECT_EQ(r.compiler, v.compiler);
    EXPECT_EQ(r.compile_seconds, v.compile_seconds);
    EXPECT_EQ(r.verify_seconds, v.verify_seconds);
    EXPECT_EQ(r.time_seconds, v.time_seconds);
    EXPECT_EQ(r.seed, v.seed);
    EXPECT_EQ(r.timing_policy, "screen");
    EXPECT_EQ(r.timing_parameters, v.timing_parameters);
  }
}

TEST(VerdictJson, AbsentOptionalsStayAbsent) {
  Verdict v;
  v.status = Status::compile_error;
  const nlohmann::json j = to_json(v);
  EXPECT_FALSE(j.contains("speedup"));
  EXPECT_FALSE(j.contains("vendor_speedup"));
  EXPECT_FALSE(j.contains("timing_policy"));  // no evaluation named one (a verdict stored before the policies)
  EXPECT_FALSE(j.contains("timing_parameters"));
  const Verdict r = verdict_from_json(j);
  EXPECT_EQ(r.timing_policy, "");
  EXPECT_TRUE(r.timing_parameters.is_null());
  EXPECT_EQ(r.status, Status::compile_error);
  EXPECT_FALSE(r.speedup.has_value());
  EXPECT_FALSE(r.vendor_speedup.has_value());
  EXPECT_TRUE(r.timings.empty());
}

TEST(VerdictJson, NonFiniteErrorsAndNanExamplesSurvive) {
  Verdict v;
  v.status = Status::incorrect;
  v.metrics.max_abs = INFINITY;
  v.metrics.examples = {{"y", 0, std::nan(""), 1.0}};
  const nlohmann::json j = nlohmann::json::parse(to_json(v).dump());  // inf/NaN are not JSON numbers
  EXPECT_TRUE(j.at("metrics").at("max_abs_err").is_null());
  const Verdict r = verdict_from_json(j);
  EXPECT_TRUE(std::isinf(r.metrics.max_abs));
  ASSERT_EQ(r.metrics.examples.size(), 1u);
  EXPECT_TRUE(std::isnan(r.metrics.examples[0].got));
  EXPECT_EQ(r.metrics.examples[0].expected, 1.0);
}

TEST(VerdictStatus, EveryStatusHasItsExactNameAndParsesBack) {
  const std::map<Status, std::string> expected = {
      {Status::correct, "correct"},        {Status::incorrect, "incorrect"}, {Status::compile_error, "compile_error"},
      {Status::runtime_error, "runtime_error"}, {Status::timeout, "timeout"}, {Status::compiled, "compiled"},
      {Status::no_code, "no_code"}};
  for (Status s : kAll) {
    EXPECT_EQ(status_name(s), expected.at(s));
    EXPECT_EQ(parse_status(status_name(s)), s) << status_name(s);
    Verdict v;
    v.status = s;
    EXPECT_EQ(to_json(v).at("status"), expected.at(s));
    EXPECT_EQ(verdict_from_json(to_json(v)).status, s);
  }
}

TEST(VerdictStatus, AnUnknownNameIsAnErrorNamingIt) {
  for (const char* bad : {"Correct", "passed", "", "compile-error"}) {
    try {
      parse_status(bad);
      FAIL() << "parsed '" << bad << "'";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("'" + std::string(bad) + "'"), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW(verdict_from_json({{"status", "bogus"}}), std::invalid_argument);
}

TEST(SummarizeSamples, KnownSamples) {
  // 1..10 shuffled: the summary must not depend on order.
  const TimingSummary t = summarize_samples({7, 3, 10, 1, 5, 9, 2, 8, 4, 6}, "cpu-wall");
  EXPECT_EQ(t.method, "cpu-wall");
  EXPECT_EQ(t.samples, 10);
  EXPECT_DOUBLE_EQ(t.median_ns, 5.5);
  EXPECT_DOUBLE_EQ(t.min_ns, 1.0);
  EXPECT_DOUBLE_EQ(t.p10_ns, 1.9);   // linear interpolation at 0.1 * 9 = 0.9
  EXPECT_DOUBLE_EQ(t.p90_ns, 9.1);
  EXPECT_DOUBLE_EQ(t.mean_ns, 5.5);
  const double sd = std::sqrt(55.0 / 6.0);  // sample stddev of 1..10: sqrt(82.5 / 9)
  EXPECT_NEAR(t.stddev_ns, sd, 1e-12);
  EXPECT_NEAR(t.cv, sd / 5.5, 1e-12);
  EXPECT_NEAR(t.rse, sd / 5.5 / std::sqrt(10.0), 1e-12);
  EXPECT_EQ(t.raw_ns.size(), 10u);
}

TEST(SummarizeSamples, OddCountOneSampleAndNone) {
  const TimingSummary odd = summarize_samples({30, 10, 20}, "m");
  EXPECT_DOUBLE_EQ(odd.median_ns, 20);
  EXPECT_DOUBLE_EQ(odd.min_ns, 10);
  EXPECT_DOUBLE_EQ(odd.mean_ns, 20);
  EXPECT_DOUBLE_EQ(odd.stddev_ns, 10);
  const TimingSummary one = summarize_samples({42}, "m");
  EXPECT_EQ(one.samples, 1);
  EXPECT_DOUBLE_EQ(one.median_ns, 42);
  EXPECT_DOUBLE_EQ(one.p10_ns, 42);
  EXPECT_DOUBLE_EQ(one.p90_ns, 42);
  EXPECT_EQ(one.stddev_ns, 0);
  EXPECT_EQ(one.cv, 0);
  EXPECT_EQ(one.rse, 0);
  const TimingSummary none = summarize_samples({}, "m");
  EXPECT_EQ(none.samples, 0);
  EXPECT_EQ(none.median_ns, 0);
  EXPECT_TRUE(none.raw_ns.empty());
}

TEST(SummarizeSamples, RawSamplesAreThinnedTo512ButStatsUseAll) {
  std::vector<double> s;
  for (int i = 0; i < 2000; ++i) s.push_back(i < 1000 ? 1.0 : 3.0);
  const TimingSummary t = summarize_samples(s, "m");
  EXPECT_EQ(t.samples, 2000);
  EXPECT_EQ(t.raw_ns.size(), 512u);
  EXPECT_DOUBLE_EQ(t.mean_ns, 2.0);
  EXPECT_DOUBLE_EQ(t.median_ns, 2.0);
}

TEST(TrimLog, ShortLogsAreUntouched) {
  EXPECT_EQ(trim_log("short", 100), "short");
  const std::string exact(100, 'x');
  EXPECT_EQ(trim_log(exact, 100), exact);
}

TEST(TrimLog, KeepsHeadAndTailAndMarksTheCut) {
  const std::string log = std::string(1000, 'H') + std::string(3000, 'm') + std::string(1000, 'T');
  const std::string t = trim_log(log, 2000);
  EXPECT_EQ(t.substr(0, 1000), std::string(1000, 'H'));           // the head, whole
  EXPECT_EQ(t.substr(t.size() - 1000), std::string(1000, 'T'));   // the tail, whole
  EXPECT_NE(t.find("[... 3000 bytes cut ...]"), std::string::npos) << t.substr(990, 60);
  EXPECT_LT(t.size(), log.size());
  EXPECT_LE(t.size(), 2000u + 64u);  // the marker is the only addition
  // Exactly max_bytes of the original are kept (the marker has none of these letters).
  EXPECT_EQ(std::count(t.begin(), t.end(), 'H') + std::count(t.begin(), t.end(), 'm') + std::count(t.begin(), t.end(), 'T'), 2000);
}
