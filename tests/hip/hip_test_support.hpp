// Helpers shared by the HIP test suites: the hipcc-or-skip guard, task loading, compiling a source string
// with the HIP backend, and reading a compiled artifact's bytes.
#pragma once
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "backends/backend.hpp"
#include "backends/hip/toolchain.hpp"
#include "core/spec/task_spec.hpp"
#include "core/util/hash.hpp"
#include "tests/test_support.hpp"

namespace kbench::hip_test {

// Skips the current test, with the reason, when hipcc cannot be found or run on this machine.
#define KBENCH_REQUIRE_HIPCC()                                                    \
  do {                                                                            \
    try {                                                                         \
      (void)::kbench::hip::find_toolchain();                                      \
    } catch (const std::exception& kbench_e_) {                                   \
      GTEST_SKIP() << "hipcc is not usable on this machine: " << kbench_e_.what(); \
    }                                                                             \
  } while (0)

inline TaskSpec load_task(const std::string& id) {
  return load_task_spec(test::source_dir() / "tasks" / (id + ".json"));
}

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::filesystem::path hip_candidate(const std::string& name) {
  return test::source_dir() / "tests" / "candidates" / "hip" / name;
}

inline CompiledCandidate compile_source(Backend& backend, const TaskSpec& task, const std::string& source,
                                        const std::filesystem::path& cache, bool enforce_policy = true) {
  CompileRequest req;
  req.task = &task;
  req.candidate = {source, sha256_hex(source), "candidate.hip"};
  req.work_dir = cache;
  req.timeout_seconds = 300;
  req.enforce_library_policy = enforce_policy;
  return backend.compile(req);
}

// True when the artifact embeds a code object for `target` (the offload bundle names each one
// "hipv4-amdgcn-amd-amdhsa--<target>").
inline bool has_code_object_for(const std::filesystem::path& artifact, const std::string& target) {
  return read_text(artifact).find("amdgcn-amd-amdhsa--" + target) != std::string::npos;
}

}  // namespace kbench::hip_test
