// CUDA reference for math/polyval: one point per thread (grid-stride), Horner's rule with the coefficients
// staged in shared memory once per block.
#include <cuda_runtime.h>

#include <algorithm>
#include <cstdint>

namespace {
constexpr int kThreads = 256;

__global__ void polyval_kernel(const float* __restrict__ x, const float* __restrict__ coeffs, float* __restrict__ y,
                               int64_t n, int64_t degree) {
  extern __shared__ float c[];
  for (int64_t k = threadIdx.x; k <= degree; k += kThreads) c[k] = coeffs[k];
  __syncthreads();
  const int64_t stride = static_cast<int64_t>(gridDim.x) * kThreads;
  for (int64_t i = static_cast<int64_t>(blockIdx.x) * kThreads + threadIdx.x; i < n; i += stride) {
    const float v = x[i];
    float acc = c[degree];
    for (int64_t k = degree - 1; k >= 0; --k) acc = fmaf(acc, v, c[k]);
    y[i] = acc;
  }
}
}  // namespace

extern "C" void solve(const float* x, const float* coeffs, float* y, int64_t n, int64_t degree, cudaStream_t stream) {
  if (n <= 0) return;
  const int64_t blocks = std::min<int64_t>((n + kThreads - 1) / kThreads, int64_t{1} << 16);
  const size_t shared = sizeof(float) * static_cast<size_t>(degree + 1);  // up to 12k coefficients in 48 KB
  polyval_kernel<<<static_cast<unsigned>(blocks), kThreads, shared, stream>>>(x, coeffs, y, n, degree);
}
