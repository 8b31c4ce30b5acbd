// example for broadcast/add_bias_rows
// y[r,c] = x[r,c] + bias[c], memory-bound. When cols is a multiple of 4 (and pointers are 16-byte aligned)
// the matrix is a flat array of float4 and the bias a short float4 vector that stays in L1/L2; each thread
// handles several float4s grid-stride, with the column index tracked incrementally instead of a 64-bit
// modulo per element. Other shapes use a scalar 2-D kernel.
#include <cuda_runtime.h>

#include <algorithm>
#include <cstdint>

namespace {
constexpr int kThreads = 256;

__global__ void add_bias_vec_kernel(const float4* __restrict__ x, const float4* __restrict__ bias,
                                    float4* __restrict__ y, int64_t n4, int64_t cols4) {
  const int64_t stride = static_cast<int64_t>(gridDim.x) * kThreads;
  int64_t i = static_cast<int64_t>(blockIdx.x) * kThreads + threadIdx.x;
  if (i >= n4) return;
  int64_t c = i % cols4;
  const int64_t step = stride % cols4;
  for (; i < n4; i += stride) {
    const float4 v = x[i], b = __ldg(&bias[c]);
    y[i] = make_float4(v.x + b.x, v.y + b.y, v.z + b.z, v.w + b.w);
    c += step;
    if (c >= cols4) c -= cols4;
  }
}

__global__ void add_bias_scalar_kernel(const float* __restrict__ x, const float* __restrict__ bias,
                                       float* __restrict__ y, int64_t rows, int64_t cols) {
  for (int64_t r = blockIdx.y; r < rows; r += gridDim.y)
    for (int64_t c = static_cast<int64_t>(blockIdx.x) * kThreads + threadIdx.x; c < cols;
         c += static_cast<int64_t>(gridDim.x) * kThreads)
      y[r * cols + c] = x[r * cols + c] + bias[c];
}
}  // namespace

extern "C" void solve(const float* x, const float* bias, float* y, int64_t rows, int64_t cols, cudaStream_t stream) {
  if (rows <= 0 || cols <= 0) return;
  const auto bits = reinterpret_cast<uintptr_t>(x) | reinterpret_cast<uintptr_t>(bias) | reinterpret_cast<uintptr_t>(y);
  if (cols % 4 == 0 && (bits & 15) == 0) {
    int device = 0, sms = 132;
    if (cudaGetDevice(&device) == cudaSuccess) cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, device);
    const int64_t n4 = rows * cols / 4;
    const int blocks = static_cast<int>(std::clamp<int64_t>((n4 + kThreads - 1) / kThreads, 1, int64_t{sms} * 8));
    add_bias_vec_kernel<<<blocks, kThreads, 0, stream>>>(reinterpret_cast<const float4*>(x),
                                                         reinterpret_cast<const float4*>(bias),
                                                         reinterpret_cast<float4*>(y), n4, cols / 4);
    return;
  }
  const dim3 grid(static_cast<unsigned>(std::min<int64_t>((cols + kThreads - 1) / kThreads, 1024)),
                  static_cast<unsigned>(std::min<int64_t>(rows, 65535)));
  add_bias_scalar_kernel<<<grid, kThreads, 0, stream>>>(x, bias, y, rows, cols);
}
