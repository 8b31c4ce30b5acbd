// Locations of kbench's data, executables and cache.
#include "core/util/paths.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

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
  // No shared fallback such as /tmp: anyone could plant it, and its artifacts would then be loaded.
  const uid_t uid = geteuid();
  passwd pw{};
  passwd* found = nullptr;
  std::vector<char> buf(16384);
  if (getpwuid_r(uid, &pw, buf.data(), buf.size(), &found) == 0 && found && found->pw_dir && *found->pw_dir)
    return std::filesystem::path(found->pw_dir) / ".cache" / "kbench";
  throw std::runtime_error("cannot choose a cache folder: KBENCH_CACHE, XDG_CACHE_HOME and HOME are unset and uid " +
                           std::to_string(uid) + " has no home directory; set KBENCH_CACHE to a folder you own");
}

const char* kbench_version() { return KBENCH_VERSION; }

}  // namespace kbench
