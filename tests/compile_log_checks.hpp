// What a compiler log says, for tests that must check WHY a compile failed (no build-time paths needed,
// so suites outside kbench_add_test can include it too).
#pragma once
#include <string>

namespace kbench::test {

// True when a compiler log reports that the candidate's solve() conflicts with the prototype kbench's entry
// shim declares (g++: "conflicting declaration of C function", clang/hipcc: "conflicting types for 'solve'",
// nvcc: "more than one instance of overloaded function "solve" has "C" linkage"), not just any error.
inline bool is_signature_error(const std::string& log) {
  if (log.find("solve") == std::string::npos) return false;
  for (const char* what : {"conflicting declaration of C function", "conflicting types for 'solve'",
                           "more than one instance of overloaded function \"solve\" has \"C\" linkage"})
    if (log.find(what) != std::string::npos) return true;
  return false;
}

}  // namespace kbench::test
