// The sandbox's parts on their own: the bubblewrap command line, what a sandboxed process can see and
// keep (files, environment, processes, network), the resource limits, the minimal environment and the
// message when bubblewrap is missing. Tests that start the sandbox skip, saying why, where it cannot start.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "core/sandbox/bwrap_command.hpp"
#include "core/sandbox/environment.hpp"
#include "core/sandbox/sandbox_availability.hpp"
#include "core/util/process.hpp"
#include "tests/test_support.hpp"

namespace kbench {
namespace {
namespace fs = std::filesystem;

#define SKIP_WITHOUT_SANDBOX()                                                                   \
  if (!sandbox_availability().available) GTEST_SKIP() << "no sandbox here: " << sandbox_availability().why_not

ProcessResult sandboxed_shell(const std::string& script, SandboxSpec spec = {}) {
  ProcessOptions o;
  o.sandbox = spec;
  return run_process({"sh", "-c", script}, 30, o);
}

bool contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

TEST(BwrapCommand, NewNamespacesNoCapabilitiesAndOnlyTheSpecsFolders) {
  SandboxSpec spec;
  spec.read_only = {"/nonexistent-kbench-path"};
  spec.read_write = {"/var/tmp"};
  const auto cmd = bwrap_command("/usr/bin/bwrap", spec, {"prog", "arg"});
  for (const char* flag : {"--unshare-user", "--unshare-pid", "--unshare-ipc", "--unshare-net", "--unshare-uts",
                           "--die-with-parent", "--new-session"})
    EXPECT_TRUE(contains(cmd, flag)) << flag;
  EXPECT_TRUE(contains(cmd, "ALL"));  // --cap-drop ALL
  EXPECT_FALSE(contains(cmd, "/nonexistent-kbench-path")) << "a missing path is skipped, not a bwrap error";
  EXPECT_TRUE(contains(cmd, "--bind") && contains(cmd, "/var/tmp"));
  for (const char* never : {"/home", "/root", "/etc", "/var", "/work"})
    for (std::size_t i = 0; i + 1 < cmd.size(); ++i)
      if (cmd[i] == "--ro-bind" || cmd[i] == "--bind") EXPECT_NE(cmd[i + 1], never);
  ASSERT_GE(cmd.size(), 3u);
  EXPECT_EQ(cmd[cmd.size() - 3], "--");
  EXPECT_EQ(cmd.back(), "arg");
}

TEST(MinimalEnvironment, CarriesNoSecretsAndTheFixedNames) {
  setenv("KBENCH_TEST_API_KEY", "sk-test-must-not-leak-0123456789", 1);
  setenv("OPENAI_API_KEY", "sk-test-openai-must-not-leak", 1);
  const auto env = minimal_environment();
  for (const auto& e : env) {
    EXPECT_EQ(e.find("must-not-leak"), std::string::npos) << e;
    const std::string name = e.substr(0, e.find('='));
    EXPECT_TRUE(name == "PATH" || name == "HOME" || name == "TMPDIR" || name == "LANG" || name == "LD_LIBRARY_PATH" ||
                name.find("VISIBLE_DEVICES") != std::string::npos || name.rfind("OMP_", 0) == 0 ||
                name.rfind("KBENCH_", 0) == 0 || name == "CUDA_DEVICE_ORDER")
        << name;
  }
  // And a program started through run_process sees exactly that, sandboxed or not.
  const ProcessResult r = run_process({"sh", "-c", "env"}, 10);
  EXPECT_EQ(r.output.find("must-not-leak"), std::string::npos) << r.output;
  unsetenv("KBENCH_TEST_API_KEY");
  unsetenv("OPENAI_API_KEY");
}

TEST(SandboxAvailability, MissingBubblewrapIsExplainedWithTheWayOut) {
  const SandboxAvailability a = probe_sandbox("/nonexistent/bwrap");
  EXPECT_FALSE(a.available);
  EXPECT_NE(a.why_not.find("bubblewrap"), std::string::npos) << a.why_not;
  EXPECT_NE(a.why_not.find("--unsandboxed"), std::string::npos) << a.why_not;
  EXPECT_FALSE(probe_sandbox("").available);
}

TEST(SandboxedProcess, SeesNoneOfTheHostsFilesOutsideItsBinds) {
  SKIP_WITHOUT_SANDBOX();
  test::TempDir tmp;
  const fs::path secret = tmp.path / "secret.txt";
  std::ofstream(secret) << "kbench-host-secret-42\n";
  const ProcessResult r = sandboxed_shell("cat " + secret.string() + "; cat /etc/passwd; echo done");
  EXPECT_EQ(r.output.find("kbench-host-secret-42"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("done"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("root:x:0"), std::string::npos) << "/etc/passwd is not bound: " << r.output;
  // The host's /tmp is not the sandbox's: the test folder there is invisible.
  const ProcessResult listing = sandboxed_shell("ls -a /tmp");
  EXPECT_EQ(listing.output.find(tmp.path.filename().string()), std::string::npos) << listing.output;
  if (const char* home = std::getenv("HOME"); home && *home && fs::exists(home)) {
    const ProcessResult h = sandboxed_shell(std::string("ls -d ") + home + " && echo HOME-VISIBLE");
    if (std::string(home).rfind("/usr", 0) != 0) EXPECT_EQ(h.output.find("HOME-VISIBLE"), std::string::npos) << h.output;
  }
}

TEST(SandboxedProcess, WritesOnlyItsWritableFolderAndLeavesNothingInTmp) {
  SKIP_WITHOUT_SANDBOX();
  test::TempDir tmp;
  SandboxSpec spec;
  spec.read_write = {tmp.path};
  const std::string marker = "kbench-leftover-" + std::to_string(getpid());
  const ProcessResult r = sandboxed_shell("echo ok > " + (tmp.path / "out.txt").string() + " && touch /tmp/" + marker +
                                              " /dev/shm/" + marker + "; touch /usr/" + marker + " 2>/dev/null || echo USR-READ-ONLY",
                                          spec);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(fs::exists(tmp.path / "out.txt")) << r.output;
  EXPECT_NE(r.output.find("USR-READ-ONLY"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists("/tmp/" + marker));
  EXPECT_FALSE(fs::exists("/dev/shm/" + marker));
  EXPECT_FALSE(fs::exists("/usr/" + marker));
}

TEST(SandboxedProcess, HasNoNetworkAndSeesNoOtherProcess) {
  SKIP_WITHOUT_SANDBOX();
  const ProcessResult r = sandboxed_shell("ls /proc | grep -c '^[0-9]'; cat /proc/net/dev | grep -c ':'");
  std::istringstream in(r.output);
  int pids = 0, interfaces = 0;
  in >> pids >> interfaces;
  EXPECT_GT(pids, 0) << r.output;
  EXPECT_LE(pids, 5) << "only the sandbox's own processes: " << r.output;
  EXPECT_EQ(interfaces, 1) << "only loopback: " << r.output;
}

// A process left running in the background ends with the sandbox (its pid namespace goes with it).
TEST(SandboxedProcess, BackgroundProcessesDieWithIt) {
  SKIP_WITHOUT_SANDBOX();
  const std::string marker = "kbench-orphan-" + std::to_string(getpid());
  const ProcessResult r = sandboxed_shell("(exec -a " + marker + " sleep 300) & (setsid sh -c 'exec -a " + marker +
                                          " sleep 300' &) ; echo started");
  EXPECT_NE(r.output.find("started"), std::string::npos) << r.output;
  bool found = true;
  for (int attempt = 0; attempt < 50 && found; ++attempt) {
    found = false;
    for (const auto& e : fs::directory_iterator("/proc")) {
      std::ifstream cmdline(e.path() / "cmdline");
      std::string text;
      std::getline(cmdline, text, '\0');
      if (text == marker) found = true;
    }
    if (found) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_FALSE(found) << "a sandboxed background process outlived its sandbox";
}

TEST(SandboxedProcess, RunsUnderItsResourceLimits) {
  SKIP_WITHOUT_SANDBOX();
  ProcessOptions o;
  o.sandbox = SandboxSpec{};
  o.limits.file_size_bytes = 1 << 20;
  o.limits.address_space_bytes = 512ull << 20;
  const ProcessResult r = run_process({"sh", "-c", "ulimit -f; ulimit -v; ulimit -c; head -c 4000000 /dev/zero > /tmp/big; echo rc=$?"}, 30, o);
  EXPECT_NE(r.output.find("2048\n"), std::string::npos) << "1 MiB in 512-byte blocks: " << r.output;
  EXPECT_NE(r.output.find("524288\n"), std::string::npos) << "512 MiB in KiB: " << r.output;
  EXPECT_NE(r.output.find("\n0\n"), std::string::npos) << "no core dumps: " << r.output;
  EXPECT_EQ(r.output.find("rc=0"), std::string::npos) << "a 4 MB file was written under a 1 MiB limit: " << r.output;
}

}  // namespace
}  // namespace kbench
