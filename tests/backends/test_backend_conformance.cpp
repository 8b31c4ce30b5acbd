// One conformance suite for every backend built into this kbench (backend_names()): what it says about
// itself agrees with `kbench show` and the candidate files, a correct reference compiles, a syntax error
// and a wrong solve() signature are compile errors for the right reason, and where probe_device() finds a
// device, a correct candidate evaluates `correct`. The CPU backend always runs everything; CUDA and HIP
// compile here and skip the device part, naming what is missing.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "backends/backend.hpp"
#include "core/sandbox/sandbox_availability.hpp"
#include "core/spec/signature.hpp"
#include "core/spec/task_spec.hpp"
#include "harness/eval/evaluator.hpp"
#include "tests/eval/eval_test_support.hpp"

using namespace kbench;
namespace fs = std::filesystem;

namespace {

struct Expected {
  std::string extension, stream_type;
};
// What each backend must say about itself (a new backend must be added here).
const std::map<std::string, Expected> kExpected = {
    {"cpu", {".cpp", ""}}, {"cuda", {".cu", "cudaStream_t"}}, {"hip", {".hip", "hipStream_t"}}};

TaskSpec load_task(const std::string& id) { return load_task_spec(test::source_dir() / "tasks" / (id + ".json")); }

class BackendConformance : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    backend_ = make_backend(GetParam());
    ASSERT_TRUE(kExpected.count(GetParam())) << "no conformance expectations for backend '" << GetParam() << "'";
    opt_ = test::quick_eval_options(cache_.path);
    opt_.time = false;
    opt_.trials = 1;
    opt_.compile_timeout_s = 300;
  }

  // tests/candidates/<backend>/<stem><extension>
  fs::path candidate_file(const std::string& stem) const {
    return test::source_dir() / "tests" / "candidates" / GetParam() / (stem + backend_->source_extension());
  }
  Verdict evaluate(const std::string& task_id, const std::string& stem) {
    const TaskSpec task = load_task(task_id);
    const fs::path file = candidate_file(stem);
    EXPECT_TRUE(fs::exists(file)) << file;
    return Evaluator(*backend_, opt_).evaluate(task, load_candidate(file));
  }

  test::TempDir cache_;
  std::unique_ptr<Backend> backend_;
  EvalOptions opt_;
};

}  // namespace

TEST_P(BackendConformance, NameExtensionAndStreamTypeAgreeWithTheSignatureShown) {
  const Expected& e = kExpected.at(GetParam());
  EXPECT_EQ(backend_->name(), GetParam());
  EXPECT_EQ(backend_->source_extension(), e.extension);
  EXPECT_EQ(backend_->stream_type(), e.stream_type);
  EXPECT_EQ(backend_->worker_executable().filename(), "kbench-worker-" + GetParam());
  // The signature candidates are told to write ends with the backend's stream parameter, when it has one.
  const TaskSpec task = load_task("elementwise/vector_add");
  const std::string params = "const float* a, const float* b, float* c, int64_t n";
  const std::string signature =
      "extern \"C\" void solve(" + params + (e.stream_type.empty() ? "" : ", " + e.stream_type + " stream") + ")";
  EXPECT_EQ(solve_signature(task, backend_->name(), backend_->stream_type()), signature);
  // `kbench show --backend <name>` prints that same signature.
  test::TempDir tmp;
  const ProcessResult shown = test::run_kbench({"show", "elementwise/vector_add", "--backend", GetParam()}, tmp.path, 60);
  ASSERT_EQ(shown.exit_code, 0) << shown.output;
  EXPECT_NE(shown.output.find("## Signature (" + GetParam() + ")\n" + signature + "\n"), std::string::npos) << shown.output;
  // And the correct test candidate for this backend is written against it (same parameter types, same stream).
  std::ifstream in(candidate_file("vector_add_correct"));
  std::stringstream src;
  src << in.rdbuf();
  EXPECT_NE(src.str().find("extern \"C\" void solve(" + params + (e.stream_type.empty() ? "" : ", " + e.stream_type + " stream") + ")"),
            std::string::npos)
      << candidate_file("vector_add_correct");
}

TEST_P(BackendConformance, TheReferenceOfASmallTaskCompiles) {
  const TaskSpec task = load_task("activation/relu");
  ASSERT_TRUE(task.references.count(GetParam())) << "activation/relu has no " << GetParam() << " reference";
  CompileRequest req;
  req.task = &task;
  req.candidate = make_candidate(reference_source(task, GetParam(), opt_), "reference" + backend_->source_extension());
  req.work_dir = cache_.path;
  req.timeout_seconds = opt_.compile_timeout_s;
  req.enforce_library_policy = false;  // as the evaluator compiles references
  const CompiledCandidate c = backend_->compile(req);
  ASSERT_TRUE(c.ok) << c.log;
  EXPECT_FALSE(c.timed_out);
  EXPECT_TRUE(fs::exists(c.artifact)) << c.artifact;
  EXPECT_FALSE(c.compiler.empty());
}

TEST_P(BackendConformance, ASyntaxErrorIsACompileErrorWithTheCompilerLog) {
  const Verdict v = evaluate("elementwise/vector_add", "vector_add_syntax_error");
  EXPECT_EQ(v.status, Status::compile_error) << v.detail;
  EXPECT_EQ(v.detail, "compilation failed");
  EXPECT_NE(v.compile_log.find("error"), std::string::npos) << v.compile_log;
  // The log names the candidate's own file, not a scratch path.
  EXPECT_NE(v.compile_log.find("vector_add_syntax_error" + backend_->source_extension()), std::string::npos) << v.compile_log;
  EXPECT_EQ(v.compile_log.find(".tmp-"), std::string::npos) << v.compile_log;
  // And it is not mistaken for a signature error (the check below must tell the two apart).
  EXPECT_FALSE(test::is_signature_error(v.compile_log)) << v.compile_log;
}

