// Verdict text made safe to show and store: the Evaluator passes every verdict through here before
// returning it, so a candidate that prints an API key from its environment cannot carry it into the
// terminal, the results store or the LLM's feedback, and bytes that are not UTF-8 (a candidate printing
// 0xFF, a compiler echoing a binary source, a Latin-1 file name) cannot make JSON output or storage fail.
#pragma once
#include "core/verdict/verdict.hpp"

namespace kbench {

// On every text field of `v` (detail, the compile and run logs, the error metrics' names, device,
// compiler, the timings' shapes and methods): redact_secrets (core/util/secrets), then valid_utf8
// (core/util/utf8).
void sanitise_verdict_text(Verdict& v);

}  // namespace kbench
