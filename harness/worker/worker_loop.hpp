// The generic worker loop: serves protocol requests with a backend's DeviceRuntime until `quit` or EOF.
#pragma once
#include "backends/runtime.hpp"

namespace kbench {

// Returns the process exit code. Never lets an exception escape: it becomes an {"ok":false} reply.
// `descriptor_fd`: the socket on which the descriptors of arena-naming and load requests arrive.
int serve_worker_requests(DeviceRuntime& runtime, int request_fd, int reply_fd, int descriptor_fd);

}  // namespace kbench
