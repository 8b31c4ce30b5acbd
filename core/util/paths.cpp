// Locations of kbench's data, executables and cache.
#include "core/util/paths.hpp"

#include <cstdlib>
#include <unistd.h>

#ifndef KBENCH_SOURCE_DIR
#error "KBENCH_SOURCE_DIR must be defined by the build"
#endif
#ifndef KBENCH_VERSION
#define KBENCH_VERSION "unknown"
#endif

namespace kbench {

std::filesystem::path kbench_root() {
  if (const char* r = std::getenv("KBENCH_ROOT"); r && *r) return r;
  return KBENCH_SOURCE_DIR;
}

std::filesystem::path executable_dir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::current_path() : exe.parent_path();
}

std::filesystem::path cache_root() {
  if (const char* c = std::getenv("KBENCH_CACHE"); c && *c) return c;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::filesystem::path(x) / "kbench";
  if (const char* h = std::getenv("HOME"); h && *h) return std::filesystem::path(h) / ".cache" / "kbench";
  return std::filesystem::temp_directory_path() / "kbench-cache";
}

const char* kbench_version() { return KBENCH_VERSION; }

}  // namespace kbench
