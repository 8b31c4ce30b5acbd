// core/util: SHA-256, running processes, data paths and their environment overrides (no shared /tmp cache),
// phase tracing.
#include <gtest/gtest.h>
#include <pwd.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <thread>

#include "core/util/hash.hpp"
#include "core/util/paths.hpp"
#include "core/util/process.hpp"
#include "core/util/trace.hpp"
#include "tests/test_support.hpp"

using namespace kbench;
using kbench::test::ScopedEnv;

namespace {

// True while `pid` is a live process (not gone, not a zombie).
bool process_alive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  if (!stat) return false;
  std::string line;
  std::getline(stat, line);
  const auto close_paren = line.rfind(')');
  return close_paren != std::string::npos && close_paren + 2 < line.size() && line[close_paren + 2] != 'Z';
}

// What trace("phase one") writes to stderr in a fresh process with KBENCH_TRACE set to `value` (or unset).
std::string trace_output_in_child(std::optional<std::string> value) {
  int p[2];
  if (pipe(p) != 0) return "pipe failed";
  const pid_t pid = fork();
  if (pid == 0) {
    close(p[0]);
    dup2(p[1], 2);
    if (value) setenv("KBENCH_TRACE", value->c_str(), 1);
    else unsetenv("KBENCH_TRACE");
    trace("phase one");
    std::fflush(stderr);
    _exit(0);
  }
  close(p[1]);
  std::string out;
  char buf[256];
  for (ssize_t n; (n = read(p[0], buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
  close(p[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return out;
}

}  // namespace

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, HashesEveryByteIncludingNul) {
  using namespace std::string_view_literals;
  // Compile-cache keys join their parts with '\0': the bytes after it must count.
  EXPECT_EQ(sha256_hex("a\0b"sv), "59b271ae1bbcb1d31d41929817f4b16fb439eb4f31520b5ad1d5ce98920a7138");
  EXPECT_NE(sha256_hex("a\0b"sv), sha256_hex("a"sv));
  EXPECT_NE(sha256_hex("a\0b"sv), sha256_hex("a\0c"sv));
  const std::string h = sha256_hex("kbench");
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos) << h;
}

TEST(Sha256, OfAFileIsOfItsBytes) {
  test::TempDir tmp;
  const auto file = tmp.path / "artifact.so";
  std::string bytes(200000, 'a');  // more than one read chunk
  bytes[12345] = '\0';
  std::ofstream(file, std::ios::binary) << bytes;
  EXPECT_EQ(sha256_file_hex(file), sha256_hex(bytes));
  std::ofstream(tmp.path / "empty", std::ios::binary).close();
  EXPECT_EQ(sha256_file_hex(tmp.path / "empty"), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  try {
    sha256_file_hex(tmp.path / "missing");
    FAIL() << "no exception for a missing file";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find((tmp.path / "missing").string()), std::string::npos) << e.what();
  }
}

TEST(RunProcess, ReportsTheExitCode) {
  const ProcessResult ok = run_process({"true"}, 10);
  EXPECT_EQ(ok.exit_code, 0);
  EXPECT_FALSE(ok.timed_out);
  EXPECT_FALSE(ok.signaled);
  const ProcessResult three = run_process({"sh", "-c", "exit 3"}, 10);
  EXPECT_EQ(three.exit_code, 3);
  EXPECT_FALSE(three.timed_out);
}

TEST(RunProcess, CapturesStdoutAndStderrTogether) {
  const ProcessResult r = run_process({"sh", "-c", "echo to-out; echo to-err >&2; printf 'no newline'"}, 10);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.output, "to-out\nto-err\nno newline");
}

TEST(RunProcess, RunsInTheGivenFolder) {
  test::TempDir tmp;
  const ProcessResult r = run_process({"pwd", "-P"}, 10, tmp.path);
  EXPECT_EQ(r.output, std::filesystem::canonical(tmp.path).string() + "\n");
}

TEST(RunProcess, ReportsASignal) {
  const ProcessResult r = run_process({"sh", "-c", "kill -9 $$"}, 10);
  EXPECT_TRUE(r.signaled);
  EXPECT_EQ(r.signal, SIGKILL);
  EXPECT_FALSE(r.timed_out);
}

TEST(RunProcess, TimeoutKillsTheWholeProcessGroup) {
  test::TempDir tmp;
  const auto pid_file = tmp.path / "grandchild.pid";
  // The shell starts a grandchild that would outlive it, then waits; the timeout must kill both.
  const auto t0 = std::chrono::steady_clock::now();
  const ProcessResult r =
      run_process({"sh", "-c", "sleep 30 & echo $! > " + pid_file.string() + "; echo started; wait"}, 0.5);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_TRUE(r.timed_out);
  EXPECT_LT(s, 10.0);
  EXPECT_GE(r.seconds, 0.5);
  EXPECT_NE(r.output.find("started"), std::string::npos) << r.output;  // output before the kill is kept
  std::ifstream in(pid_file);
  pid_t grandchild = 0;
  ASSERT_TRUE(in >> grandchild) << "the shell never started its grandchild";
  // Killed with the group (SIGKILL is immediate; allow the reaper a moment).
  bool alive = true;
  for (int i = 0; i < 100 && (alive = process_alive(grandchild)); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_FALSE(alive) << "grandchild " << grandchild << " survived the timeout";
  if (alive) kill(grandchild, SIGKILL);
}

TEST(RunProcess, AMissingProgramThrows) {
  try {
    run_process({"kbench-no-such-program-xyz"}, 10);
    FAIL() << "no exception for a program that does not exist";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("kbench-no-such-program-xyz"), std::string::npos) << e.what();
  }
  EXPECT_THROW(run_process({}, 10), std::invalid_argument);
  EXPECT_EQ(program_version("kbench-no-such-program-xyz"), "");  // program_version never throws
}

TEST(Paths, KbenchRootOverride) {
  {
    ScopedEnv root("KBENCH_ROOT", "/tmp/kbench-root-override");
    EXPECT_EQ(kbench_root(), std::filesystem::path("/tmp/kbench-root-override"));
  }
  {
    ScopedEnv root("KBENCH_ROOT", std::nullopt);
    EXPECT_EQ(std::filesystem::weakly_canonical(kbench_root()), std::filesystem::weakly_canonical(test::source_dir()));
  }
  {
    ScopedEnv root("KBENCH_ROOT", "");  // empty means unset
    EXPECT_EQ(std::filesystem::weakly_canonical(kbench_root()), std::filesystem::weakly_canonical(test::source_dir()));
  }
}

TEST(Paths, CacheRootOverrideAndFallbacks) {
  {
    ScopedEnv cache("KBENCH_CACHE", "/tmp/kbench-cache-override");
    ScopedEnv xdg("XDG_CACHE_HOME", "/tmp/xdg");
    EXPECT_EQ(cache_root(), std::filesystem::path("/tmp/kbench-cache-override"));  // wins over XDG
  }
  {
    ScopedEnv cache("KBENCH_CACHE", std::nullopt);
    ScopedEnv xdg("XDG_CACHE_HOME", "/tmp/xdg");
    EXPECT_EQ(cache_root(), std::filesystem::path("/tmp/xdg/kbench"));
  }
  {
    ScopedEnv cache("KBENCH_CACHE", "");
    ScopedEnv xdg("XDG_CACHE_HOME", std::nullopt);
    ScopedEnv home("HOME", "/tmp/home-of-test");
    EXPECT_EQ(cache_root(), std::filesystem::path("/tmp/home-of-test/.cache/kbench"));
  }
}

TEST(Paths, CacheRootWithoutEnvironmentIsTheUsersHomeNeverTmp) {
  ScopedEnv cache("KBENCH_CACHE", std::nullopt);
  ScopedEnv xdg("XDG_CACHE_HOME", std::nullopt);
  ScopedEnv home("HOME", std::nullopt);
  const passwd* pw = getpwuid(geteuid());
  if (!pw || !pw->pw_dir || !*pw->pw_dir) {
    EXPECT_THROW(cache_root(), std::runtime_error);
    return;
  }
  const std::filesystem::path root = cache_root();
  EXPECT_EQ(root, std::filesystem::path(pw->pw_dir) / ".cache" / "kbench");
  // A shared temp folder anyone may create first is never the cache (unless it is the user's home).
  for (const std::string& tmp : {std::string("/tmp"), std::filesystem::temp_directory_path().string()}) {
    if (std::string(pw->pw_dir).rfind(tmp, 0) != 0) {
      EXPECT_NE(root.string().rfind(tmp, 0), 0u) << root;
    }
  }
}

TEST(Paths, CacheRootWithoutAnyHomeThrowsAskingForKbenchCache) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root to become a uid without a password entry (CI runs tests as root)";
  constexpr uid_t kNoSuchUser = 54321;
  if (getpwuid(kNoSuchUser)) GTEST_SKIP() << "uid " << kNoSuchUser << " has a password entry here";
  // In a child: that uid has no home, so with the three variables unset cache_root() must refuse.
  const pid_t pid = fork();
  if (pid == 0) {
    unsetenv("KBENCH_CACHE");
    unsetenv("XDG_CACHE_HOME");
    unsetenv("HOME");
    if (setresuid(kNoSuchUser, kNoSuchUser, kNoSuchUser) != 0) _exit(3);
    try {
      cache_root();
      _exit(1);
    } catch (const std::runtime_error& e) {
      _exit(std::string(e.what()).find("set KBENCH_CACHE") != std::string::npos ? 0 : 2);
    }
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_NE(WEXITSTATUS(status), 1) << "cache_root() returned a folder for a user without a home";
  EXPECT_NE(WEXITSTATUS(status), 2) << "the error does not say to set KBENCH_CACHE";
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST(Paths, ExecutableDirIsThisTestsFolder) {
  const auto self = std::filesystem::read_symlink("/proc/self/exe");
  EXPECT_EQ(executable_dir(), self.parent_path());
}

TEST(Trace, SilentWithoutKbenchTrace) {
  EXPECT_EQ(trace_output_in_child(std::nullopt), "");
  EXPECT_EQ(trace_output_in_child("0"), "");
  EXPECT_EQ(trace_output_in_child(""), "");
}

TEST(Trace, PrintsThePhaseWhenEnabled) {
  // The same helper with tracing on: the silent case above is silent because of the variable, not the pipe.
  const std::string out = trace_output_in_child("1");
  EXPECT_NE(out.find("[kbench trace +"), std::string::npos) << out;
  EXPECT_NE(out.find("] phase one"), std::string::npos) << out;
}
