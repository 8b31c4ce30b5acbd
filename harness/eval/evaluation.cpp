// Evaluation stages (see evaluation.hpp): compile → load → verify → time → summarise for one candidate.
#include "harness/eval/evaluation.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

#include "harness/eval/call_plan.hpp"
#include "harness/eval/compare.hpp"
#include "harness/eval/inputs.hpp"
#include "harness/eval/sandbox_policy.hpp"
#include "harness/eval/timed_rounds.hpp"
#include "harness/eval/timing_stage.hpp"
#include "core/util/clock.hpp"
#include "core/util/hash.hpp"
#include "core/util/trace.hpp"

namespace kbench {

namespace fs = std::filesystem;

namespace {

std::uint64_t fresh_seed() {
  std::random_device rd;
  return (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
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

protocol::LoadRequest load_request(const std::string& slot, const fs::path& artifact, const OpenFile& file) {
  return {slot, artifact.string(), file.fd};
}

std::string read_file(const fs::path& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw HarnessError(what + " not found at " + path.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

CompiledCandidate compile_source(const TaskSpec& task, Backend& backend, const EvalOptions& options,
                                 const Candidate& candidate, bool enforce_library_policy) {
  CompileRequest req;
  req.task = &task;
  req.candidate = candidate;
  req.work_dir = options.cache_dir / backend.name();
  req.timeout_seconds = options.compile_timeout_s;
  req.enforce_library_policy = enforce_library_policy;
  // A candidate's compile needs the sandbox (or --unsandboxed); kbench's own kernels use it when it is there.
  req.sandboxed = enforce_library_policy ? require_candidate_sandbox(options) : sandbox_trusted_compiles(options);
  return backend.compile(req);
}

Evaluation::Evaluation(const TaskSpec& task, Backend& backend, const EvalOptions& options, BaselinePool& baselines,
                       ReferenceTimings& reference_timings, bool is_reference, SpareCandidateWorker* spare,
                       ReferenceArenas* arenas)
    : s_{task, backend, options, reference_timings, {}, {}, {}, {}, {}, {}, {}, false},
      baselines_(baselines),
      is_reference_(is_reference),
      spare_(options.spare_worker && !is_reference ? spare : nullptr),
      arenas_(arenas) {}

Evaluation::~Evaluation() {
  // The first bench shape may still be in preparation on the baseline worker: stop and wait for it
  // before the worker goes back to the pool (only with its kernels loaded; else it is just stopped).
  drop_preparation_ = true;
  if (first_bench_.valid()) first_bench_.wait();
  if (baseline_loaded_) baselines_.give_back(baseline_key_, std::move(s_.reference_worker));
  // A worker that never held a candidate (a compile error, a failed baseline) is the next one's spare.
  if (spare_ && !s_.candidate_loaded && s_.candidate_worker && s_.candidate_worker->alive() && !s_.candidate_worker->exited()) {
    spare_->keep(s_.backend.worker_executable(), s_.v.sandboxed, {std::move(s_.candidate_worker), s_.work_dir});
    s_.work_dir.clear();
  }
  s_.candidate_worker.reset();
  s_.reference_worker.reset();
  s_.device_lock.release();  // its candidate is gone from the device
  std::error_code ec;
  if (!s_.work_dir.empty()) fs::remove_all(s_.work_dir, ec);
}

Verdict Evaluation::run(const Candidate& candidate) {
  prepare();
  trace("compile candidate");
  const CompiledCandidate built = compile_source(s_.task, s_.backend, s_.opt, candidate, !is_reference_);
  trace("compiled");
  return judge(built);
}

Verdict Evaluation::run_compiled(const CompiledCandidate& built) {
  prepare();
  return judge(built);
}

Verdict Evaluation::judge(const CompiledCandidate& built) {
  if (auto stop = accept_build(built)) return *stop;
  compile_baselines();
  time_baselines_first();
  s_.deadline = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                      std::chrono::duration<double>(s_.opt.eval_budget_s));
  // The first bench shape is prepared (trusted work only: inputs, the reference's outputs) while the
  // candidate loads and is verified; before, it waited for the load, which starts a device context.
  if (s_.opt.time && !prepared_first_bench_ && !s_.task.shape_sets("bench", s_.backend.name()).empty())
    first_bench_ = std::async(std::launch::async, [this] { return prepare_bench_shape(0); });
  if (auto bad = load()) return *bad;
  start_spare();
  if (auto bad = verify()) return *bad;
  if (!s_.opt.time) {
    s_.v.run_log = trim_log(s_.candidate_worker->log_tail());  // what it printed, as after timing
    return s_.v;
  }
  if (auto bad = time()) return *bad;
  return summarise();
}

// prepare: the seed, the device, a private work folder and (where there is a device) the candidate's
// worker, which loads nothing until the candidate has compiled; after a compile error it is just stopped.
void Evaluation::prepare() {
  s_.v.seed = s_.opt.seed.value_or(fresh_seed());
  // Every verdict of the evaluation names its timing policy, however far it gets (copies of s_.v).
  s_.v.timing_policy = s_.opt.time ? s_.opt.timing.name : "none";
  if (s_.opt.time) {
    s_.v.timing_parameters = to_json(s_.opt.timing);
    s_.v.timing_parameters.erase("name");
  }
  s_.device = s_.backend.probe_device();
  if (!is_reference_) s_.v.sandboxed = require_candidate_sandbox(s_.opt);
  const fs::path runs = s_.opt.cache_dir / "runs";
  if (!s_.device) {
    s_.work_dir = runs / fmt::format("{}-{}", getpid(), fresh_seed() % 1000000007);
    fs::create_directories(s_.work_dir);
    return;
  }
  if (!s_.backend.times_in_parent_rounds()) {
    const fs::path dir = s_.opt.cache_dir / "reference-timings";
    try {
      fs::create_directories(dir);
      s_.device_lock = DeviceLock(dir / (sha256_hex(device_identity(*s_.device)).substr(0, 16) + ".lock"));
    } catch (const std::exception& e) {
      // Timings are then kept for this process only (time_baseline does not persist one it measured unlocked).
      fmt::print(stderr, "kbench: no device lock ({}); reference timings are kept for this run only\n", e.what());
    }
  }
  // kbench's own reference kernel (kbench baseline) runs in a trusted worker; a candidate in the sandbox.
  WorkerLaunch launch;
  if (!is_reference_) launch = candidate_worker_launch(s_.backend, s_.v.sandboxed);
  std::optional<StartedWorker> started;
  if (spare_) started = spare_->take(s_.backend.worker_executable(), s_.v.sandboxed);
  trace(started ? "candidate worker: the one started ahead" : "start candidate worker");
  if (!started) started = start_candidate_worker(s_.backend.worker_executable(), launch, runs);
  s_.work_dir = started->work_dir;
  s_.candidate_worker = std::move(started->worker);
}

// The next evaluation's worker, started while this one's candidate is verified (nothing is timed then);
// the timing waits until its start has finished.
void Evaluation::start_spare() {
  if (!spare_ || !s_.device) return;
  spare_->start(s_.backend.worker_executable(), candidate_worker_launch(s_.backend, s_.v.sandboxed), s_.v.sandboxed,
                s_.opt.cache_dir / "runs", s_.opt.run_timeout_s);
}

// compile (its outcome): the compiler's own time and log; a compile error, a library-policy breach or a
// machine without the device ends the evaluation here.
StageResult Evaluation::accept_build(const CompiledCandidate& built) {
  candidate_ = built;
  s_.v.compile_seconds = built.seconds;
  s_.v.compile_cached = built.cached;
  s_.v.compiler = built.compiler;
  s_.v.compile_log = trim_log(built.log);
  if (!built.ok) {
    s_.v.status = Status::compile_error;
    s_.v.detail = built.timed_out ? "the compiler did not finish within its time limit" : "compilation failed";
    if (!built.timed_out && built.log.find("undefined reference to `solve'") != std::string::npos)
      s_.v.detail += ": the source defines no extern \"C\" solve with the task's signature (`kbench show " +
                     s_.task.id + " --backend " + s_.backend.name() + "` prints it)";
    return s_.v;
  }
  if (!built.policy_violation.empty()) {
    s_.v.status = Status::compile_error;
    s_.v.detail = "library policy: " + built.policy_violation;
    return s_.v;
  }
  if (!s_.device) {
    s_.v.status = Status::compiled;
    s_.v.detail = "compiled; no " + s_.backend.name() + " device on this machine, so not run";
    return s_.v;
  }
  s_.v.device = s_.device->name;
  return std::nullopt;
}

// compile (the baselines): the reference kernel, the task's vendor-library baseline (cuBLAS, ...) when it
// has one, and the trusted worker that runs them, taken before verification so its start overlaps it.
void Evaluation::compile_baselines() {
  const TaskSpec& task = s_.task;
  const std::string backend = s_.backend.name(), ext = s_.backend.source_extension();
  reference_ = candidate_;
  if (!is_reference_) {
    reference_ = compile_source(task, s_.backend, s_.opt, make_candidate(reference_source(task, backend, s_.opt), "reference" + ext), false);
    if (!reference_.ok)
      throw HarnessError(task.id + ": the " + backend + " reference kernel does not compile:\n" + trim_log(reference_.log, 4000));
  }
  if (s_.opt.time && s_.opt.time_vendor && task.vendor.count(backend)) {
    const std::string source = read_file(s_.opt.reference_root / task.vendor.at(backend), task.id + ": vendor baseline");
    const CompiledCandidate vendor = compile_source(task, s_.backend, s_.opt, make_candidate(source, "vendor" + ext), false);
    if (!vendor.ok) throw HarnessError(task.id + ": the vendor baseline does not compile:\n" + trim_log(vendor.log, 4000));
    vendor_artifact_ = vendor.artifact;
  }
  if (!s_.opt.time) return;
  baseline_key_ = backend + "|" + reference_.artifact.string() + "|" + vendor_artifact_.string();
  BaselineWorker baseline = baselines_.take(baseline_key_, s_.backend.worker_executable(), s_.opt.cache_dir / "workers");
  s_.reference_worker = std::move(baseline.worker);
  baseline_loaded_ = baseline.loaded;
}

// time (the baselines, device-timed backends): before the candidate is loaded, so that no kernel or thread
// of it can be running while the reference is timed (a GPU kernel keeps running while its process is
// stopped). Timed-in-rounds backends time the reference next to the candidate, which is stopped then.
void Evaluation::time_baselines_first() {
  if (!s_.opt.time || s_.backend.times_in_parent_rounds() || !s_.device) return;
  const auto& shapes = s_.task.shape_sets("bench", s_.backend.name());
  if (shapes.empty()) return;
  const int sets = input_sets_for(s_.opt, tensor_bytes(s_.task, shapes[0]));
  if (baselines_timed(s_, shapes[0], sets, reference_.artifact, vendor_artifact_)) return;
  trace("time baselines before the candidate is loaded");
  prepared_first_bench_ = std::make_unique<BenchInputs>(prepare_bench_shape(0));
  time_baselines(s_, *prepared_first_bench_, reference_.artifact, vendor_artifact_);
}

// load: the candidate into its own worker.
StageResult Evaluation::load() {
  trace("load candidate");
  const OpenFile artifact(candidate_.artifact);
  s_.device_lock.shared();
  s_.candidate_loaded = true;
  return ask(s_, *s_.candidate_worker, load_request("candidate", candidate_.artifact, artifact), s_.opt.run_timeout_s,
             "loading the candidate");
}

// One bench shape's inputs and expected outputs (nothing here is timed). The first is prepared while the
// candidate is loaded and verified, on another thread, and loads the baseline kernels first when the worker is new.
BenchInputs Evaluation::prepare_bench_shape(std::size_t k) {
  if (!baseline_loaded_) {
    std::vector<std::pair<std::string, fs::path>> loads = {{"reference", reference_.artifact}};
    if (!vendor_artifact_.empty()) loads.emplace_back("vendor", vendor_artifact_);
    for (const auto& [slot, artifact] : loads) {
      const OpenFile file(artifact);
      const WorkerReply r = s_.reference_worker->request(load_request(slot, artifact, file), s_.opt.run_timeout_s);
      if (r.kind != WorkerReply::Kind::ok || r.fatal)
        throw HarnessError(s_.task.id + ": cannot load the " + slot + " in the reference worker: " + r.detail);
    }
    baseline_loaded_ = true;
  }
  const ShapeSet& shape = s_.task.shape_sets("bench", s_.backend.name())[k];
  BenchInputsRequest r;
  r.task = &s_.task;
  r.shape = shape;
  r.sets = input_sets_for(s_.opt, tensor_bytes(s_.task, shape));
  r.seed = derive_seed(s_.v.seed, 20, k);
  r.reference = s_.backend.bench_check() == "reference" ? s_.reference_worker.get() : nullptr;
  r.run_timeout_s = s_.opt.run_timeout_s;
  r.cancel = &drop_preparation_;
  r.arenas_only = s_.backend.times_in_parent_rounds();
  // Where the worker times its own calls (GPU backends), outputs of timed calls kept at random are checked
  // too (timing_stage.cpp), so that computing on only some of the timed calls is seen.
  r.witnesses_per_set = r.arenas_only ? 0 : kWitnessesPerSet;
  r.arenas = arenas_;
  return prepare_bench_inputs(r);
}

// verify: every check shape x trials, fresh inputs each, outputs poisoned and guarded, against the oracle.
StageResult Evaluation::verify() {
  const auto t0 = Clock::now();
  trace("verify");
  const auto& shapes = s_.task.shape_sets("check", s_.backend.name());
  for (std::size_t k = 0; k < shapes.size(); ++k) {
    CallPlan plan = plan_call(s_.task, shapes[k], 1);
    Arena arena = Arena::create(plan.arena_bytes);
    const CallLayout& layout = plan.sets[0];
    for (int trial = 0; trial < s_.opt.trials; ++trial) {
      fill_inputs(plan, arena, layout, derive_seed(s_.v.seed, 10, k, static_cast<std::uint64_t>(trial)));
      poison_outputs(arena, layout);
      fill_guards(arena, layout);
      const InputSnapshot snap = snapshot_inputs(arena, layout);
      const auto oracle_start = Clock::now();
      const auto expected = oracle_outputs(plan, arena, layout);
      const double oracle_s = seconds_since(oracle_start);
      const CallLimit limit = call_limit(s_.opt, oracle_s, fmt::format("the float64 oracle's {:.3g}", oracle_s));
      const std::string what = fmt::format("calling solve at shape {} (trial {})", format_shape(plan.shape), trial + 1);
      auto bad = ask(s_, *s_.candidate_worker, protocol::RunRequest{"candidate", protocol::arena_ref(arena), {layout}},
                     limit.seconds, what, nullptr, limit.why);
      if (!bad) bad = check_call(s_, plan, arena, layout, snap, expected, 1.0, "verify", worst_);
      if (bad) {
        bad->verify_seconds = seconds_since(t0);
        return bad;
      }
    }
  }
  s_.v.verify_seconds = seconds_since(t0);
  s_.v.metrics = worst_.metrics;
  s_.v.metrics.first_mismatch = -1;
  s_.v.status = Status::correct;
  s_.v.detail = fmt::format("matches the float64 oracle on {} check shapes x {} trials", shapes.size(), s_.opt.trials);
  return std::nullopt;
}

// time: every bench shape; the first one's inputs were prepared during verification.
StageResult Evaluation::time() {
  if (spare_) spare_->wait_until_started();  // no worker's start runs beside a timing
  const auto t0 = Clock::now();
  trace("verified; time");
  const std::size_t shapes = s_.task.shape_sets("bench", s_.backend.name()).size();
  for (std::size_t k = 0; k < shapes; ++k) {
    ShapeTiming st;
    BenchInputs inputs = k == 0 ? (prepared_first_bench_ ? std::move(*prepared_first_bench_) : first_bench_.get()) : prepare_bench_shape(k);
    StageResult bad = s_.backend.times_in_parent_rounds()
                          ? time_in_rounds(s_, inputs, k, !vendor_artifact_.empty(), st, worst_)
                          : time_shape(s_, inputs, reference_.artifact, vendor_artifact_, st, worst_);
    if (arenas_) arenas_->give_back(std::move(inputs.reference_arena));  // checked against: done with it
    if (bad) {
      bad->time_seconds = seconds_since(t0);
      return bad;
    }
    s_.v.timings.push_back(std::move(st));
  }
  s_.v.time_seconds = seconds_since(t0);
  return std::nullopt;
}

// summarise: geometric-mean speedups over the bench shapes, the worst errors seen, the candidate's log.
Verdict Evaluation::summarise() {
  const auto geomean = [&](auto speedup_of) {
    double log_sum = 0;
    for (const auto& st : s_.v.timings) log_sum += std::log(speedup_of(st));
    return std::exp(log_sum / static_cast<double>(s_.v.timings.size()));
  };
  s_.v.metrics.max_abs = worst_.metrics.max_abs;
  s_.v.metrics.max_rel = worst_.metrics.max_rel;
  s_.v.metrics.nrel = worst_.metrics.nrel;
  s_.v.speedup = geomean([](const ShapeTiming& st) { return st.speedup; });
  if (!vendor_artifact_.empty()) s_.v.vendor_speedup = geomean([](const ShapeTiming& st) { return *st.vendor_speedup; });
  trace("done");
  s_.v.run_log = trim_log(s_.candidate_worker->log_tail());
  return s_.v;
}

}  // namespace kbench
