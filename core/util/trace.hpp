// Phase tracing for finding where evaluation time goes: with KBENCH_TRACE=1, each call prints
// "[kbench trace +1.234 s] <what>" (time since the first trace) to stderr. Costs nothing when unset.
#pragma once
#include <string_view>

namespace kbench {
void trace(std::string_view what);
}
