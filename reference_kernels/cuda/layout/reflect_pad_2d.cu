// CUDA reference for layout/reflect_pad_2d: one thread per output element, reflected source coordinates.
#include <cuda_runtime.h>
#include <cstdint>

__device__ __forceinline__ int64_t reflect(int64_t i, int64_t S) { return i < 0 ? -i : (i >= S ? 2 * (S - 1) - i : i); }

__global__ void reflect_pad_kernel(const float* __restrict__ x, float* __restrict__ y, int64_t NC, int64_t H, int64_t W,
                                   int64_t P, int64_t OH, int64_t OW) {
  const int64_t total = NC * OH * OW;
  for (int64_t e = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x; e < total;
       e += static_cast<int64_t>(gridDim.x) * blockDim.x) {
    const int64_t ow = e % OW, oh = (e / OW) % OH, p = e / (OW * OH);
    y[e] = x[(p * H + reflect(oh - P, H)) * W + reflect(ow - P, W)];
  }
}

extern "C" void solve(const float* x, float* y, int64_t N, int64_t C, int64_t H, int64_t W, int64_t P, int64_t OH,
                      int64_t OW, cudaStream_t stream) {
  const int64_t total = N * C * OH * OW;
  if (total == 0) return;
  const int64_t blocks = (total + 255) / 256 < 131072 ? (total + 255) / 256 : 131072;
  reflect_pad_kernel<<<static_cast<unsigned>(blocks), 256, 0, stream>>>(x, y, N * C, H, W, P, OH, OW);
}
