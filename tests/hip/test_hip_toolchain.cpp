// HIP backend, no compiler needed: offload-target parsing and choice, registration, the device probe.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "backends/hip/device_probe.hpp"
#include "tests/hip/hip_test_support.hpp"

namespace kbench {
namespace {

TEST(HipToolchain, NormalizesOffloadTargets) {
  EXPECT_EQ(hip::normalize_target("gfx90a"), "gfx90a");
  EXPECT_EQ(hip::normalize_target("gfx940"), "gfx940");
  EXPECT_EQ(hip::normalize_target("gfx1030"), "gfx1030");
  EXPECT_EQ(hip::normalize_target("gfx90a:xnack-"), "gfx90a:xnack-");
  EXPECT_EQ(hip::normalize_target("gfx940:sramecc+:xnack-"), "gfx940:sramecc+:xnack-");
  EXPECT_THROW(hip::normalize_target("sm_90"), std::invalid_argument);
  EXPECT_THROW(hip::normalize_target("gfx90a; rm -rf /"), std::invalid_argument);
  EXPECT_THROW(hip::normalize_target("gfx90a:fast"), std::invalid_argument);
  EXPECT_THROW(hip::normalize_target(""), std::invalid_argument);
}

TEST(HipToolchain, ParsesTargetLists) {
  EXPECT_EQ(hip::parse_targets("gfx90a,gfx940"), (std::vector<std::string>{"gfx90a", "gfx940"}));
  EXPECT_EQ(hip::parse_targets("gfx90a; gfx908 ,gfx90a"), (std::vector<std::string>{"gfx90a", "gfx908"}));
  EXPECT_THROW(hip::parse_targets(" , "), std::invalid_argument);
  EXPECT_THROW(hip::parse_targets("gfx90a,sm_80"), std::invalid_argument);
}

TEST(HipToolchain, DefaultsToMi200AndMi300AndHonoursTheOverride) {
  unsetenv("KBENCH_HIP_ARCH");
  EXPECT_EQ(hip::choose_targets(""), (std::vector<std::string>{"gfx90a", "gfx940"}));
  EXPECT_EQ(hip::choose_targets("gfx90a:sramecc+:xnack-"), (std::vector<std::string>{"gfx90a"}));
  setenv("KBENCH_HIP_ARCH", "gfx908", 1);
  EXPECT_EQ(hip::choose_targets("gfx90a"), (std::vector<std::string>{"gfx908"}));
  unsetenv("KBENCH_HIP_ARCH");
}

TEST(HipToolchain, FlagsNameEveryTarget) {
  const auto flags = hip::hipcc_flags({"gfx90a", "gfx940"}, "/compat");
  EXPECT_NE(std::find(flags.begin(), flags.end(), "--offload-arch=gfx90a"), flags.end());
  EXPECT_NE(std::find(flags.begin(), flags.end(), "--offload-arch=gfx940"), flags.end());
  EXPECT_NE(std::find(flags.begin(), flags.end(), "-I/compat"), flags.end());
}

TEST(HipBackend, IsRegistered) {
  const auto names = backend_names();
  ASSERT_NE(std::find(names.begin(), names.end(), "hip"), names.end());
  auto backend = make_backend("hip");
  EXPECT_EQ(backend->name(), "hip");
  EXPECT_EQ(backend->source_extension(), ".hip");
  EXPECT_EQ(backend->stream_type(), "hipStream_t");
  EXPECT_EQ(backend->worker_executable().filename(), "kbench-worker-hip");
}

TEST(HipBackend, ProbeFindsNoDeviceWithoutTheAmdgpuDriver) {
  std::string why;
  const auto device = hip::probe_hip_device(&why);
  if (!std::filesystem::exists("/dev/kfd")) {
    EXPECT_FALSE(device.has_value());
    EXPECT_NE(why.find("/dev/kfd"), std::string::npos) << why;
  }
  if (device) {
    EXPECT_EQ(device->arch.rfind("gfx", 0), 0u) << device->arch;
    EXPECT_GT(device->memory_bytes, 0);
  }
  EXPECT_EQ(make_backend("hip")->probe_device().has_value(), device.has_value());
}

TEST(HipBackend, EveryCatalogTaskWithACudaReferenceSharesItWithHip) {
  std::size_t shared = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(test::source_dir() / "tasks")) {
    if (entry.path().extension() != ".json") continue;
    const TaskSpec t = load_task_spec(entry.path());
    if (!t.references.count("cuda")) continue;
    ASSERT_TRUE(t.references.count("hip")) << t.id;
    ++shared;
  }
  EXPECT_GT(shared, 100u);
}

TEST(HipBackend, Bf16IsRocm52sHipBfloat16) {
  EXPECT_EQ(c_type(DType::bf16, "hip"), "hip_bfloat16");
  EXPECT_EQ(c_type(DType::f16, "hip"), "__half");
}

}  // namespace
}  // namespace kbench
