// Candidates from text or files; the compile artifact size cap from the environment.
#include "core/candidate/candidate.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "core/util/harness_error.hpp"
#include "core/util/hash.hpp"

namespace kbench {

std::uint64_t max_artifact_bytes_from_env() {
  constexpr std::uint64_t kMiB = 1 << 20;
  const char* v = std::getenv("KBENCH_MAX_ARTIFACT_MB");
  if (!v || !*v) return 64 * kMiB;
  const std::string s = v;
  if (s.find_first_not_of("0123456789") != std::string::npos || s.size() > 9 || std::stoull(s) == 0)
    throw HarnessError("KBENCH_MAX_ARTIFACT_MB=" + s + ": expected a positive whole number of MiB");
  return std::stoull(s) * kMiB;
}

Candidate make_candidate(std::string source, std::string file_name) {
  Candidate c;
  c.hash = sha256_hex(source);
  c.source = std::move(source);
  c.file_name = std::move(file_name);
  return c;
}

Candidate load_candidate(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw HarnessError("cannot read candidate file " + file.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return make_candidate(ss.str(), file.filename().string());
}

}  // namespace kbench
