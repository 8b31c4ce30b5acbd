// Candidates from text or files.
#include "core/candidate/candidate.hpp"

#include <fstream>
#include <sstream>

#include "core/util/harness_error.hpp"
#include "core/util/hash.hpp"

namespace kbench {

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
