// Evaluator: compile → verify (every check shape × trials, against the float64 oracle) → time (bench
// shapes, reference then candidate, timed outputs re-checked) → Verdict. See evaluator.hpp.
#include "harness/eval/evaluator.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <chrono>
#include <cmath>
#include <fstream>
#include <future>
#include <map>
#include <random>
#include <sstream>

#include "harness/eval/baseline_workers.hpp"
#include "harness/eval/bench_inputs.hpp"
#include "harness/eval/call_plan.hpp"
#include "harness/eval/compare.hpp"
#include "harness/eval/eval_session.hpp"
#include "harness/eval/inputs.hpp"
#include "harness/eval/timing_stage.hpp"
#include "core/util/hash.hpp"
#include "core/util/paths.hpp"
#include "core/util/trace.hpp"
#include "harness/worker/supervisor.hpp"

namespace kbench {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// A compiled artifact opened for a load request (workers get the descriptor, not the path). An
// unprivileged worker dlopens it through /proc/self/fd, which checks the file's mode again: artifacts
// (compiled candidates and public references, nothing secret) are made readable by everyone, whatever
// the umask was when they were built.
struct OpenFile {
  int fd;
  explicit OpenFile(const fs::path& path) : fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
    if (fd < 0) throw HarnessError("cannot open " + path.string() + ": " + std::strerror(errno));
    struct stat st {};
    constexpr mode_t kReadable = S_IRUSR | S_IRGRP | S_IROTH;
    if (fstat(fd, &st) != 0 || ((st.st_mode & kReadable) != kReadable && fchmod(fd, st.st_mode | kReadable) != 0)) {
      const std::string why = std::strerror(errno);
      ::close(fd);
      throw HarnessError("cannot make " + path.string() + " readable for the worker: " + why);
    }
  }
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  ~OpenFile() { ::close(fd); }
};

// A fresh worker for the candidate, logging into the session's work folder (nothing loaded yet).
std::unique_ptr<WorkerProcess> start_worker(Session& s, const std::string& name) {
  const fs::path log = s.work_dir / (name + ".log");
  std::ofstream(log, std::ios::trunc).close();
  return std::make_unique<WorkerProcess>(s.backend.worker_executable(), log, s.backend.unprivileged_candidates());
}

CompiledCandidate compile_for(const TaskSpec& task, Backend& backend, const EvalOptions& opt, const std::string& source,
                              const std::string& file_name, bool policy) {
  CompileRequest req;
  req.task = &task;
  req.candidate = make_candidate(source, file_name);
  req.work_dir = opt.cache_dir / backend.name();
  req.timeout_seconds = opt.compile_timeout_s;
  req.enforce_library_policy = policy;
  return backend.compile(req);
}

CompiledCandidate compile_source(Session& s, const std::string& source, const std::string& file_name, bool policy) {
  return compile_for(s.task, s.backend, s.opt, source, file_name, policy);
}

StageResult verify(Session& s, CompareResult& worst) {
  const auto& shapes = s.task.shape_sets("check", s.backend.name());
  for (std::size_t k = 0; k < shapes.size(); ++k) {
    CallPlan plan = plan_call(s.task, shapes[k], 1);
    Arena arena = Arena::create(plan.arena_bytes);
    const CallLayout& layout = plan.sets[0];
    for (int trial = 0; trial < s.opt.trials; ++trial) {
      fill_inputs(plan, arena, layout, derive_seed(s.v.seed, 10, k, static_cast<std::uint64_t>(trial)));
      poison_outputs(arena, layout);
      fill_guards(arena, layout);
      const InputSnapshot snap = snapshot_inputs(arena, layout);
      const auto expected = oracle_outputs(plan, arena, layout);
      const std::string what = fmt::format("calling solve at shape {} (trial {})", format_shape(plan.shape), trial + 1);
      if (auto bad = ask(s, *s.candidate_worker, {{"op", "run"}, {"slot", "candidate"}, {"arena", arena_ref(arena)}, {"layout", to_json(layout)}},
                         s.opt.run_timeout_s, what, nullptr, arena.fd()))
        return bad;
      if (auto bad = check_call(s, plan, arena, layout, snap, expected, 1.0, "verify", worst)) return bad;
    }
  }
  return std::nullopt;
}

