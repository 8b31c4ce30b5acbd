// HarnessError: a fault of kbench itself or of its data (a missing reference kernel, an unreadable task or
// candidate file, an absent worker binary), never of the candidate, whose faults are verdicts.
#pragma once
#include <stdexcept>

namespace kbench {

struct HarnessError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace kbench
