// Worker protocol constants: the file descriptors of the request/reply channel (line-delimited JSON).
// Parent -> worker requests on kRequestFd, worker -> parent replies on kReplyFd; the candidate's own
// stdout/stderr are redirected to a log file so they never reach the protocol channel.
#pragma once

namespace kbench {
inline constexpr int kRequestFd = 3;
inline constexpr int kReplyFd = 4;
}  // namespace kbench
