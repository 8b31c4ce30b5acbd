// CUDA device-side names for code compiled by hipcc (the HIP backend puts this folder first on the
// include path, so a CUDA source's <cuda_runtime.h>, <cuda_fp16.h> and <cuda_bf16.h> land here).
// Runtime API names come from backends/gpu/vendor.hpp; this adds the kernel-language differences:
//  - warp shuffles: CUDA's __shfl_*_sync(mask, v, lane[, width = 32]) become HIP's __shfl_*(v, lane, width)
//    with width 32, so code written for 32-lane warps keeps its meaning on 64-lane AMD wavefronts (each
//    wavefront acts as two independent 32-lane groups). The mask is ignored: AMD wavefronts run in lockstep.
//  - __syncwarp: a wavefront barrier with memory fences;
//  - bfloat16: __nv_bfloat16 is ROCm 5.2's hip_bfloat16 (<hip/hip_bfloat16.h>; ROCm 5.2 has no
//    __hip_bfloat16), with CUDA's conversion functions.
// Code using warpSize, inline PTX, WMMA/mma.h, cooperative groups or CUDA libraries is not covered.
#pragma once

#ifndef KBENCH_GPU_HIP
#define KBENCH_GPU_HIP 1
#endif
#include "../../gpu/vendor.hpp"

#include <hip/hip_bfloat16.h>
#include <hip/hip_fp16.h>

#if !defined(HIP_ENABLE_WARP_SYNC_BUILTINS)
template <typename T>
__device__ inline T __shfl_sync(unsigned long long, T var, int src_lane, int width = 32) {
  return __shfl(var, src_lane, width);
}
template <typename T>
__device__ inline T __shfl_xor_sync(unsigned long long, T var, int lane_mask, int width = 32) {
  return __shfl_xor(var, lane_mask, width);
}
template <typename T>
__device__ inline T __shfl_up_sync(unsigned long long, T var, unsigned int delta, int width = 32) {
  return __shfl_up(var, delta, width);
}
template <typename T>
__device__ inline T __shfl_down_sync(unsigned long long, T var, unsigned int delta, int width = 32) {
  return __shfl_down(var, delta, width);
}
__device__ inline void __syncwarp(unsigned long long = ~0ull) {
  __builtin_amdgcn_fence(__ATOMIC_RELEASE, "wavefront");
  __builtin_amdgcn_wave_barrier();
  __builtin_amdgcn_fence(__ATOMIC_ACQUIRE, "wavefront");
}
#endif

using __nv_bfloat16 = hip_bfloat16;
__host__ __device__ inline hip_bfloat16 __float2bfloat16(float f) { return hip_bfloat16(f); }  // round to nearest even
__host__ __device__ inline hip_bfloat16 __float2bfloat16_rn(float f) { return hip_bfloat16(f); }
__host__ __device__ inline float __bfloat162float(hip_bfloat16 b) { return static_cast<float>(b); }
