// The entry shim compiled with every candidate: it declares the exact solve() prototype (so a wrong
// signature is a compile error), includes the candidate, and defines kbench_entry(void* const* args),
// which unpacks an argument array (tensor pointers, pointers to sizes/scalars, then the stream) and calls solve.
#pragma once
#include <filesystem>
#include <string>

#include "core/spec/task_spec.hpp"

namespace kbench {

// The includes a GPU backend's shim starts with: its runtime header always, and its half-precision
// headers only when the task has f16 / bf16 arguments (those headers are slow to compile).
std::string shim_prelude(const TaskSpec& spec, const std::string& runtime_header, const std::string& f16_header,
                         const std::string& bf16_header);

// `prelude`: backend includes placed first (e.g. <cuda_runtime.h>, <cuda_fp16.h>).
std::string entry_shim_source(const TaskSpec& spec, const std::string& backend, const std::string& stream_type,
                              const std::filesystem::path& candidate, const std::string& prelude = "");

}  // namespace kbench
