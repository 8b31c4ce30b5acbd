// Synthetic stored runs for the compare and dashboard tests: attempts whose timing summaries hold
// deterministic raw samples with a chosen median and spread, written through ResultStore like real runs.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "results/store/llm_store.hpp"
#include "results/store/store.hpp"

namespace kbench::test {

// n samples evenly spread over median * [1 - spread, 1 + spread], in a scrambled order (as measured).
inline std::vector<double> spread_samples(double median_ns, double spread, int n) {
  std::vector<double> s;
  for (int i = 0; i < n; ++i) {
    const int k = (i * 7919) % n;  // a permutation of 0..n-1 for n not divisible by 7919
    s.push_back(median_ns * (1 + spread * (2 * (k + 0.5) / n - 1)));
  }
  return s;
}

struct TimingSpec {
  double median_ns = 1e5, spread = 0.02;
  int samples = 100;
  double flops = 0, bytes = 0;
  std::optional<double> peak_flops, peak_bytes_per_s;  // device ceilings (become fractions)
};

inline TimingSpec timing(double median_ns, double spread, int samples) {
  TimingSpec t;
  t.median_ns = median_ns;
  t.spread = spread;
  t.samples = samples;
  return t;
}

inline Verdict timed_verdict(Status status, const TimingSpec& t, double reference_median_ns, const std::string& shape = "n=1000") {
  Verdict v;
  v.status = status;
  v.device = "Synthetic CPU (2 threads)";
  v.compiler = "g++ 12.2.0 -O3";
  if (status != Status::correct) {
    v.detail = "synthetic failure";
    return v;
  }
  ShapeTiming st;
  st.shape = shape;
  st.candidate = summarize_samples(spread_samples(t.median_ns, t.spread, t.samples), "cpu-wall");
  st.reference = summarize_samples(spread_samples(reference_median_ns, 0.02, t.samples), "cpu-wall");
  st.speedup = st.reference.median_ns / st.candidate.median_ns;
  st.flops = t.flops;
  st.bytes = t.bytes;
  st.achieved_flops = t.flops / (st.candidate.median_ns * 1e-9);
  st.achieved_bytes_per_s = t.bytes / (st.candidate.median_ns * 1e-9);
  if (t.peak_bytes_per_s) st.bandwidth_fraction = st.achieved_bytes_per_s / *t.peak_bytes_per_s;
  if (t.peak_flops) st.compute_fraction = st.achieved_flops / *t.peak_flops;
  v.timings.push_back(st);
  v.speedup = st.speedup;
  return v;
}

inline void add_attempt(ResultStore& store, const std::string& run, const std::string& task, const std::string& role,
                        const Verdict& v, std::optional<int> turn = std::nullopt) {
  AttemptRecord a;
  a.run_id = run;
  a.task_id = task;
  a.backend = "cpu";
  a.role = role;
  a.source = "// synthetic";
  a.source_hash = "synthetic";
  a.verdict = v;
  if (turn) a.sample = 0, a.turn = turn;
  store.add_attempt(a);
}

// A database like CI builds it: three baseline runs (the third with vector_add 20 % slower and gemm
// incorrect), then one LLM run over four tasks and three turns with token usage. Returns the run ids.
struct DashboardFixture {
  std::vector<std::string> baselines;
  std::string llm_run;
};

inline DashboardFixture build_dashboard_fixture(ResultStore& store) {
  const double peak_flops = 1e11, peak_bw = 2e10;  // the synthetic device's ceilings
  auto spec = [&](const std::string& task, double median_ns, double spread = 0.02) {
    TimingSpec t = timing(median_ns, spread, 100);
    t.peak_flops = peak_flops;
    t.peak_bytes_per_s = peak_bw;
    if (task == "elementwise/vector_add") t.flops = 1e6, t.bytes = 12e6;
    if (task == "matmul/gemm") t.flops = 2.0 * 256 * 256 * 256, t.bytes = 12.0 * 256 * 256;
    if (task == "reduction/sum_rows") t.flops = 1e6, t.bytes = 4e6;
    return t;
  };
  DashboardFixture f;
  const double slow[3] = {1.0, 1.01, 1.20};
  for (int r = 0; r < 3; ++r) {
    const std::string run = store.begin_run("baseline", "kbench baseline --backend cpu", {{"tasks", "*"}, {"backend", "cpu"}});
    add_attempt(store, run, "elementwise/vector_add", "reference",
                timed_verdict(Status::correct, spec("elementwise/vector_add", 1e6 * slow[r]), 1e6 * slow[r]));
    add_attempt(store, run, "matmul/gemm", "reference",
                timed_verdict(r == 2 ? Status::incorrect : Status::correct, spec("matmul/gemm", 4e6), 4e6));
    add_attempt(store, run, "reduction/sum_rows", "reference",
                timed_verdict(Status::correct, spec("reduction/sum_rows", 5e5 * (r == 1 ? 0.99 : 1.0)), 5e5));
    store.finish_run(run);
    f.baselines.push_back(run);
  }
  const std::vector<std::string> tasks = {"elementwise/vector_add", "matmul/gemm", "reduction/sum_rows", "normalization/softmax"};
  f.llm_run = store.begin_run("run", "kbench run --model replay", {{"tasks", tasks}, {"backend", "cpu"}, {"model", "replay"}});
  // speedup per task and turn; 0 = not correct (the status says what instead).
  struct Turn {
    const char* task;
    int turn;
    Status status;
    double speedup;
  };
  const Turn turns[] = {
      {"elementwise/vector_add", 0, Status::compile_error, 0}, {"elementwise/vector_add", 1, Status::correct, 1.1},
      {"elementwise/vector_add", 2, Status::correct, 1.6},     {"matmul/gemm", 0, Status::incorrect, 0},
      {"matmul/gemm", 1, Status::incorrect, 0},                {"matmul/gemm", 2, Status::correct, 2.5},
      {"reduction/sum_rows", 0, Status::correct, 0.9},         {"reduction/sum_rows", 1, Status::correct, 1.3},
      {"reduction/sum_rows", 2, Status::no_code, 0},           {"normalization/softmax", 0, Status::incorrect, 0},
      {"normalization/softmax", 1, Status::runtime_error, 0},  {"normalization/softmax", 2, Status::incorrect, 0}};
  LlmStore llm(store.database());
  for (const Turn& t : turns) {
    const double ref = 1e6;
    add_attempt(store, f.llm_run, t.task, "candidate",
                timed_verdict(t.status, spec(t.task, t.speedup > 0 ? ref / t.speedup : ref), ref), t.turn);
    LlmCallRecord call;
    call.run_id = f.llm_run;
    call.task_id = t.task;
    call.sample = 0;
    call.turn = t.turn;
    call.provider = "replay";
    call.model = "replay";
    call.endpoint = "prompts/replay/cpu.json";
    call.request_json = "{}";
    call.response_text = "```cpp\n// synthetic\n```";
    call.input_tokens = 1000 + 500 * t.turn;  // the conversation grows each turn
    call.output_tokens = 300;
    call.latency_s = 0.5;
    llm.add_call(call);
  }
  store.finish_run(f.llm_run);
  return f;
}

}  // namespace kbench::test
