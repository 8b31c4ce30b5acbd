// Human-readable rendering of a Verdict for the terminal (JSON output uses to_json(Verdict)).
#pragma once
#include <string>

#include "core/verdict/verdict.hpp"

namespace kbench::cli {

std::string format_verdict_text(const std::string& task_id, const std::string& backend, const Verdict& v);

}  // namespace kbench::cli
