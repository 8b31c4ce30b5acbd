// CUDA reference for math/argsort_rows: bitonic sort of (key, column) pairs per row, padded to a power of two
// with (+inf, column >= cols); comparing pairs lexicographically makes the order total, hence stable.
// Rows of up to 4096 padded columns sort in shared memory, one block per row; longer rows sort in global
// scratch memory with one kernel launch per bitonic step.
#include <cuda_runtime.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace {
constexpr int kThreads = 1024;
constexpr int64_t kSharedMax = 4096;

__device__ bool pair_greater(float ka, int32_t ia, float kb, int32_t ib) { return ka > kb || (ka == kb && ia > ib); }

__global__ void argsort_shared_kernel(const float* __restrict__ x, int64_t* __restrict__ idx, int64_t rows,
                                      int64_t cols, int P) {
  extern __shared__ unsigned char smem[];
  float* key = reinterpret_cast<float*>(smem);
  int32_t* id = reinterpret_cast<int32_t*>(key + P);
  for (int64_t r = blockIdx.x; r < rows; r += gridDim.x) {
    for (int i = threadIdx.x; i < P; i += kThreads) {
      key[i] = i < cols ? x[r * cols + i] : INFINITY;
      id[i] = i;
    }
    __syncthreads();
    for (int k = 2; k <= P; k <<= 1) {
      for (int j = k >> 1; j > 0; j >>= 1) {
        for (int i = threadIdx.x; i < P; i += kThreads) {
          const int l = i ^ j;
          if (l > i) {
            const bool ascending = (i & k) == 0;
            if (pair_greater(key[i], id[i], key[l], id[l]) == ascending) {
              const float tk = key[i];
              key[i] = key[l];
              key[l] = tk;
              const int32_t ti = id[i];
              id[i] = id[l];
              id[l] = ti;
            }
          }
        }
        __syncthreads();
      }
    }
    for (int i = threadIdx.x; i < cols; i += kThreads) idx[r * cols + i] = id[i];
    __syncthreads();
  }
}

__global__ void load_rows_kernel(const float* __restrict__ x, float* __restrict__ key, int32_t* __restrict__ id,
                                 int64_t rows, int64_t cols, int64_t P) {
  const int64_t total = rows * P, stride = static_cast<int64_t>(gridDim.x) * blockDim.x;
  for (int64_t t = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; t < total; t += stride) {
    const int64_t r = t / P, i = t % P;
    key[t] = i < cols ? x[r * cols + i] : INFINITY;
    id[t] = static_cast<int32_t>(i);
  }
}

// One bitonic compare-exchange step (k, j) over every row: one thread per pair.
__global__ void bitonic_step_kernel(float* __restrict__ key, int32_t* __restrict__ id, int64_t rows, int64_t P,
                                    int64_t k, int64_t j) {
  const int64_t half = P / 2, total = rows * half, stride = static_cast<int64_t>(gridDim.x) * blockDim.x;
  for (int64_t t = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; t < total; t += stride) {
    const int64_t r = t / half, p = t % half;
    const int64_t i = 2 * j * (p / j) + (p % j), l = i + j;  // i has bit j clear
    const bool ascending = (i & k) == 0;
    float* kr = key + r * P;
    int32_t* ir = id + r * P;
    if (pair_greater(kr[i], ir[i], kr[l], ir[l]) == ascending) {
      const float tk = kr[i];
      kr[i] = kr[l];
      kr[l] = tk;
      const int32_t ti = ir[i];
      ir[i] = ir[l];
      ir[l] = ti;
    }
  }
}

__global__ void store_rows_kernel(const int32_t* __restrict__ id, int64_t* __restrict__ idx, int64_t rows,
                                  int64_t cols, int64_t P) {
  const int64_t total = rows * cols, stride = static_cast<int64_t>(gridDim.x) * blockDim.x;
  for (int64_t t = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; t < total; t += stride)
    idx[t] = id[(t / cols) * P + t % cols];
}

unsigned grid_for(int64_t work) { return static_cast<unsigned>(std::clamp<int64_t>((work + 255) / 256, 1, 65535)); }
}  // namespace

extern "C" void solve(const float* x, int64_t* idx, int64_t rows, int64_t cols, cudaStream_t stream) {
  if (rows <= 0 || cols <= 0) return;
  int64_t P = 1;
  while (P < cols) P <<= 1;
  if (P <= kSharedMax) {
    const unsigned blocks = static_cast<unsigned>(std::min<int64_t>(rows, 65535));
    argsort_shared_kernel<<<blocks, kThreads, P * (sizeof(float) + sizeof(int32_t)), stream>>>(x, idx, rows, cols,
                                                                                               static_cast<int>(P));
    return;
  }
  float* key = nullptr;
  if (cudaMallocAsync(&key, rows * P * (sizeof(float) + sizeof(int32_t)), stream) != cudaSuccess) return;  // the harness reads the error with cudaGetLastError
  int32_t* id = reinterpret_cast<int32_t*>(key + rows * P);
  load_rows_kernel<<<grid_for(rows * P), 256, 0, stream>>>(x, key, id, rows, cols, P);
  for (int64_t k = 2; k <= P; k <<= 1)
    for (int64_t j = k >> 1; j > 0; j >>= 1)
      bitonic_step_kernel<<<grid_for(rows * P / 2), 256, 0, stream>>>(key, id, rows, P, k, j);
  store_rows_kernel<<<grid_for(rows * cols), 256, 0, stream>>>(id, idx, rows, cols, P);
  cudaFreeAsync(key, stream);
}
