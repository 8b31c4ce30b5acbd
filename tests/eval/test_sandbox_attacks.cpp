// Attacks on the CPU backend's sandbox, one per class in issue 11, each through the evaluator as a real
// candidate would arrive. Every test here fails without its defence: the system call filter (exec,
// signals to others, network, ptrace), the worker's mount namespace (kbench's files, the host's /tmp and
// /dev/shm), its address-space limit, the compilers' memory limit, the wider symbol policy.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "backends/backend.hpp"
#include "core/sandbox/sandbox_availability.hpp"
#include "core/spec/catalog.hpp"
#include "harness/eval/evaluator.hpp"
#include "tests/eval/eval_test_support.hpp"

namespace kbench {
namespace {
namespace fs = std::filesystem;

// vector_add's body, after `prelude` ran once (on the first call) inside solve.
std::string vector_add_after(const std::string& helpers, const std::string& prelude) {
  return "#include <cstdint>\n#include <cstdio>\n#include <cstdlib>\n#include <cstring>\n#include <fcntl.h>\n"
         "#include <signal.h>\n#include <sys/socket.h>\n#include <sys/syscall.h>\n#include <unistd.h>\n"
         "static long raw3(long nr, long a, long b, long c) { long r; asm volatile(\"syscall\" : \"=a\"(r) : \"a\"(nr), "
         "\"D\"(a), \"S\"(b), \"d\"(c) : \"rcx\", \"r11\", \"memory\"); return r; }\n" +
         helpers +
         "\nextern \"C\" void solve(const float* a, const float* b, float* c, int64_t n) {\n"
         "  static bool once = false;\n  if (!once) { once = true;\n" +
         prelude + "\n  std::fflush(stdout); }\n  for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i];\n}\n";
}

class SandboxAttacks : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!sandbox_availability().available) GTEST_SKIP() << "no sandbox here: " << sandbox_availability().why_not;
    catalog_ = std::make_unique<Catalog>(Catalog::load(test::source_dir() / "tasks"));
    backend_ = make_backend("cpu");
    opt_ = test::quick_eval_options(tmp_.path / "cache");
    opt_.time = false;
    opt_.trials = 1;
  }
  Verdict judge(const std::string& source, const std::string& task = "elementwise/vector_add") {
    Evaluator evaluator(*backend_, opt_);
    return evaluator.evaluate(catalog_->get(task), make_candidate(source, "attack.cpp"));
  }
  void expect_refused(const Verdict& v, const std::string& why) {
    EXPECT_EQ(v.status, Status::runtime_error) << v.detail << "\n" << v.run_log;
    EXPECT_NE(v.detail.find(why), std::string::npos) << v.detail;
    EXPECT_TRUE(v.sandboxed);
  }

  test::TempDir tmp_;
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<Backend> backend_;
  EvalOptions opt_;
};

