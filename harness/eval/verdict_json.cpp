// candidate_verdict_json: see verdict_json.hpp.
#include "harness/eval/verdict_json.hpp"

namespace kbench {

nlohmann::json candidate_verdict_json(const Verdict& v, const std::string& task, const std::string& backend,
                                      const Candidate& candidate, const std::optional<std::string>& file) {
  nlohmann::json j = to_json(v);
  j["task"] = task;
  j["backend"] = backend;
  if (file) j["file"] = *file;
  j["source_hash"] = candidate.hash;
  if (!v.timings.empty()) {
    j["candidate_median_ns"] = v.timings.front().candidate.median_ns;
    j["reference_median_ns"] = v.timings.front().reference.median_ns;
  }
  return j;
}

}  // namespace kbench
