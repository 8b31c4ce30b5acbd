// Scratch folders a killed kbench left behind are removed by the next Evaluator on the same cache; those
// of live processes are not (issue 13).
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "backends/backend.hpp"
#include "harness/eval/evaluator.hpp"
#include "harness/eval/run_folders.hpp"
#include "tests/eval/eval_test_support.hpp"

namespace kbench {
namespace {
namespace fs = std::filesystem;

TEST(RunFolders, TheOwnerIsTheNamesPidPrefix) {
  EXPECT_EQ(run_folder_owner("/x/runs/1234-99"), 1234);
  EXPECT_EQ(run_folder_owner("/x/runs/abc-99"), -1);
  EXPECT_EQ(run_folder_owner("/x/runs/-99"), -1);
  EXPECT_EQ(run_folder_owner("/x/runs/1234"), -1);
}

TEST(RunFolders, AFolderOfAProcessThatIsGoneIsRemovedOneOfALiveProcessIsKept) {
  test::TempDir tmp;
  const fs::path runs = tmp.path / "cache" / "runs";
  // 999999999 is above every Linux pid_max: no such process can exist.
  const fs::path dead = runs / "999999999-1", mine = runs / (std::to_string(getpid()) + "-2"), other = runs / "notes";
  for (const auto& d : {dead, mine, other}) {
    fs::create_directories(d);
    std::ofstream(d / "candidate.log") << "left over";
  }
  auto backend = make_backend("cpu");
  Evaluator evaluator(*backend, test::quick_eval_options(tmp.path / "cache"));  // on start: the cleanup
  EXPECT_FALSE(fs::exists(dead));
  EXPECT_TRUE(fs::exists(mine / "candidate.log"));
  EXPECT_TRUE(fs::exists(other / "candidate.log"));
  EXPECT_EQ(remove_abandoned_run_folders(runs), 0);
}

}  // namespace
}  // namespace kbench
