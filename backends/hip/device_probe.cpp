// HIP device probe through the HIP runtime loaded at run time, so that kbench starts and compiles HIP
// candidates on machines with hipcc but no AMD GPU (CI, the development machines).
#include "backends/hip/device_probe.hpp"

#include <dlfcn.h>
#include <hip/hip_runtime_api.h>

#include <filesystem>
#include <string>

#include "backends/gpu/peak_flops.hpp"

// ROCm 6 renames hipGetDeviceProperties by a macro (hipGetDevicePropertiesR0600): look up what the header says.
#define KBENCH_HIP_STR2(x) #x
#define KBENCH_HIP_STR(x) KBENCH_HIP_STR2(x)

namespace kbench::hip {

std::optional<DeviceInfo> probe_hip_device(std::string* why_absent) {
  auto absent = [&](std::string why) -> std::optional<DeviceInfo> {
    if (why_absent) *why_absent = std::move(why);
    return std::nullopt;
  };
  std::error_code ec;
  if (!std::filesystem::exists("/dev/kfd", ec)) return absent("no /dev/kfd (the amdgpu kernel driver is not loaded)");
  // The handle stays open for the life of the process: the runtime does not like being unloaded.
  static std::string open_error;
  static void* lib = [] {
    void* handle = nullptr;
    for (const char* name : {"libamdhip64.so", "libamdhip64.so.6", "libamdhip64.so.5"})
      if ((handle = dlopen(name, RTLD_NOW | RTLD_LOCAL))) break;
    if (!handle) {
      const char* e = dlerror();
      open_error = e ? e : "dlopen failed";
    }
    return handle;
  }();
  if (!lib) return absent("no HIP runtime: " + open_error);
  auto get_count = reinterpret_cast<decltype(&hipGetDeviceCount)>(dlsym(lib, "hipGetDeviceCount"));
  auto get_props = reinterpret_cast<decltype(&hipGetDeviceProperties)>(dlsym(lib, KBENCH_HIP_STR(hipGetDeviceProperties)));
  auto get_attr = reinterpret_cast<decltype(&hipDeviceGetAttribute)>(dlsym(lib, "hipDeviceGetAttribute"));
  auto driver_version = reinterpret_cast<decltype(&hipDriverGetVersion)>(dlsym(lib, "hipDriverGetVersion"));
  if (!get_count || !get_props || !get_attr || !driver_version)
    return absent("the HIP runtime lacks an entry point kbench uses");
  int count = 0;
  if (hipError_t r = get_count(&count); r != hipSuccess || count == 0)
    return absent("the HIP runtime sees no device (hipGetDeviceCount: error " + std::to_string(static_cast<int>(r)) + ")");
  hipDeviceProp_t props{};
  if (get_props(&props, 0) != hipSuccess) return absent("hipGetDeviceProperties(0) failed");
  auto attr = [&](hipDeviceAttribute_t a) {
    int v = 0;
    return get_attr(&v, a, 0) == hipSuccess ? v : 0;
  };
  int version = 0;
  if (driver_version(&version) != hipSuccess) version = 0;
  const std::string arch = props.gcnArchName;
  const double clock_khz = attr(hipDeviceAttributeClockRate);
  const double mem_clock_khz = attr(hipDeviceAttributeMemoryClockRate);
  const double bus_bits = attr(hipDeviceAttributeMemoryBusWidth);

  DeviceInfo info;
  info.name = props.name;
  info.arch = arch.substr(0, arch.find(':'));  // "gfx90a:sramecc+:xnack-" -> "gfx90a"
  info.memory_bytes = static_cast<double>(props.totalGlobalMem);
  info.peak_bandwidth_bytes_per_s = 2.0 * mem_clock_khz * 1e3 * bus_bits / 8.0;  // nominal, double data rate
  info.peak_flops = gpu::amd_fp32_peak_flops(info.arch, props.multiProcessorCount, clock_khz);
  info.l2_bytes = attr(hipDeviceAttributeL2CacheSize);
  info.extra = {{"gcn_arch_name", arch},
                {"compute_units", props.multiProcessorCount},
                {"clock_khz", clock_khz},
                {"memory_clock_khz", mem_clock_khz},
                {"memory_bus_bits", bus_bits},
                {"driver_version", version},
                {"bandwidth_source", "nominal"}};
  return info;
}

}  // namespace kbench::hip
