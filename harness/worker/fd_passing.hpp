// File descriptors passed between processes over a unix socket (SCM_RIGHTS): how the parent hands a
// worker the arena of a request, so that arenas are never reachable by path (/proc/<pid>/fd/<n>) and
// kbench's processes can refuse same-user access to their /proc entries (see process_protection.hpp).
#pragma once

namespace kbench {

// Sends a copy of `fd` as one message on the SOCK_SEQPACKET socket `channel`. False when the peer is gone.
bool send_fd(int channel, int fd);
// Receives the next passed descriptor (close-on-exec); throws std::runtime_error when none arrives.
int receive_fd(int channel);

}  // namespace kbench
