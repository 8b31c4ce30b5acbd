// core/candidate: a CompileRequest's artifact size cap, 64 MiB unless KBENCH_MAX_ARTIFACT_MB says otherwise.
#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "core/candidate/candidate.hpp"
#include "core/util/harness_error.hpp"

using namespace kbench;

namespace {

// Sets (or unsets) KBENCH_MAX_ARTIFACT_MB for one scope, then restores it.
class ScopedCap {
 public:
  explicit ScopedCap(std::optional<std::string> value) {
    if (const char* old = std::getenv(kName)) old_ = old;
    if (value) setenv(kName, value->c_str(), 1);
    else unsetenv(kName);
  }
  ~ScopedCap() {
    if (old_) setenv(kName, old_->c_str(), 1);
    else unsetenv(kName);
  }

 private:
  static constexpr const char* kName = "KBENCH_MAX_ARTIFACT_MB";
  std::optional<std::string> old_;
};

constexpr std::uint64_t kMiB = 1 << 20;

}  // namespace

TEST(CompileRequest, ArtifactCapDefaultsTo64MiB) {
  ScopedCap cap(std::nullopt);
  EXPECT_EQ(CompileRequest{}.max_artifact_bytes, 64 * kMiB);
  ScopedCap empty("");
  EXPECT_EQ(CompileRequest{}.max_artifact_bytes, 64 * kMiB);
}

TEST(CompileRequest, KbenchMaxArtifactMbOverridesTheCap) {
  ScopedCap cap("3");
  EXPECT_EQ(CompileRequest{}.max_artifact_bytes, 3 * kMiB);
  EXPECT_EQ(max_artifact_bytes_from_env(), 3 * kMiB);
}

TEST(CompileRequest, ABadKbenchMaxArtifactMbIsAnErrorNamingIt) {
  for (const char* bad : {"0", "-1", "12abc", "1.5", "99999999999999"}) {
    ScopedCap cap(bad);
    try {
      max_artifact_bytes_from_env();
      ADD_FAILURE() << "accepted KBENCH_MAX_ARTIFACT_MB=" << bad;
    } catch (const HarnessError& e) {
      EXPECT_NE(std::string(e.what()).find(std::string("KBENCH_MAX_ARTIFACT_MB=") + bad), std::string::npos) << e.what();
    }
  }
}
