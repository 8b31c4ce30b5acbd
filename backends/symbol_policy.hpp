// Library policy by inspection of a compiled shared object's imported (undefined dynamic) symbols,
// instead of guessing from source text. Shared by every backend.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace kbench {

// Undefined dynamic symbols of `shared_object` (via `nm -D --undefined-only`, inside the sandbox when
// `sandboxed`: the object is untrusted input to nm); throws when nm fails.
std::vector<std::string> imported_symbols(const std::filesystem::path& shared_object, bool sandboxed = false);

// The first imported symbol matching one of the glob patterns ("cublas*", "dlopen"), or "" when none.
std::string first_forbidden_symbol(const std::vector<std::string>& imported, const std::vector<std::string>& patterns);

// Patterns every backend forbids in candidates: loading other code and starting processes.
const std::vector<std::string>& always_forbidden_symbols();

// The library-policy verdict detail for a compiled candidate, or "" when it complies: the always-forbidden
// symbols, plus `vendor_patterns` unless the task allows libraries.
std::string library_policy_violation(const std::filesystem::path& artifact, bool allow_libraries,
                                     const std::vector<std::string>& vendor_patterns, bool sandboxed = false);

// Compiler output names files by their scratch path: show `scratch/<scratch_name>` as the user's file name
// (`shown_name`, or `scratch_name` when empty) and drop the scratch folder from other paths.
std::string clean_compiler_log(std::string log, const std::filesystem::path& scratch, const std::string& scratch_name,
                               const std::string& shown_name);

// When a compiler log reports that the candidate's solve() conflicts with the shim's prototype (g++:
// "conflicting declaration of C function", clang/hipcc: "conflicting types for 'solve'", nvcc: "more than
// one instance of overloaded function "solve" has "C" linkage"), a line stating the prototype the task
// expects, `signature`; otherwise "". nvcc's message names neither declaration.
std::string prototype_hint(const std::string& log, const std::string& signature);

}  // namespace kbench
