// core/candidate: a CompileRequest's artifact size cap, 64 MiB unless KBENCH_MAX_ARTIFACT_MB says otherwise.
#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "core/candidate/candidate.hpp"
#include "core/util/harness_error.hpp"
#include "tests/test_support.hpp"

using namespace kbench;

namespace {

constexpr const char* kCapVariable = "KBENCH_MAX_ARTIFACT_MB";
constexpr std::uint64_t kMiB = 1 << 20;

}  // namespace

TEST(CompileRequest, ArtifactCapDefaultsTo64MiB) {
  test::ScopedEnv cap(kCapVariable, std::nullopt);
  EXPECT_EQ(CompileRequest{}.max_artifact_bytes, 64 * kMiB);
  test::ScopedEnv empty(kCapVariable, "");
  EXPECT_EQ(CompileRequest{}.max_artifact_bytes, 64 * kMiB);
}

TEST(CompileRequest, KbenchMaxArtifactMbOverridesTheCap) {
  test::ScopedEnv cap(kCapVariable, "3");
  EXPECT_EQ(CompileRequest{}.max_artifact_bytes, 3 * kMiB);
  EXPECT_EQ(max_artifact_bytes_from_env(), 3 * kMiB);
}

TEST(CompileRequest, ABadKbenchMaxArtifactMbIsAnErrorNamingIt) {
  for (const char* bad : {"0", "-1", "12abc", "1.5", "99999999999999"}) {
    test::ScopedEnv cap(kCapVariable, bad);
    try {
      max_artifact_bytes_from_env();
      ADD_FAILURE() << "accepted KBENCH_MAX_ARTIFACT_MB=" << bad;
    } catch (const HarnessError& e) {
      EXPECT_NE(std::string(e.what()).find(std::string("KBENCH_MAX_ARTIFACT_MB=") + bad), std::string::npos) << e.what();
    }
  }
}
