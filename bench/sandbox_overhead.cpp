// What the sandbox costs: starting a program, starting a candidate's worker (to its first reply) and
// compiling a candidate, each inside and outside the sandbox. Prints medians over repetitions.
// Usage: kbench-bench-sandbox-overhead [BACKEND] [CANDIDATE_FILE] [TASK]
//   (default: cpu, tests/candidates/cpu/vector_add_correct.cpp, elementwise/vector_add)
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <vector>

#include "backends/backend.hpp"
#include "core/sandbox/sandbox_availability.hpp"
#include "core/spec/catalog.hpp"
#include "core/util/paths.hpp"
#include "core/util/process.hpp"
#include "harness/eval/evaluator.hpp"
#include "harness/eval/sandbox_policy.hpp"
#include "harness/worker/supervisor.hpp"

using namespace kbench;
namespace fs = std::filesystem;

namespace {

double median_ms(int repetitions, const std::function<void()>& once) {
  std::vector<double> ms;
  for (int i = 0; i < repetitions; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    once();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

void report(const std::string& what, double outside, double inside) {
  fmt::print("{:<34} outside {:8.1f} ms   sandboxed {:8.1f} ms   overhead {:+8.1f} ms\n", what, outside, inside, inside - outside);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string backend_name = argc > 1 ? argv[1] : "cpu";
  const fs::path file = argc > 2 ? fs::path(argv[2]) : kbench_root() / "tests/candidates/cpu/vector_add_correct.cpp";
  const std::string task_id = argc > 3 ? argv[3] : "elementwise/vector_add";
  const SandboxAvailability& sandbox = sandbox_availability();
  if (!sandbox.available) {
    fmt::print("no sandbox on this machine: {}\n", sandbox.why_not);
    return 1;
  }
  fmt::print("bubblewrap: {}\n", sandbox.bwrap.string());
  auto backend = make_backend(backend_name);

  ProcessOptions in;
  in.sandbox = SandboxSpec{};
  report("start `true`", median_ms(21, [] { run_process({"true"}, 10); }),
         median_ms(21, [&] { run_process({"true"}, 10, in); }));

  if (backend->probe_device()) {
    const fs::path log = fs::temp_directory_path() / fmt::format("kbench-bench-sandbox-{}.log", getpid());
    auto start_worker = [&](bool sandboxed) {
      return [&, sandboxed] {
        WorkerProcess w(backend->worker_executable(), log, candidate_worker_launch(*backend, sandboxed));
        const WorkerReply r = w.request(protocol::InfoRequest{}, 60);
        if (r.kind != WorkerReply::Kind::ok) throw std::runtime_error("worker: " + r.detail + "\n" + w.log_tail());
      };
    };
    report("candidate worker to first reply", median_ms(9, start_worker(false)), median_ms(9, start_worker(true)));
    fs::remove(log);
  } else {
    fmt::print("no {} device: worker start not measured\n", backend_name);
  }

  const Catalog catalog = Catalog::load(kbench_root() / "tasks");
  const TaskSpec& task = catalog.get(task_id);
  const Candidate candidate = load_candidate(file);
  int round = 0;
  auto compile = [&](bool sandboxed) {
    return [&, sandboxed] {
      CompileRequest req;
      req.task = &task;
      req.candidate = candidate;
      req.work_dir = fs::temp_directory_path() / fmt::format("kbench-bench-sandbox-cache-{}-{}", getpid(), round++);
      req.sandboxed = sandboxed;
      const CompiledCandidate c = backend->compile(req);
      std::error_code ec;
      fs::remove_all(req.work_dir, ec);
      if (!c.ok) throw std::runtime_error("compile failed: " + c.log);
    };
  };
  report("compile " + file.filename().string() + " (fresh)", median_ms(5, compile(false)), median_ms(5, compile(true)));
  return 0;
}
