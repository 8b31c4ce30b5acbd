// Compile cache shared by backends: one folder per key (hash of source, shim, compiler identity, flags and
// the artifact size cap) holding the artifact and a result.json with the artifact's SHA-256; a hit skips
// the compiler entirely. Failed compiles are cached too (same source, same error), timeouts with the time
// limit they ran under. Writes are atomic (temp folder renamed into place).
#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "backends/backend.hpp"
#include "core/util/shared_gate.hpp"

namespace kbench {

class CompileCache {
 public:
  CompileCache(std::filesystem::path root, std::string key);
  // The cached result, with `artifact` pointing into the cache, when present, complete and its artifact's
  // bytes still hash to the recorded SHA-256. A cached timeout answers only a limit of `timeout_seconds`
  // or less (a larger one retries). An entry that does not answer is moved aside and removed, so that the
  // new build can take its place.
  std::optional<CompiledCandidate> lookup(double timeout_seconds);
  // A fresh private folder to compile in (move the result in with `store`).
  std::filesystem::path scratch_dir();
  // Records `result` (its artifact must live in the scratch folder) built under `timeout_seconds` and moves
  // it into place.
  CompiledCandidate store(CompiledCandidate result, double timeout_seconds);
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::optional<CompiledCandidate> read_entry(double timeout_seconds) const;
  void discard();

  std::filesystem::path dir_;
  std::filesystem::path scratch_;
};

// How one backend compiles, for compile_through_cache.
struct CachedCompile {
  std::string shim_key;        // the entry shim's text (for a placeholder candidate path)
  std::string identity;        // the compiler identity: the result's `compiler`, and part of the key
  std::string key_extra;       // more key material (e.g. a hash of headers the compiler is given)
  std::vector<std::string> vendor_symbols;  // imports the task's library policy may forbid
  // Compiles req's candidate in `dir` (a fresh scratch folder): sets ok, artifact, log, seconds, timed_out.
  std::function<void(const std::filesystem::path& dir, CompiledCandidate& out)> build;
};

// The process's compiler gate: every compiler kbench runs (compile_through_cache, around the build; a cache
// hit runs none) holds it shared, and harness/eval holds it exclusively while it times a reference or vendor
// baseline on a device, a time kept for later candidates. Candidates compiled ahead (batches, kbench serve)
// would otherwise share the host's cores with that timing, and a source that keeps its compiler busy could
// slow the reference's launches and inflate every later candidate's speedup.
SharedGate& compiler_gate();

// The compile flow every backend shares: the key is the candidate's source, its shim, the identity, the
// extra key material, whether the library policy applies and the artifact size cap; a hit is returned as
// it was stored; otherwise `build` runs, an artifact over req.max_artifact_bytes makes it a failure
// ("kbench: the compiled artifact is N MiB, over the M MiB limit"), the policy is checked on the
// artifact, and the result (a failure or a timeout too) is stored.
CompiledCandidate compile_through_cache(const CompileRequest& req, const CachedCompile& how);

}  // namespace kbench
