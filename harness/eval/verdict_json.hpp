// The JSON of one candidate's verdict as `kbench eval --json` prints it and `kbench serve` answers it:
// to_json(Verdict) plus the task, the backend, the source's hash and the first bench shape's medians.
#pragma once
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/candidate/candidate.hpp"
#include "core/verdict/verdict.hpp"

namespace kbench {

// `file`: the candidate's file name as the user gave it (eval); none for a source sent over the wire (serve).
nlohmann::json candidate_verdict_json(const Verdict& v, const std::string& task, const std::string& backend,
                                      const Candidate& candidate, const std::optional<std::string>& file = std::nullopt);

}  // namespace kbench
