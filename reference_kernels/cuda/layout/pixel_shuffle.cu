// CUDA reference for layout/pixel_shuffle: one thread per output element (coalesced writes, strided reads).
#include <cuda_runtime.h>
#include <cstdint>

__global__ void pixel_shuffle_kernel(const float* __restrict__ x, float* __restrict__ y, int64_t N, int64_t C,
                                     int64_t H, int64_t W, int64_t r) {
  const int64_t OH = H * r, OW = W * r, total = N * C * OH * OW;
  for (int64_t e = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x; e < total;
       e += static_cast<int64_t>(gridDim.x) * blockDim.x) {
    const int64_t ow = e % OW, oh = (e / OW) % OH, nc = e / (OW * OH);
    const int64_t n = nc / C, c = nc % C;
    const int64_t ic = (c * r + oh % r) * r + ow % r;
    y[e] = x[((n * C * r * r + ic) * H + oh / r) * W + ow / r];
  }
}

extern "C" void solve(const float* x, float* y, int64_t N, int64_t C, int64_t H, int64_t W, int64_t r,
                      cudaStream_t stream) {
  const int64_t total = N * C * H * r * W * r;
  if (total == 0) return;
  const int64_t blocks = (total + 255) / 256 < 131072 ? (total + 255) / 256 : 131072;
  pixel_shuffle_kernel<<<static_cast<unsigned>(blocks), 256, 0, stream>>>(x, y, N, C, H, W, r);
}
