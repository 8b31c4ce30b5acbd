// fp32 peak formulas: cores per SM by compute capability (NVIDIA), FLOP per clock per CU by target (AMD).
#include "backends/gpu/peak_flops.hpp"

namespace kbench::gpu {

double nvidia_fp32_peak_flops(int major, int minor, int sm_count, double clock_khz) {
  int cores_per_sm = 64;
  if (major == 8 && minor == 0) cores_per_sm = 64;   // A100
  else if (major == 8) cores_per_sm = 128;           // GA10x, Ada
  else if (major == 9) cores_per_sm = 128;           // Hopper
  else if (major >= 10) cores_per_sm = 128;          // Blackwell
  else if (major == 7) cores_per_sm = 64;            // Volta, Turing
  return 2.0 * cores_per_sm * sm_count * clock_khz * 1e3;
}

double amd_fp32_peak_flops(const std::string& arch, int compute_units, double clock_khz) {
  double per_clock = 128;                                         // 64 lanes × FMA
  if (arch.rfind("gfx90a", 0) == 0) per_clock = 256;              // MI200: packed FP32
  else if (arch.rfind("gfx94", 0) == 0) per_clock = 256;          // MI300: packed FP32
  return per_clock * compute_units * clock_khz * 1e3;
}

}  // namespace kbench::gpu
