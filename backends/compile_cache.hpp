// Compile cache shared by backends: one folder per key (hash of source, shim, compiler identity and
// flags) holding the artifact and a result.json; a hit skips the compiler entirely. Failed compiles are
// cached too (same source, same error). Writes are atomic (temp folder renamed into place).
#pragma once
#include <filesystem>
#include <optional>
#include <string>

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

}  // namespace kbench
