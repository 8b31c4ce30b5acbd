// CUDA reference for indexing/embedding_bf16: one block per token copying its bf16 row, 16-byte vectors
// when the row length allows it.
#include <cuda_bf16.h>
#include <cuda_runtime.h>
#include <cstdint>

__global__ void embedding_kernel(const __nv_bfloat16* __restrict__ weight, const int32_t* __restrict__ tokens,
                                 __nv_bfloat16* __restrict__ out, int64_t D) {
  const int64_t t = blockIdx.x;
  const __nv_bfloat16* src = weight + static_cast<int64_t>(tokens[t]) * D;
  __nv_bfloat16* dst = out + t * D;
  if ((D & 7) == 0) {
    const uint4* s = reinterpret_cast<const uint4*>(src);
    uint4* d = reinterpret_cast<uint4*>(dst);
    for (int64_t j = threadIdx.x; j < D / 8; j += blockDim.x) d[j] = s[j];
  } else {
    for (int64_t j = threadIdx.x; j < D; j += blockDim.x) dst[j] = src[j];
  }
}

extern "C" void solve(const __nv_bfloat16* weight, const int32_t* tokens, __nv_bfloat16* out, int64_t V, int64_t B,
                      int64_t S, int64_t D, cudaStream_t stream) {
  (void)V;
  if (B * S == 0) return;
  embedding_kernel<<<static_cast<unsigned>(B * S), 128, 0, stream>>>(weight, tokens, out, D);
}
