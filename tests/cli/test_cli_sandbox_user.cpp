// Run by a normal user, a candidate runs as that same user: only the sandbox keeps it from the user's
// results database and compile cache. kbench is run here as uid 65534 with its database and cache in a
// folder of that user's; a hostile candidate tries to truncate both. Needs root to change user (CI runs
// as root); skips, saying why, where uid 65534 cannot reach the build or the sandbox.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "core/util/process.hpp"
#include "tests/test_support.hpp"

namespace kbench {
namespace {
namespace fs = std::filesystem;

constexpr uid_t kUser = 65534;

// Whether uid 65534 can run the built kbench and read the tasks (a child process checks with access()).
bool user_can_run_kbench() {
  const pid_t pid = fork();
  if (pid == 0) {
    if (setgid(kUser) != 0 || setuid(kUser) != 0) _exit(2);
    const bool ok = access((test::bin_dir() / "kbench").c_str(), X_OK) == 0 &&
                    access((test::source_dir() / "tasks" / "elementwise" / "vector_add.json").c_str(), R_OK) == 0;
    _exit(ok ? 0 : 1);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

ProcessResult run_as_user(const fs::path& home, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "env", "-i",
                                   "PATH=/usr/local/bin:/usr/bin:/bin", "HOME=" + home.string(),
                                   "KBENCH_CACHE=" + (home / "cache").string(), "KBENCH_DB=" + (home / "kbench.db").string(),
                                   "KBENCH_ROOT=" + test::source_dir().string(), (test::bin_dir() / "kbench").string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, 300);
}

std::string count_attempts(const fs::path& db) {
  ProcessResult r = run_process({"sqlite3", db.string(), "select count(*) from attempts"}, 30);
  while (!r.output.empty() && r.output.back() == '\n') r.output.pop_back();
  return r.output;
}

TEST(SandboxAsANormalUser, ACandidateCannotTouchTheUsersDatabaseOrCache) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root to run kbench as uid 65534";
  if (!user_can_run_kbench())
    GTEST_SKIP() << "uid 65534 cannot execute " << (test::bin_dir() / "kbench") << " or read the tasks (a build under a private folder)";
  test::TempDir tmp;
  const fs::path home = tmp.path / "home";
  fs::create_directories(home);
  ASSERT_EQ(chown(tmp.path.c_str(), kUser, kUser), 0);
  ASSERT_EQ(chown(home.c_str(), kUser, kUser), 0);
  ASSERT_EQ(chmod(home.c_str(), 0700), 0);

  const ProcessResult honest = run_as_user(home, {"eval", test::candidate("vector_add_correct.cpp").string(), "-t",
                                                  "elementwise/vector_add", "-b", "cpu", "--no-time"});
  if (honest.output.find("no sandbox") != std::string::npos || honest.output.find("cannot start the sandbox") != std::string::npos)
    GTEST_SKIP() << "the sandbox cannot start for uid 65534 here: " << honest.output;
  ASSERT_EQ(honest.exit_code, 0) << honest.output;
  ASSERT_EQ(count_attempts(home / "kbench.db"), "1");

  const fs::path hostile = home / "hostile.cpp";
  std::ofstream(hostile) << "#include <cstdint>\n#include <cstdio>\n#include <fcntl.h>\n#include <initializer_list>\n#include <unistd.h>\n"
                            "extern \"C\" void solve(const float* a, const float* b, float* c, int64_t n) {\n"
                            "  for (const char* p : {\"" << (home / "kbench.db").string() << "\", \"" << (home / "cache").string() << "\"}) {\n"
                            "    const int fd = open(p, O_RDWR | O_TRUNC);\n"
                            "    if (fd >= 0 || open(p, O_RDONLY) >= 0) std::printf(\"REACHED %s\\n\", p);\n"
                            "  }\n  std::fflush(stdout);\n"
                            "  for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i];\n}\n";
  ASSERT_EQ(chown(hostile.c_str(), kUser, kUser), 0);
  const ProcessResult attack = run_as_user(home, {"eval", hostile.string(), "-t", "elementwise/vector_add", "-b", "cpu",
                                                  "--no-time", "--json"});
  const auto verdict = nlohmann::json::parse(attack.output, nullptr, false);
  ASSERT_FALSE(verdict.is_discarded()) << attack.output;
  EXPECT_EQ(verdict.value("status", ""), "correct") << attack.output;
  EXPECT_TRUE(verdict.value("sandboxed", false));
  EXPECT_EQ(verdict.value("run_log", "").find("REACHED"), std::string::npos) << verdict.value("run_log", "");
  EXPECT_EQ(count_attempts(home / "kbench.db"), "2") << "the first attempt must still be there";
}

}  // namespace
}  // namespace kbench