TEST_F(SandboxAttacks, RunningAProgramIsRefused) {
  const Verdict v = judge(vector_add_after("", R"src(
    const char* argv[] = {"/bin/sh", "-c", "echo escaped", nullptr};
    raw3(SYS_execve, (long)"/bin/sh", (long)argv, 0);)src"));
  expect_refused(v, "running programs is not allowed");
}

TEST_F(SandboxAttacks, SignallingOtherProcessesIsRefused) {
  expect_refused(judge(vector_add_after("", "raw3(SYS_kill, -1, SIGKILL, 0);")), "signals to other processes are not allowed");
}

TEST_F(SandboxAttacks, NetworkSocketsAreRefused) {
  expect_refused(judge(vector_add_after("", "socket(AF_INET, SOCK_STREAM, 0);")), "network sockets are not allowed");
}

TEST_F(SandboxAttacks, TracingAnotherProcessIsRefused) {
  expect_refused(judge(vector_add_after("", "raw3(SYS_ptrace, 16 /* PTRACE_ATTACH */, 1, 0);")),
                 "access to other processes is not allowed");
}

// kbench's database, tasks, reference kernels, cache and the user's home are not in the worker's view,
// and what it writes to /tmp and /dev/shm stays in its own, discarded with it.
TEST_F(SandboxAttacks, TheCandidateReachesNoneOfKbenchsFilesAndLeavesNothingBehind) {
  const fs::path db = tmp_.path / "kbench.db";
  std::ofstream(db) << "stored results";
  const std::string marker = "kbench-attack-leftover-" + std::to_string(getpid());
  std::string probes;
  std::vector<std::string> paths = {db.string(), (test::source_dir() / "tasks" / "elementwise" / "vector_add.json").string(),
                                    (test::source_dir() / "reference_kernels").string(), opt_.cache_dir.string(),
                                    tmp_.path.string()};
  if (const char* home = std::getenv("HOME"); home && *home && std::string(home) != "/" && std::string(home).rfind("/tmp", 0) != 0)
    paths.push_back(home);
  for (const auto& p : paths)
    probes += "if (open(\"" + p + "\", O_RDONLY) >= 0 || open(\"" + p + "\", O_RDWR | O_TRUNC) >= 0) std::printf(\"REACHED " + p + "\\n\");\n";
  probes += "close(open(\"/tmp/" + marker + "\", O_CREAT | O_WRONLY, 0666)); close(open(\"/dev/shm/" + marker +
            "\", O_CREAT | O_WRONLY, 0666)); std::printf(\"probed\\n\");";
  const Verdict v = judge(vector_add_after("", probes));
  EXPECT_EQ(v.status, Status::correct) << v.detail << "\n" << v.run_log;
  EXPECT_NE(v.run_log.find("probed"), std::string::npos) << v.run_log;
  EXPECT_EQ(v.run_log.find("REACHED"), std::string::npos) << v.run_log;
  std::ifstream in(db);
  std::stringstream content;
  content << in.rdbuf();
  EXPECT_EQ(content.str(), "stored results");
  EXPECT_FALSE(fs::exists("/tmp/" + marker));
  EXPECT_FALSE(fs::exists("/dev/shm/" + marker));
}

// The CPU worker's address space is limited to three quarters of the machine's memory: a candidate that
// reserves more fails alone (here it notices and still answers correctly).
TEST_F(SandboxAttacks, AllocatingMostOfTheMachinesMemoryFails) {
  const long long bytes = static_cast<long long>(sysconf(_SC_PHYS_PAGES)) * sysconf(_SC_PAGE_SIZE) / 10 * 8;
  const Verdict v = judge(vector_add_after("", "void* p = std::malloc(" + std::to_string(bytes) +
                                                   "ULL); std::printf(p ? \"ALLOCATED\\n\" : \"REFUSED\\n\");"));
  EXPECT_EQ(v.status, Status::correct) << v.detail << "\n" << v.run_log;
  EXPECT_NE(v.run_log.find("REFUSED"), std::string::npos) << v.run_log;
}

// The compiler's address space is limited: reading /dev/zero as a header fails fast instead of taking
// the machine's memory.
TEST_F(SandboxAttacks, ACompilerReadingEndlessInputRunsOutOfItsMemoryLimit) {
  setenv("KBENCH_COMPILER_MEMORY_MB", "1024", 1);
  opt_.compile_timeout_s = 120;
  const Verdict v = judge("#include \"/dev/zero\"\n");
  unsetenv("KBENCH_COMPILER_MEMORY_MB");
  EXPECT_EQ(v.status, Status::compile_error) << v.detail;
  EXPECT_NE(v.detail.find("compilation failed"), std::string::npos) << v.detail << "\n" << v.compile_log;
  EXPECT_LT(v.compile_seconds, 60) << v.compile_log;
}

// Process creation and execution through the libc functions the old symbol list missed.
TEST_F(SandboxAttacks, ProcessCreationThroughAnyLibcEntryIsAPolicyError) {
  const std::vector<std::pair<std::string, std::string>> calls = {
      {"#include <wordexp.h>\n", "wordexp_t w; wordexp(\"$(id)\", &w, 0);"},
      {"extern \"C\" int _Fork();\n", "_Fork();"},
      {"extern \"C\" int __fork();\n", "__fork();"},
      {"", "daemon(0, 0);"},
      {"#include <pty.h>\n", "int m; forkpty(&m, nullptr, nullptr, nullptr);"},
      {"", "char* e[] = {nullptr}; fexecve(0, e, e);"},
      {"", "killpg(0, SIGKILL);"}};
  for (const auto& [header, call] : calls) {
    const Verdict v = judge(vector_add_after(header, call));
    EXPECT_EQ(v.status, Status::compile_error) << call << ": " << v.detail << "\n" << v.compile_log;
    EXPECT_NE(v.detail.find("library policy"), std::string::npos) << call << ": " << v.detail;
  }
}

}  // namespace
}  // namespace kbench
