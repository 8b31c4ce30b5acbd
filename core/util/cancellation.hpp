// Cancellation of the work in progress, for the whole process: a signal handler (Ctrl-C in `kbench run`)
// asks for it; waits that must end within a short time (a worker's request) see it and throw Cancelled,
// which is nobody's verdict: the caller abandons the work and says so (the run loop judges it again on
// --resume).
#pragma once
#include <stdexcept>

namespace kbench {

struct Cancelled : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void request_cancellation() noexcept;  // async-signal-safe
bool cancellation_requested() noexcept;
void clear_cancellation() noexcept;    // for the next piece of work (and tests)

}  // namespace kbench
