// Library policy by inspection of a compiled shared object's imported (undefined dynamic) symbols,
// instead of guessing from source text. Shared by every backend.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace kbench {

// Undefined dynamic symbols of `shared_object` (via `nm -D --undefined-only`); throws when nm fails.
std::vector<std::string> imported_symbols(const std::filesystem::path& shared_object);

// The first imported symbol matching one of the glob patterns ("cublas*", "dlopen"), or "" when none.
std::string first_forbidden_symbol(const std::vector<std::string>& imported, const std::vector<std::string>& patterns);

// Patterns every backend forbids in candidates: loading other code and starting processes.
const std::vector<std::string>& always_forbidden_symbols();

}  // namespace kbench
