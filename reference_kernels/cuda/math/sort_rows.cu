// CUDA reference for math/sort_rows: bitonic sort of each row's keys, padded to a power of two with +inf.
// Rows of up to 4096 padded columns sort in shared memory, one block per row; longer rows sort in global
// scratch memory with one kernel launch per bitonic step.
#include <cuda_runtime.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace {
constexpr int kThreads = 1024;
constexpr int64_t kSharedMax = 4096;


__global__ void sort_shared_kernel(const float* __restrict__ x, float* __restrict__ y, int64_t rows,
                                      int64_t cols, int P) {
  extern __shared__ unsigned char smem[];
  float* key = reinterpret_cast<float*>(smem);
  for (int64_t r = blockIdx.x; r < rows; r += gridDim.x) {
    for (int i = threadIdx.x; i < P; i += kThreads) {
      key[i] = i < cols ? x[r * cols + i] : INFINITY;
    }
    __syncthreads();
    for (int k = 2; k <= P; k <<= 1) {
      for (int j = k >> 1; j > 0; j >>= 1) {
        for (int i = threadIdx.x; i < P; i += kThreads) {
          const int l = i ^ j;
          if (l > i) {
            const bool ascending = (i & k) == 0;
            if ((key[i] > key[l]) == ascending) {
              const float tk = key[i];
              key[i] = key[l];
              key[l] = tk;
            }
          }
        }
        __syncthreads();
      }
    }
    for (int i = threadIdx.x; i < cols; i += kThreads) y[r * cols + i] = key[i];
    __syncthreads();
  }
}

__global__ void load_rows_kernel(const float* __restrict__ x, float* __restrict__ key,
                                 int64_t rows, int64_t cols, int64_t P) {
  const int64_t total = rows * P, stride = static_cast<int64_t>(gridDim.x) * blockDim.x;
  for (int64_t t = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; t < total; t += stride) {
    const int64_t r = t / P, i = t % P;
    key[t] = i < cols ? x[r * cols + i] : INFINITY;
  }
}

// One bitonic compare-exchange step (k, j) over every row: one thread per pair.
__global__ void bitonic_step_kernel(float* __restrict__ key, int64_t rows, int64_t P,
                                    int64_t k, int64_t j) {
  const int64_t half = P / 2, total = rows * half, stride = static_cast<int64_t>(gridDim.x) * blockDim.x;
  for (int64_t t = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; t < total; t += stride) {
    const int64_t r = t / half, p = t % half;
    const int64_t i = 2 * j * (p / j) + (p % j), l = i + j;  // i has bit j clear
    const bool ascending = (i & k) == 0;
    float* kr = key + r * P;
    if ((kr[i] > kr[l]) == ascending) {
      const float tk = kr[i];
      kr[i] = kr[l];
      kr[l] = tk;
    }
  }
}

__global__ void store_rows_kernel(const float* __restrict__ key, float* __restrict__ y, int64_t rows,
                                  int64_t cols, int64_t P) {
  const int64_t total = rows * cols, stride = static_cast<int64_t>(gridDim.x) * blockDim.x;
  for (int64_t t = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; t < total; t += stride)
    y[t] = key[(t / cols) * P + t % cols];
}

unsigned grid_for(int64_t work) { return static_cast<unsigned>(std::clamp<int64_t>((work + 255) / 256, 1, 65535)); }
}  // namespace

extern "C" void solve(const float* x, float* y, int64_t rows, int64_t cols, cudaStream_t stream) {
  if (rows <= 0 || cols <= 0) return;
  int64_t P = 1;
  while (P < cols) P <<= 1;
  if (P <= kSharedMax) {
    const unsigned blocks = static_cast<unsigned>(std::min<int64_t>(rows, 65535));
    sort_shared_kernel<<<blocks, kThreads, P * sizeof(float), stream>>>(x, y, rows, cols,
                                                                                               static_cast<int>(P));
    return;
  }
  float* key = nullptr;
  if (cudaMallocAsync(&key, rows * P * sizeof(float), stream) != cudaSuccess) return;  // the harness reads the error with cudaGetLastError
  load_rows_kernel<<<grid_for(rows * P), 256, 0, stream>>>(x, key, rows, cols, P);
  for (int64_t k = 2; k <= P; k <<= 1)
    for (int64_t j = k >> 1; j > 0; j >>= 1)
      bitonic_step_kernel<<<grid_for(rows * P / 2), 256, 0, stream>>>(key, rows, P, k, j);
  store_rows_kernel<<<grid_for(rows * cols), 256, 0, stream>>>(key, y, rows, cols, P);
  cudaFreeAsync(key, stream);
}