std::uint64_t fresh_seed() {
  std::random_device rd;
  return (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
}

Verdict evaluate(const TaskSpec& task, Backend& backend, const Candidate& candidate, const EvalOptions& opt, bool is_reference) {
  Session s{task, backend, opt, {}, {}, {}, {}, {}};
  s.v.seed = opt.seed.value_or(fresh_seed());
  const auto t0 = std::chrono::steady_clock::now();
  // A worker starts its device runtime as it starts (a CUDA context takes a few hundred milliseconds), so
  // where there is a device the candidate's worker is started before compiling, overlapping the compiler.
  // It loads nothing until the candidate has compiled; after a compile error it is just stopped.
  s.device = backend.probe_device();
  s.work_dir = opt.cache_dir / "runs" / fmt::format("{}-{}", getpid(), fresh_seed() % 1000000007);
  fs::create_directories(s.work_dir);
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{s.work_dir};
  trace("start candidate worker");
  if (s.device) s.candidate_worker = start_worker(s, "candidate");
  trace("compile candidate");
  CompiledCandidate built = compile_source(s, candidate.source, candidate.file_name, !is_reference);
  trace("compiled");
  s.v.compile_seconds = seconds_since(t0);
  s.v.compiler = built.compiler;
  s.v.compile_log = trim_log(built.log);
  if (!built.ok) {
    s.v.status = Status::compile_error;
    s.v.detail = built.timed_out ? "the compiler did not finish within its time limit" : "compilation failed";
    return s.v;
  }
  if (!built.policy_violation.empty()) {
    s.v.status = Status::compile_error;
    s.v.detail = "library policy: " + built.policy_violation;
    return s.v;
  }
  if (!s.device) {
    s.v.status = Status::compiled;
    s.v.detail = "compiled; no " + backend.name() + " device on this machine, so not run";
    return s.v;
  }
  s.v.device = s.device->name;
  CompiledCandidate reference = built;
  if (!is_reference) {
    const std::string ref_source = reference_source(task, backend.name(), opt);
    reference = compile_source(s, ref_source, "reference" + backend.source_extension(), false);
    if (!reference.ok) throw HarnessError(task.id + ": the " + backend.name() + " reference kernel does not compile:\n" + trim_log(reference.log, 4000));
  }
  // The task's vendor-library baseline (cuBLAS, ...) when it has one for this backend.
  fs::path vendor_artifact;
  if (opt.time && opt.time_vendor && task.vendor.count(backend.name())) {
    std::ifstream in(opt.reference_root / task.vendor.at(backend.name()), std::ios::binary);
    if (!in) throw HarnessError(task.id + ": vendor baseline not found at " + (opt.reference_root / task.vendor.at(backend.name())).string());
    std::stringstream ss;
    ss << in.rdbuf();
    CompiledCandidate vendor = compile_source(s, ss.str(), "vendor" + backend.source_extension(), false);
    if (!vendor.ok) throw HarnessError(task.id + ": the vendor baseline does not compile:\n" + trim_log(vendor.log, 4000));
    vendor_artifact = vendor.artifact;
  }
  // The baseline worker starts before verification so that its start overlaps the candidate's checks.
  const std::string baseline_key = backend.name() + "|" + reference.artifact.string() + "|" + vendor_artifact.string();
  BaselineWorker baseline;
  if (opt.time) {
    baseline = take_baseline_worker(baseline_key, backend.worker_executable(), opt.cache_dir / "workers");
    s.reference_worker = std::move(baseline.worker);
  }
  // Back to the pool only once its kernels are loaded (a worker started for an evaluation that stopped
  // early never got them, and must not be handed out as a loaded one).
  struct GiveBack {
    Session& s;
    const std::string& key;
    const BaselineWorker& baseline;
    ~GiveBack() {
      if (baseline.loaded) return_baseline_worker(key, std::move(s.reference_worker));
    }
  } give_back{s, baseline_key, baseline};

  const auto t1 = std::chrono::steady_clock::now();
  trace("load candidate");
  if (auto bad = ask(s, *s.candidate_worker, {{"op", "load"}, {"slot", "candidate"}, {"artifact", built.artifact.string()}},
                     opt.run_timeout_s, "loading the candidate", nullptr, OpenFile(built.artifact).fd))
    return *bad;

  // The first bench shape's inputs and expected outputs are prepared while the candidate is verified
  // (nothing there is timed; the reference worker is trusted and only runs the reference). The prepared
  // work is dropped when verification fails. Declared after give_back: joined before the worker goes back.
  const auto& bench = task.shape_sets("bench", backend.name());
  const bool by_reference = backend.bench_check() == "reference";
  std::vector<std::pair<std::string, fs::path>> baseline_loads = {{"reference", reference.artifact}};
  if (!vendor_artifact.empty()) baseline_loads.emplace_back("vendor", vendor_artifact);
  std::atomic<bool> drop_preparation{false};
  auto prepare = [&, seed = s.v.seed](std::size_t k) {
    if (!baseline.loaded) {
      for (const auto& [slot_name, artifact] : baseline_loads) {
        const WorkerReply r = s.reference_worker->request({{"op", "load"}, {"slot", slot_name}, {"artifact", artifact.string()}},
                                                          opt.run_timeout_s, OpenFile(artifact).fd);
        if (r.kind != WorkerReply::Kind::ok || r.fatal)
          throw HarnessError(task.id + ": cannot load the " + slot_name + " in the reference worker: " + r.detail);
      }
      baseline.loaded = true;
    }
    BenchInputsRequest r;
    r.task = &task;
    r.shape = bench[k];
    r.sets = input_sets_for(opt, tensor_bytes(task, bench[k]));
    r.seed = derive_seed(seed, 20, k);
    r.reference = by_reference ? s.reference_worker.get() : nullptr;
    r.run_timeout_s = opt.run_timeout_s;
    r.cancel = &drop_preparation;
    return prepare_bench_inputs(r);
  };
  std::future<BenchInputs> first_bench;
  struct DropPreparation {
    std::atomic<bool>& drop;
    std::future<BenchInputs>& pending;
    ~DropPreparation() {
      drop = true;
      if (pending.valid()) pending.wait();
    }
  } drop_on_exit{drop_preparation, first_bench};
  if (opt.time && !bench.empty()) first_bench = std::async(std::launch::async, prepare, 0);

  CompareResult worst;
  trace("verify");
  if (auto bad = verify(s, worst)) {
    bad->verify_seconds = seconds_since(t1);
    return *bad;
  }
  s.v.verify_seconds = seconds_since(t1);
  s.v.metrics = worst.metrics;
  s.v.metrics.first_mismatch = -1;
  s.v.status = Status::correct;
  s.v.detail = fmt::format("matches the float64 oracle on {} check shapes x {} trials",
                           task.shape_sets("check", backend.name()).size(), opt.trials);
  if (!opt.time) return s.v;

  const auto t2 = std::chrono::steady_clock::now();
  trace("verified; time");
  double log_sum = 0;
  for (std::size_t k = 0; k < bench.size(); ++k) {
    ShapeTiming st;
    BenchInputs inputs = k == 0 ? first_bench.get() : prepare(k);
    if (auto bad = time_shape(s, inputs, reference.artifact, vendor_artifact, st, worst)) {
      bad->time_seconds = seconds_since(t2);
      return *bad;
    }
    log_sum += std::log(st.speedup);
    s.v.timings.push_back(std::move(st));
  }
  s.v.metrics.max_abs = worst.metrics.max_abs;
  s.v.metrics.max_rel = worst.metrics.max_rel;
  s.v.metrics.nrel = worst.metrics.nrel;
  s.v.speedup = std::exp(log_sum / static_cast<double>(bench.size()));
  if (!vendor_artifact.empty()) {
    double vendor_log_sum = 0;
    for (const auto& st : s.v.timings) vendor_log_sum += std::log(*st.vendor_speedup);
    s.v.vendor_speedup = std::exp(vendor_log_sum / static_cast<double>(bench.size()));
  }
  s.v.time_seconds = seconds_since(t2);
  trace("done");
  s.v.run_log = trim_log(s.candidate_worker->log_tail());
  return s.v;
}

}  // namespace

EvalOptions default_eval_options() {
  EvalOptions o;
  o.cache_dir = cache_root();
  o.reference_root = kbench_root() / "reference_kernels";
  return o;
}

std::string reference_source(const TaskSpec& task, const std::string& backend, const EvalOptions& options) {
  auto it = task.references.find(backend);
  if (it == task.references.end()) throw HarnessError(task.id + " has no " + backend + " reference kernel");
  const fs::path path = options.reference_root / it->second;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw HarnessError(task.id + ": reference kernel not found at " + path.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Verdict evaluate_candidate(const TaskSpec& task, Backend& backend, const Candidate& candidate, const EvalOptions& options) {
  return evaluate(task, backend, candidate, options, false);
}

CompiledCandidate precompile_candidate(const TaskSpec& task, Backend& backend, const Candidate& candidate,
                                       const EvalOptions& options) {
  return compile_for(task, backend, options, candidate.source, candidate.file_name, true);
}

Verdict evaluate_reference(const TaskSpec& task, Backend& backend, const EvalOptions& options) {
  const Candidate ref = make_candidate(reference_source(task, backend.name(), options), "reference" + backend.source_extension());
  return evaluate(task, backend, ref, options, true);
}

}  // namespace kbench
