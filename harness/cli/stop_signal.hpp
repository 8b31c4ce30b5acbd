// Telling a person's second Ctrl-C (or a second SIGTERM) from the first one delivered twice: GNU timeout,
// and supervisors that signal a process and then its group, deliver one stop as two signals microseconds
// apart. `kbench run` and `kbench serve` stop gracefully on the first and at once on a second.
#pragma once

namespace kbench::cli {

enum class StopSignal {
  first,      // the first: stop gracefully
  duplicate,  // within kSameStopSignalNs of the first: the same stop, ignore it
  again,      // later: the user means it, stop at once
};

inline constexpr long long kSameStopSignalNs = 500'000'000;

// Classifies a stop signal being handled now (and records the first). Async-signal-safe.
StopSignal classify_stop_signal();

}  // namespace kbench::cli
