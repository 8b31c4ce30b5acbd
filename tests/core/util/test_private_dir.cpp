// core/util/private_dir: ensure_private_dir creates a 0700 folder, tightens one of ours, and refuses one
// that another user owns (they could swap the cached artifacts kbench loads).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/util/private_dir.hpp"
#include "tests/test_support.hpp"

using namespace kbench;
namespace fs = std::filesystem;

namespace {

mode_t mode_of(const fs::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st.st_mode & 07777;
}

}  // namespace

TEST(PrivateDir, CreatesAMissingFolderAndItsParentsWithMode0700) {
  test::TempDir tmp;
  const fs::path dir = tmp.path / "a" / "b" / "cache";
  ensure_private_dir(dir);
  ASSERT_TRUE(fs::is_directory(dir));
  EXPECT_EQ(mode_of(dir), 0700u);
  ensure_private_dir(dir);  // idempotent
  EXPECT_EQ(mode_of(dir), 0700u);
}

TEST(PrivateDir, TightensAFolderOfOursTo0700) {
  test::TempDir tmp;
  const fs::path dir = tmp.path / "cache";
  fs::create_directory(dir);
  ASSERT_EQ(::chmod(dir.c_str(), 0755), 0);
  ensure_private_dir(dir);
  EXPECT_EQ(mode_of(dir), 0700u);
}

TEST(PrivateDir, FollowsASymlinkAndChecksTheFolderItPointsTo) {
  test::TempDir tmp;
  const fs::path real = tmp.path / "real";
  fs::create_directory(real);
  ASSERT_EQ(::chmod(real.c_str(), 0777), 0);
  fs::create_directory_symlink(real, tmp.path / "link");
  // The folder kbench then uses is the one checked, not the link (which could be pointed elsewhere later).
  EXPECT_EQ(ensure_private_dir(tmp.path / "link"), fs::canonical(real));
  EXPECT_EQ(mode_of(real), 0700u);
}

TEST(PrivateDir, RefusesAFile) {
  test::TempDir tmp;
  const fs::path file = tmp.path / "cache";
  std::ofstream(file) << "not a folder";
  try {
    ensure_private_dir(file);
    FAIL() << "a plain file was accepted as the cache folder";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("not a directory"), std::string::npos) << e.what();
  }
}

TEST(PrivateDir, RefusesAFolderSomeoneElseOwns) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to give a folder to uid 65534 (CI runs tests as root)";
  test::TempDir tmp;
  const fs::path dir = tmp.path / "planted";
  fs::create_directory(dir);
  ASSERT_EQ(::chmod(dir.c_str(), 0755), 0);
  ASSERT_EQ(::chown(dir.c_str(), 65534, 65534), 0);
  try {
    ensure_private_dir(dir);
    FAIL() << "a folder owned by uid 65534 was accepted";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(fs::canonical(dir).string()), std::string::npos) << what;
    EXPECT_NE(what.find("owned by uid 65534"), std::string::npos) << what;
    EXPECT_NE(what.find("mode 0755"), std::string::npos) << what;
    EXPECT_NE(what.find("remove it or set KBENCH_CACHE to a folder you own"), std::string::npos) << what;
  }
  EXPECT_EQ(mode_of(dir), 0755u) << "someone else's folder must be left alone";
}
