// Scratch folders of evaluations (<cache>/runs/<pid>-<n>): each evaluation removes its own when it ends;
// one whose kbench was killed (kill -9, a lost machine) is removed by the next Evaluator on that cache.
#pragma once
#include <filesystem>

namespace kbench {

// The folder name's process-id prefix, or -1 when it has none.
long run_folder_owner(const std::filesystem::path& folder);

// Removes every folder under `runs` whose owning process no longer exists; returns how many. Folders of
// live processes (this one included) and names without a pid prefix are left alone. Never throws.
int remove_abandoned_run_folders(const std::filesystem::path& runs);

}  // namespace kbench
