// CUDA reference for indexing/embedding_bag_sum: one block per bag; each thread owns columns and walks
// the bag's L rows (indices and weights staged in shared memory in chunks).
#include <cuda_runtime.h>
#include <cstdint>

constexpr int kChunk = 128;

__global__ void embedding_bag_kernel(const float* __restrict__ weight, const int64_t* __restrict__ indices,
                                     const float* __restrict__ psw, float* __restrict__ out, int64_t L, int64_t D) {
  __shared__ int64_t s_idx[kChunk];
  __shared__ float s_w[kChunk];
  const int64_t b = blockIdx.x;
  for (int64_t d0 = 0; d0 < D; d0 += blockDim.x) {
    const int64_t d = d0 + threadIdx.x;
    float acc = 0.0f;
    for (int64_t l0 = 0; l0 < L; l0 += kChunk) {
      const int64_t n = L - l0 < kChunk ? L - l0 : kChunk;
      __syncthreads();
      for (int64_t j = threadIdx.x; j < n; j += blockDim.x) {
        s_idx[j] = indices[b * L + l0 + j];
        s_w[j] = psw[b * L + l0 + j];
      }
      __syncthreads();
      if (d < D)
        for (int64_t j = 0; j < n; ++j) acc += s_w[j] * weight[s_idx[j] * D + d];
    }
    if (d < D) out[b * D + d] = acc;
  }
}

extern "C" void solve(const float* weight, const int64_t* indices, const float* psw, float* out, int64_t V, int64_t B,
                      int64_t L, int64_t D, cudaStream_t stream) {
  (void)V;
  if (B == 0) return;
  const int threads = D >= 128 ? 128 : (D >= 64 ? 64 : 32);
  embedding_bag_kernel<<<static_cast<unsigned>(B), threads, 0, stream>>>(weight, indices, psw, out, L, D);
}
