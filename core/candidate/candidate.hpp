// A candidate on its way through a backend: its source (Candidate), what a backend is asked to compile
// (CompileRequest) and what comes out (CompiledCandidate: the artifact a worker loads, or why there is none).
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

#include "core/spec/task_spec.hpp"

namespace kbench {

struct Candidate {
  std::string source;     // full text
  std::string hash;       // sha256 hex of the source
  std::string file_name;  // for messages ("candidate.cu")
};

// A candidate from its text (hashes it) or from a file (throws HarnessError when unreadable).
Candidate make_candidate(std::string source, std::string file_name);
Candidate load_candidate(const std::filesystem::path& file);

// The largest artifact a compile may leave: KBENCH_MAX_ARTIFACT_MB MiB when set (read at each call; throws
// HarnessError when it is not a positive whole number), else 64 MiB.
std::uint64_t max_artifact_bytes_from_env();

struct CompileRequest {
  const TaskSpec* task = nullptr;
  Candidate candidate;
  std::filesystem::path work_dir;    // where artifacts may be written (a cache folder)
  double timeout_seconds = 60;
  std::uint64_t max_artifact_bytes = max_artifact_bytes_from_env();  // a larger artifact is a compile failure
  bool enforce_library_policy = true;
  bool sandboxed = false;            // run the compiler (and the symbol inspection) inside the sandbox
};

struct CompiledCandidate {
  bool ok = false;
  bool timed_out = false;
  std::filesystem::path artifact;  // shared object (or cubin etc.) the worker loads
  std::string compiler;            // identity: "g++ 12.2.0 -O3 -march=native -fopenmp"
  std::string log;                 // compiler output (untrimmed; the caller trims)
  std::string policy_violation;    // non-empty: compiled, but breaks the task's library policy
  double seconds = 0;              // the compiler's own time (for a cache hit: when it was first built)
  bool cached = false;             // came from the compile cache
};

}  // namespace kbench
