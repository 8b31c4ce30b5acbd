// The exact `extern "C" void solve(...)` signature a candidate must define for a task and backend.
#pragma once
#include <string>

#include "core/spec/task_spec.hpp"

namespace kbench {

// Parameter list in order; GPU backends append the stream parameter ("cudaStream_t stream").
// `stream_type` is empty for backends without streams.
std::string solve_parameters(const TaskSpec& spec, const std::string& backend, const std::string& stream_type);
// `extern "C" void solve(<parameters>)`
std::string solve_signature(const TaskSpec& spec, const std::string& backend, const std::string& stream_type);

}  // namespace kbench
