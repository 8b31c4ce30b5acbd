// The monotonic clock kbench measures its own phases with (compile, verify, time, a batch, an LLM turn).
#pragma once
#include <chrono>

namespace kbench {

using SteadyClock = std::chrono::steady_clock;

// Seconds elapsed on the steady clock since `start`.
inline double seconds_since(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

}  // namespace kbench
