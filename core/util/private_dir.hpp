// A folder only kbench's user may touch (the compile cache): created 0700 when missing, refused when
// someone else owns it, tightened to 0700 when it is ours but open to the group or others.
#pragma once
#include <filesystem>

namespace kbench {

// Creates `dir` (and its parents) when missing, the folder itself with mode 0700; then, after resolving
// symlinks, checks that it is a directory owned by geteuid() and chmods it to 0700 if its mode is anything
// else. Throws std::runtime_error naming the path (its owner uid and mode when it is someone else's) and
// how to fix it. Only `dir` itself is checked, not its parents. Returns the resolved folder: use it, not
// `dir`, so that a symlink swapped after the check cannot redirect kbench.
std::filesystem::path ensure_private_dir(const std::filesystem::path& dir);

}  // namespace kbench
