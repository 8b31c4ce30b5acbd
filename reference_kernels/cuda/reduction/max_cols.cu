// CUDA reference for reduction/max_cols: threads own columns (coalesced row reads); grid.y splits the
// rows into chunks whose partial maxima go to scratch, and a second kernel folds the chunks.
#include <cuda_runtime.h>

#include <algorithm>
#include <cstdint>

namespace {
constexpr int kThreads = 256;

__global__ void partial_max_kernel(const float* __restrict__ x, float* __restrict__ out, int64_t rows, int64_t cols,
                                   int64_t rows_per_chunk) {
  const int64_t c = static_cast<int64_t>(blockIdx.x) * kThreads + threadIdx.x;
  if (c >= cols) return;
  const int64_t r0 = blockIdx.y * rows_per_chunk, r1 = r0 + rows_per_chunk < rows ? r0 + rows_per_chunk : rows;
  float m = x[r0 * cols + c];
  for (int64_t r = r0 + 1; r < r1; ++r) m = fmaxf(m, x[r * cols + c]);
  out[blockIdx.y * cols + c] = m;
}

__global__ void fold_chunks_kernel(const float* __restrict__ partial, float* __restrict__ y, int64_t chunks,
                                   int64_t cols) {
  const int64_t c = static_cast<int64_t>(blockIdx.x) * kThreads + threadIdx.x;
  if (c >= cols) return;
  float m = partial[c];
  for (int64_t k = 1; k < chunks; ++k) m = fmaxf(m, partial[k * cols + c]);
  y[c] = m;
}
}  // namespace

extern "C" void solve(const float* x, float* y, int64_t rows, int64_t cols, cudaStream_t stream) {
  if (rows <= 0 || cols <= 0) return;
  const int64_t col_blocks = (cols + kThreads - 1) / kThreads;
  // Enough blocks to fill the GPU (about 2048), but chunks of at least 32 rows.
  const int64_t want_chunks = std::max<int64_t>(1, 2048 / col_blocks);
  const int64_t chunks = std::min<int64_t>({want_chunks, (rows + 31) / 32, 65535});
  const int64_t rows_per_chunk = (rows + chunks - 1) / chunks;
  const int64_t used_chunks = (rows + rows_per_chunk - 1) / rows_per_chunk;
  if (used_chunks == 1) {
    partial_max_kernel<<<dim3(static_cast<unsigned>(col_blocks), 1), kThreads, 0, stream>>>(x, y, rows, cols, rows);
    return;
  }
  float* partial = nullptr;
  if (cudaMallocAsync(&partial, sizeof(float) * used_chunks * cols, stream) != cudaSuccess) return;  // the harness reads the error with cudaGetLastError
  partial_max_kernel<<<dim3(static_cast<unsigned>(col_blocks), static_cast<unsigned>(used_chunks)), kThreads, 0,
                       stream>>>(x, partial, rows, cols, rows_per_chunk);
  fold_chunks_kernel<<<static_cast<unsigned>(col_blocks), kThreads, 0, stream>>>(partial, y, used_chunks, cols);
  cudaFreeAsync(partial, stream);
}
