// HostGate: who may run beside whom in kbench serve. A timed evaluation runs alone (nothing else of
// kbench's on the cores or the device while it is timed: the measurement guarantees of
// docs/architecture.md hold as in `kbench eval`); verify-only evaluations (and, on the CPU backend,
// compiles ahead of their slot) share the machine with each other. A waiting timed evaluation goes before
// verify-only ones that come after it, so a steady stream of those cannot starve it.
#pragma once
#include "core/util/shared_gate.hpp"

namespace kbench::serve {

using HostGate = SharedGate;

}  // namespace kbench::serve
