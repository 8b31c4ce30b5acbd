// apply_resource_limits (setrlimit per set field, RLIMIT_CORE 0) and the compilers' limits.
#include "core/sandbox/resource_limits.hpp"

#include <sys/resource.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace kbench {

bool apply_resource_limits(const ResourceLimits& limits) noexcept {
  auto set = [](int resource, rlim_t value) {
    rlimit current{};
    if (getrlimit(resource, &current) != 0) return false;
    // Never raise a limit kbench was itself started under.
    if (current.rlim_max != RLIM_INFINITY && value > current.rlim_max) value = current.rlim_max;
    const rlimit r{value, value};
    return setrlimit(resource, &r) == 0;
  };
  bool ok = set(RLIMIT_CORE, 0);
  if (limits.address_space_bytes) ok = set(RLIMIT_AS, *limits.address_space_bytes) && ok;
  if (limits.file_size_bytes) ok = set(RLIMIT_FSIZE, *limits.file_size_bytes) && ok;
  if (limits.open_files) ok = set(RLIMIT_NOFILE, *limits.open_files) && ok;
  if (limits.cpu_seconds) ok = set(RLIMIT_CPU, *limits.cpu_seconds) && ok;
  return ok;
}

ResourceLimits compiler_limits() {
  std::uint64_t mib = 8192;
  if (const char* v = std::getenv("KBENCH_COMPILER_MEMORY_MB"); v && *v) {
    std::size_t used = 0;
    try {
      mib = std::stoull(v, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || v[used] != '\0' || mib == 0)
      throw std::runtime_error(std::string("KBENCH_COMPILER_MEMORY_MB must be a positive number of MiB, not '") + v + "'");
  }
  ResourceLimits l;
  l.address_space_bytes = mib << 20;
  l.file_size_bytes = 512ull << 20;
  l.open_files = 1024;
  return l;
}

}  // namespace kbench
