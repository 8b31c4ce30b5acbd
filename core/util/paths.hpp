// Where kbench finds its data: the source tree root (tasks/, reference_kernels/, prompts/), the folder of
// its own executables (workers live beside kbench), the compile cache.
#pragma once
#include <filesystem>

namespace kbench {

// KBENCH_ROOT when set, else the source tree kbench was built from.
std::filesystem::path kbench_root();
// Folder holding the running executable (workers are looked up there).
std::filesystem::path executable_dir();
// KBENCH_CACHE when set, else $XDG_CACHE_HOME/kbench or ~/.cache/kbench (~ is $HOME, else the home
// directory of geteuid() in the password database). Throws std::runtime_error when there is none.
std::filesystem::path cache_root();
const char* kbench_version();

}  // namespace kbench
