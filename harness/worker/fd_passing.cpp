// send_fd / receive_fd: one descriptor per SOCK_SEQPACKET message, one payload byte to carry it.
#include "harness/worker/fd_passing.hpp"

#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace kbench {
namespace {

// A message of one payload byte with room for one descriptor (the payload carries the ancillary data).
struct OneDescriptorMessage {
  char byte = 'A';
  iovec iov{&byte, 1};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
  msghdr msg{};
  OneDescriptorMessage() {
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
  }
  OneDescriptorMessage(const OneDescriptorMessage&) = delete;
  OneDescriptorMessage& operator=(const OneDescriptorMessage&) = delete;
};

}  // namespace

bool send_fd(int channel, int fd) {
  OneDescriptorMessage m;
  cmsghdr* c = CMSG_FIRSTHDR(&m.msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  std::memcpy(CMSG_DATA(c), &fd, sizeof(int));
  for (;;) {
    const ssize_t n = sendmsg(channel, &m.msg, MSG_NOSIGNAL);
    if (n == 1) return true;
    if (n < 0 && errno == EINTR) continue;
    return false;
  }
}

int receive_fd(int channel) {
  OneDescriptorMessage m;
  ssize_t n;
  do {
    n = recvmsg(channel, &m.msg, MSG_CMSG_CLOEXEC);
  } while (n < 0 && errno == EINTR);
  if (n < 0) throw std::runtime_error(std::string("receiving a descriptor: ") + std::strerror(errno));
  if (n == 0) throw std::runtime_error("receiving a descriptor: the parent closed the channel");
  const cmsghdr* c = CMSG_FIRSTHDR(&m.msg);
  if (!c || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS || c->cmsg_len != CMSG_LEN(sizeof(int)))
    throw std::runtime_error("receiving a descriptor: the message carried none");
  int fd = -1;
  std::memcpy(&fd, CMSG_DATA(c), sizeof(int));
  return fd;
}

}  // namespace kbench
