// ensure_private_dir: create, then check ownership and mode of a private folder. See private_dir.hpp.
#include "core/util/private_dir.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace kbench {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const fs::path& dir, const std::string& what) {
  throw std::runtime_error(fmt::format("{}: {}", dir.string(), what));
}

// Creates the parents with the default mode and `dir` itself with 0700 (an existing folder is left as it is).
void create_private(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(dir, ec))) return;
  if (dir.has_parent_path()) {
    fs::create_directories(dir.parent_path(), ec);
    if (ec) fail(dir, "cannot create its parent folders: " + ec.message());
  }
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) fail(dir, std::string("cannot create it: ") + std::strerror(errno));
}

}  // namespace

fs::path ensure_private_dir(const fs::path& dir) {
  if (dir.empty()) throw std::runtime_error("ensure_private_dir: the path is empty");
  create_private(dir);
  std::error_code ec;
  const fs::path real = fs::canonical(dir, ec);
  if (ec) fail(dir, "cannot resolve it: " + ec.message());
  struct stat st {};
  if (::stat(real.c_str(), &st) != 0) fail(real, std::string("cannot stat it: ") + std::strerror(errno));
  if (!S_ISDIR(st.st_mode)) fail(real, "it is not a directory: remove it or set KBENCH_CACHE to a folder you own");
  const uid_t me = ::geteuid();
  if (st.st_uid != me)
    fail(real, fmt::format("it is owned by uid {} (mode {:04o}), not by this user (uid {}), so its contents cannot be "
                           "trusted: remove it or set KBENCH_CACHE to a folder you own",
                           st.st_uid, st.st_mode & 07777, me));
  if ((st.st_mode & 07777) != 0700 && ::chmod(real.c_str(), 0700) != 0)
    fail(real, fmt::format("cannot chmod it from {:04o} to 0700: {}", st.st_mode & 07777, std::strerror(errno)));
  return real;
}

}  // namespace kbench
