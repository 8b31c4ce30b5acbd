// Secrets out of verdicts: the Evaluator passes every verdict through here before returning it, so a
// candidate that prints an API key from its environment cannot carry it into the terminal, the results
// store or the LLM's feedback.
#pragma once
#include "core/verdict/verdict.hpp"

namespace kbench {

// redact_secrets (core/util/secrets) on every text field of `v`: detail, the compile and run logs, the
// error metrics' names (failing output, shape, phase, mismatch outputs), device, compiler, the timings'
// shapes and methods.
void redact_secrets(Verdict& v);

}  // namespace kbench
