// How a backend runs its compiler for one request: inside the sandbox when the request asks for it (the
// scratch folder writable, the toolchain's own folders read-only, nothing else of the machine's files),
// always under the compilers' resource limits (core/sandbox/resource_limits.hpp).
#pragma once
#include <filesystem>
#include <vector>

#include "core/candidate/candidate.hpp"
#include "core/util/process.hpp"

namespace kbench {

// `read_only`: what the toolchain reads outside the system folders (a CUDA toolkit, kbench's own headers).
ProcessOptions compile_process_options(const CompileRequest& req, const std::filesystem::path& scratch,
                                       std::vector<std::filesystem::path> read_only = {});

}  // namespace kbench
