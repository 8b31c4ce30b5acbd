// Worker protocol constants: the file descriptors of the request/reply channel (line-delimited JSON).
// Parent -> worker requests on kRequestFd, worker -> parent replies on kReplyFd; the candidate's own
// stdout/stderr are redirected to a log file so they never reach the protocol channel. A request naming
// an "arena" ({"size", "id"}) and a "load" request are preceded by a descriptor (the arena's memfd, the
// artifact's file) passed on kDescriptorFd (a SOCK_SEQPACKET unix socket, SCM_RIGHTS): exactly one per
// such request, in request order. Workers never open kbench's files or memory by path.
#pragma once

namespace kbench {
inline constexpr int kRequestFd = 3;
inline constexpr int kReplyFd = 4;
inline constexpr int kDescriptorFd = 5;
}  // namespace kbench