TEST_P(BackendConformance, AWrongSignatureFailsToCompileBecauseOfTheSignature) {
  const Verdict v = evaluate("elementwise/vector_add", "vector_add_wrong_signature");
  EXPECT_EQ(v.status, Status::compile_error) << v.detail;
  EXPECT_TRUE(test::is_signature_error(v.compile_log)) << "not an error about solve()'s signature:\n" << v.compile_log;
}

TEST_P(BackendConformance, ACorrectCandidateEvaluatesCorrectOnADevice) {
  const std::optional<DeviceInfo> device = backend_->probe_device();
  const Verdict v = evaluate("elementwise/vector_add", "vector_add_correct");
  if (!device) {
    // It still compiles, cleanly, and stops there.
    EXPECT_EQ(v.status, Status::compiled) << v.detail << "\n" << v.compile_log;
    GTEST_SKIP() << "no " << GetParam() << " device on this machine (probe_device() found none): "
                 << "the correct candidate compiled, but was not run";
  }
  EXPECT_EQ(v.status, Status::correct) << v.detail << "\n" << v.compile_log << "\n" << v.run_log;
  EXPECT_FALSE(v.device.empty());
}

// The sandbox, on every backend (issue 11). Each of these fails without its defence: the filter (a raw
// fork ran), the minimal environment (the key was printed), the compiler's mount namespace (the file was
// quoted in the compile log).
TEST_P(BackendConformance, AProcessStartedByARawSystemCallIsRefusedAndNamed) {
  const Verdict v = evaluate("elementwise/vector_add", "vector_add_raw_fork");
  if (!backend_->probe_device()) {
    EXPECT_EQ(v.status, Status::compiled) << v.detail << "\n" << v.compile_log;
    GTEST_SKIP() << "no " << GetParam() << " device on this machine: the hostile candidate compiled, but was not run";
  }
  EXPECT_EQ(v.status, Status::runtime_error) << v.detail << "\n" << v.run_log;
  EXPECT_NE(v.detail.find("process creation is not allowed"), std::string::npos) << v.detail;
  EXPECT_TRUE(v.sandboxed);
  // The next candidate is judged as if alone.
  const Verdict honest = evaluate("elementwise/vector_add", "vector_add_correct");
  EXPECT_EQ(honest.status, Status::correct) << honest.detail << "\n" << honest.run_log;
}

TEST_P(BackendConformance, ACandidatesWorkerHasNoneOfKbenchsEnvironment) {
  setenv("KBENCH_TEST_API_KEY", "sk-test-conformance-secret-0123456789", 1);
  const Verdict v = evaluate("elementwise/vector_add", "vector_add_prints_environment");
  unsetenv("KBENCH_TEST_API_KEY");
  if (!backend_->probe_device()) GTEST_SKIP() << "no " << GetParam() << " device on this machine: not run";
  EXPECT_EQ(v.status, Status::correct) << v.detail << "\n" << v.run_log;
  EXPECT_NE(v.run_log.find("env: PATH="), std::string::npos) << "the candidate printed nothing: " << v.run_log;
  EXPECT_EQ(v.run_log.find("sk-test-conformance-secret"), std::string::npos) << v.run_log;
  EXPECT_EQ(v.run_log.find("KBENCH_TEST_API_KEY"), std::string::npos) << v.run_log;
}

TEST_P(BackendConformance, TheCompilerReadsNoFileOutsideTheToolchain) {
  if (!sandbox_availability().available) GTEST_SKIP() << "no sandbox here: " << sandbox_availability().why_not;
  const test::TempDir secret_dir;
  const fs::path secret = secret_dir.path / "secret.txt";
  std::ofstream(secret) << "kbench_secret_token_42 only root may read this\n";
  const std::string include = "#include \"" + secret.string() + "\"\n";
  const std::string incbin = "__asm__(\".section .rodata\\n.incbin \\\"" + secret.string() + "\\\"\\n.previous\");\n";
  // The incbin'd bytes would sit in the artifact, for the candidate to read back: that must not build.
  for (const std::string& source : {include, incbin, std::string("#include \"/proc/self/environ\"\n")}) {
    setenv("KBENCH_TEST_API_KEY", "sk-test-compiler-secret-0123456789", 1);
    const TaskSpec task = load_task("elementwise/vector_add");
    const Verdict v = Evaluator(*backend_, opt_).evaluate(task, make_candidate(source, "hostile" + backend_->source_extension()));
    unsetenv("KBENCH_TEST_API_KEY");
    // The secret file is not there to include or embed. (The compiler's own /proc/self/environ may even
    // compile, to nothing: it holds no secret to quote.)
    if (source == include || source == incbin) EXPECT_EQ(v.status, Status::compile_error) << source << v.detail;
    EXPECT_NE(v.status, Status::correct) << source << v.detail;
    for (const std::string& text : {v.compile_log, v.run_log, v.detail}) {
      EXPECT_EQ(text.find("kbench_secret_token_42"), std::string::npos) << source << text;
      EXPECT_EQ(text.find("sk-test-compiler-secret"), std::string::npos) << source << text;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Built, BackendConformance, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

TEST(BackendRegistry, CpuIsAlwaysBuiltAndUnknownNamesListTheBuiltOnes) {
  const auto names = backend_names();
  ASSERT_FALSE(names.empty());
  EXPECT_EQ(names.front(), "cpu");
  try {
    make_backend("tpu");
    FAIL() << "made an unknown backend";
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("'tpu'"), std::string::npos) << what;
    for (const auto& n : names) EXPECT_NE(what.find(n), std::string::npos) << what;
  }
}
