// Nominal fp32 peak FLOP/s of a GPU, for the host-side device probes (backends/cuda, backends/hip) and
// the worker's device description (gpu_runtime): one formula per vendor, plain C++ (no vendor headers).
#pragma once
#include <string>

namespace kbench::gpu {

// NVIDIA: SM count × FP32 cores per SM for the compute capability × 2 (FMA) × clock (kHz).
double nvidia_fp32_peak_flops(int compute_major, int compute_minor, int sm_count, double clock_khz);

// AMD: compute units × FP32 FLOP per clock per CU for the target × clock (kHz). gfx90a and gfx94x issue
// packed FP32 (256 FLOP/clock/CU); other targets 64 lanes × FMA. `gcn_arch` may carry features
// ("gfx90a:sramecc+:xnack-").
double amd_fp32_peak_flops(const std::string& gcn_arch, int compute_units, double clock_khz);

}  // namespace kbench::gpu
