// Compile cache shared by backends: one folder per key (hash of source, shim, compiler identity and
// flags) holding the artifact and a result.json; a hit skips the compiler entirely. Failed compiles are
// cached too (same source, same error). Writes are atomic (temp folder renamed into place).
#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "backends/backend.hpp"

namespace kbench {

class CompileCache {
 public:
  CompileCache(std::filesystem::path root, std::string key);
  // The cached result, with `artifact` pointing into the cache, when present and complete.
  std::optional<CompiledCandidate> lookup() const;
  // A fresh private folder to compile in (move the result in with `store`).
  std::filesystem::path scratch_dir();
  // Records `result` (its artifact must live in the scratch folder) and moves it into place.
  CompiledCandidate store(CompiledCandidate result);
  const std::filesystem::path& dir() const { return dir_; }

 private:
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

// The compile flow every backend shares: the key is the candidate's source, its shim, the identity, the
// extra key material and whether the library policy applies; a hit is returned as it was stored;
// otherwise `build` runs, the policy is checked on the artifact, and the result (a failure too) is stored.
CompiledCandidate compile_through_cache(const CompileRequest& req, const CachedCompile& how);

}  // namespace kbench
