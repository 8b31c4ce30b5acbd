// Keeps secrets out of what kbench shows and stores: the values of environment variables that look like
// credentials (API keys for the LLM client, tokens) are cut out of any text a candidate could have put
// them into (its compile and run logs), before verdicts reach the terminal, the results store or an LLM.
#pragma once
#include <string>

namespace kbench {

// Replaces every occurrence of the value of each environment variable whose name contains KEY, TOKEN,
// SECRET, PASSWORD or CREDENTIAL (any case) and whose value is at least 8 bytes long with "[redacted]".
// Reads the environment (environ) at every call, so a variable set later counts too; that is cheap (a
// few dozen variables) next to an evaluation.
std::string redact_secrets(std::string text);

}  // namespace kbench
