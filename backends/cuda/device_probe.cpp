// CUDA device probe through the driver API loaded at run time, so that kbench itself starts and
// compiles on machines that have the CUDA toolkit but no driver (CI, the development machines).
#include "backends/cuda/device_probe.hpp"

#include <cuda.h>
#include <dlfcn.h>

#include <string>

#include "backends/gpu/peak_flops.hpp"

namespace kbench::cuda {
namespace {

using cuInit_t = CUresult (*)(unsigned);
using cuDeviceGetCount_t = CUresult (*)(int*);
using cuDeviceGet_t = CUresult (*)(CUdevice*, int);
using cuDeviceGetName_t = CUresult (*)(char*, int, CUdevice);
using cuDeviceGetAttribute_t = CUresult (*)(int*, CUdevice_attribute, CUdevice);
using cuDeviceTotalMem_t = CUresult (*)(size_t*, CUdevice);
using cuDriverGetVersion_t = CUresult (*)(int*);
using cuDeviceGetUuid_t = CUresult (*)(CUuuid*, CUdevice);

template <typename F>
F symbol(void* lib, const char* name) {
  return reinterpret_cast<F>(dlsym(lib, name));
}

// As nvidia-smi writes it: GPU-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx.
std::string format_uuid(const CUuuid& u) {
  std::string s = "GPU-";
  static const char* hex = "0123456789abcdef";
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) s += '-';
    const auto b = static_cast<unsigned char>(u.bytes[i]);
    s += hex[b >> 4];
    s += hex[b & 15];
  }
  return s;
}

}  // namespace

std::optional<DeviceInfo> probe_cuda_device(std::string* why_absent) {
  auto absent = [&](std::string why) -> std::optional<DeviceInfo> {
    if (why_absent) *why_absent = std::move(why);
    return std::nullopt;
  };
  // The handle stays open for the life of the process: the driver does not like being unloaded.
  static std::string open_error;
  static void* lib = [] {
    void* handle = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      const char* e = dlerror();
      open_error = e ? e : "dlopen failed";
    }
    return handle;
  }();
  if (!lib) return absent("no CUDA driver: " + open_error);
  auto init = symbol<cuInit_t>(lib, "cuInit");
  auto get_count = symbol<cuDeviceGetCount_t>(lib, "cuDeviceGetCount");
  auto get_device = symbol<cuDeviceGet_t>(lib, "cuDeviceGet");
  auto get_name = symbol<cuDeviceGetName_t>(lib, "cuDeviceGetName");
  auto get_attr = symbol<cuDeviceGetAttribute_t>(lib, "cuDeviceGetAttribute");
  auto total_mem = symbol<cuDeviceTotalMem_t>(lib, "cuDeviceTotalMem_v2");
  auto driver_version = symbol<cuDriverGetVersion_t>(lib, "cuDriverGetVersion");
  if (!init || !get_count || !get_device || !get_name || !get_attr || !total_mem || !driver_version)
    return absent("libcuda.so.1 lacks a driver API entry point");
  if (CUresult r = init(0); r != CUDA_SUCCESS) return absent("cuInit failed with CUresult " + std::to_string(r));
  int count = 0;
  if (get_count(&count) != CUDA_SUCCESS || count == 0) return absent("the CUDA driver sees no device");
  CUdevice dev = 0;
  if (get_device(&dev, 0) != CUDA_SUCCESS) return absent("cuDeviceGet(0) failed");

  auto attr = [&](CUdevice_attribute a) {
    int v = 0;
    return get_attr(&v, a, dev) == CUDA_SUCCESS ? v : 0;
  };
  char name[256] = {};
  get_name(name, sizeof name, dev);
  size_t memory = 0;
  total_mem(&memory, dev);
  int version = 0;
  driver_version(&version);

  const int major = attr(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
  const int minor = attr(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
  const int sms = attr(CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
  const double clock_khz = attr(CU_DEVICE_ATTRIBUTE_CLOCK_RATE);
  const double mem_clock_khz = attr(CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE);
  const double bus_bits = attr(CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH);

  DeviceInfo info;
  info.name = name;
  info.arch = "sm_" + std::to_string(major) + std::to_string(minor);
  info.memory_bytes = static_cast<double>(memory);
  // Nominal: double data rate × bus width. The worker measures the copy bandwidth it can reach.
  info.peak_bandwidth_bytes_per_s = 2.0 * mem_clock_khz * 1e3 * bus_bits / 8.0;
  info.peak_flops = gpu::nvidia_fp32_peak_flops(major, minor, sms, clock_khz);
  info.l2_bytes = attr(CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE);
  info.extra = {{"sm_count", sms},
                {"clock_khz", clock_khz},
                {"memory_clock_khz", mem_clock_khz},
                {"memory_bus_bits", bus_bits},
                {"driver_version", version},
                {"bandwidth_source", "nominal"}};
  // Which device this is (reference timings are kept per device); optional in older drivers.
  auto get_uuid = symbol<cuDeviceGetUuid_t>(lib, "cuDeviceGetUuid_v2");
  if (!get_uuid) get_uuid = symbol<cuDeviceGetUuid_t>(lib, "cuDeviceGetUuid");
  if (CUuuid uuid{}; get_uuid && get_uuid(&uuid, dev) == CUDA_SUCCESS) info.extra["uuid"] = format_uuid(uuid);
  return info;
}

}  // namespace kbench::cuda
