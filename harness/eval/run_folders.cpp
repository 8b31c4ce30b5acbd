// remove_abandoned_run_folders: see run_folders.hpp.
#include "harness/eval/run_folders.hpp"

#include <signal.h>

#include <cerrno>
#include <string>

namespace kbench {

namespace fs = std::filesystem;

long run_folder_owner(const fs::path& folder) {
  const std::string name = folder.filename().string();
  const auto dash = name.find('-');
  if (dash == std::string::npos || dash == 0 || dash > 10) return -1;
  long pid = 0;
  for (std::size_t i = 0; i < dash; ++i) {
    if (name[i] < '0' || name[i] > '9') return -1;
    pid = pid * 10 + (name[i] - '0');
  }
  return pid > 0 ? pid : -1;
}

int remove_abandoned_run_folders(const fs::path& runs) {
  std::error_code ec;
  int removed = 0;
  for (fs::directory_iterator it(runs, ec), end; !ec && it != end; it.increment(ec)) {
    const long pid = run_folder_owner(it->path());
    if (pid <= 0 || !it->is_directory(ec)) continue;
    // ESRCH: no such process. EPERM means it exists (another user's): leave it.
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
    std::error_code rm;
    if (fs::remove_all(it->path(), rm) > 0 && !rm) ++removed;
  }
  return removed;
}

}  // namespace kbench
