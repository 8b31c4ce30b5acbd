// Where a stored run comes from: its --label, and the git commit of the working directory with whether it
// had uncommitted changes, when that directory is a git checkout (`git rev-parse HEAD` and `git status
// --porcelain`, each under a 5 s limit; nothing is recorded when git is missing, slow or the directory is
// not a checkout).
#pragma once
#include <filesystem>
#include <string>

#include "results/store/store.hpp"

namespace kbench::cli {

RunProvenance run_provenance(const std::string& label, const std::filesystem::path& dir = std::filesystem::current_path());

}  // namespace kbench::cli
