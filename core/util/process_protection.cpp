// protect_from_same_user_processes (prctl(PR_SET_DUMPABLE, 0), once) and drop_root_privileges.
#include "core/util/process_protection.hpp"

#include <grp.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <string>

namespace kbench {

void protect_from_same_user_processes() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (const char* allow = std::getenv("KBENCH_ALLOW_PTRACE"); allow && std::strcmp(allow, "1") == 0) {
      std::fprintf(stderr, "kbench: KBENCH_ALLOW_PTRACE=1: candidates can read this process's memory\n");
      return;
    }
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
      throw std::runtime_error(std::string("prctl(PR_SET_DUMPABLE, 0): ") + std::strerror(errno));
  });
}

void drop_root_privileges(int parent_death_signal) {
  if (geteuid() != 0) return;
  constexpr uid_t kNobody = 65534;
  auto check = [](int rc, const char* what) {
    if (rc != 0) throw std::runtime_error(std::string(what) + ": " + std::strerror(errno));
  };
  check(setgroups(0, nullptr), "setgroups");
  check(setresgid(kNobody, kNobody, kNobody), "setresgid");
  check(setresuid(kNobody, kNobody, kNobody), "setresuid");
  if (geteuid() == 0 || getuid() == 0) throw std::runtime_error("still root after setresuid");
  check(prctl(PR_SET_DUMPABLE, 0, 0, 0, 0), "prctl(PR_SET_DUMPABLE)");
  check(prctl(PR_SET_PDEATHSIG, parent_death_signal, 0, 0, 0), "prctl(PR_SET_PDEATHSIG)");
}

}  // namespace kbench
