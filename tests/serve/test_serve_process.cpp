// `kbench serve` as a process: it prints where it listens, judges, and on SIGTERM stops within seconds
// (abandoning an evaluation that would run on), exits 0, and every verdict it answered is in the database.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <regex>

#include "results/store/store.hpp"
#include "serve_test_support.hpp"

using namespace kbench;
using namespace std::chrono_literals;

namespace {

// A child process running the built kbench with `args`; its stdout read through a pipe, stderr to a file.
class ServeProcess {
 public:
  ServeProcess(const std::vector<std::string>& args, const std::filesystem::path& tmp) : stderr_file_(tmp / "serve.err") {
    std::vector<std::string> argv = {"/usr/bin/env", "KBENCH_CACHE=" + (tmp / "cache").string(), (test::bin_dir() / "kbench").string()};
    argv.insert(argv.end(), args.begin(), args.end());
    int out[2];
    EXPECT_EQ(pipe2(out, O_CLOEXEC), 0);
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], 1);
      const int err = open(stderr_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      dup2(err, 2);
      std::vector<char*> a;
      for (auto& s : argv) a.push_back(s.data());
      a.push_back(nullptr);
      execv(a[0], a.data());
      _exit(127);
    }
    close(out[1]);
    stdout_ = out[0];
  }
  ~ServeProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(stdout_);
  }
  // The first line kbench printed, or "" after `timeout`.
  std::string first_line(std::chrono::milliseconds timeout) {
    std::string line;
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < end) {
      pollfd p{stdout_, POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      char buf[256];
      const ssize_t n = read(stdout_, buf, sizeof buf);
      if (n <= 0) break;
      line.append(buf, static_cast<std::size_t>(n));
    }
    return line;
  }
  // Waits for the exit; its status, or -1 when it is still running after `timeout`.
  int wait_exit(std::chrono::milliseconds timeout) {
    for (const auto end = std::chrono::steady_clock::now() + timeout; std::chrono::steady_clock::now() < end;) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(20ms);
    }
    return -1;
  }
  pid_t pid() const { return pid_; }
  std::string err() const { return test::read_text(stderr_file_); }

 private:
  std::filesystem::path stderr_file_;
  pid_t pid_ = -1;
  int stdout_ = -1;
};

TEST(ServeProcess, SigtermStopsWithinSecondsAndKeepsEveryAnsweredVerdict) {
  test::TempDir tmp;
  ServeProcess p({"serve", "--port", "0", "--backend", "cpu", "--no-time", "--run-timeout", "60", "--grace", "1",
                  "--db", (tmp.path / "kbench.db").string(), "--label", "served"},
                 tmp.path);
  const std::string line = p.first_line(60s);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(line, m, std::regex(R"(listening on http://127\.0\.0\.1:(\d+))"))) << line << p.err();
  httplib::Client c("127.0.0.1", std::stoi(m[1]));
  c.set_read_timeout(120, 0);

  auto r = c.Post("/v1/evaluations", test::evaluation_body("vector_add_correct.cpp"), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(test::body_json(r).at("status"), "correct");
  // An evaluation that would run for a minute (its candidate hangs; the limit at this shape is >= 5 s).
  r = c.Post("/v1/evaluations?wait=false", test::evaluation_body("vector_add_hang.cpp"), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 202);
  const std::string id = test::body_json(r).at("id");
  for (int i = 0; i < 200; ++i) {
    auto g = c.Get("/v1/evaluations/" + id);
    if (g && test::body_json(g).at("state") == "running") break;
    std::this_thread::sleep_for(50ms);
  }
  const auto t0 = std::chrono::steady_clock::now();
  // One stop delivered twice, as GNU timeout or a supervisor signalling the process and then its group
  // does: still a graceful shutdown (it was an exit at once, 143, losing the run's end).
  ASSERT_EQ(kill(p.pid(), SIGTERM), 0);
  std::this_thread::sleep_for(50ms);
  ASSERT_EQ(kill(p.pid(), SIGTERM), 0);
  EXPECT_EQ(p.wait_exit(15s), 0) << p.err();
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_LT(took, 5.0) << p.err();
  EXPECT_NE(p.err().find("abandoned 1 running evaluation"), std::string::npos) << p.err();

  ResultStore store(tmp.path / "kbench.db");
  const auto run = store.find_run("served");
  ASSERT_TRUE(run);
  EXPECT_TRUE(store.run(*run)->finished_at);
  const auto attempts = store.attempts(*run);
  ASSERT_EQ(attempts.size(), 1u);
  EXPECT_EQ(attempts[0].verdict.status, Status::correct);
}

TEST(ServeProcess, RefusesANonLoopbackAddressWithoutAToken) {
  test::TempDir tmp;
  const ProcessResult r = test::run_kbench({"serve", "--host", "0.0.0.0", "--port", "0", "--backend", "cpu"}, tmp.path, 60);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("needs --token-file"), std::string::npos) << r.output;
}

}  // namespace
