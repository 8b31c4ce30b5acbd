// example for layout/upsample_nearest_bf16
// Why it is fast: one block per output row (plane p, row oh), so the source row is computed once per block and
// the per-element work is one small 32-bit multiply-divide for the column; each thread writes two adjacent bf16
// outputs as one 32-bit store when the row length is even, which keeps stores fully coalesced and halves their
// count. The reference spends its time on 64-bit div/mod of a flat index per element.
#include <cuda_bf16.h>
#include <cuda_runtime.h>
#include <cstdint>

__global__ void nearest_rows_kernel(const __nv_bfloat16* __restrict__ x, __nv_bfloat16* __restrict__ y, int64_t H,
                                    int64_t W, int64_t OH, int64_t OW) {
  const int64_t row = blockIdx.x;  // p * OH + oh
  const int64_t p = row / OH, oh = row - p * OH;
  const __nv_bfloat16* src = x + (p * H + oh * H / OH) * W;
  __nv_bfloat16* dst = y + row * OW;
  const unsigned w = static_cast<unsigned>(W), ow_n = static_cast<unsigned>(OW);
  if ((OW & 1) == 0) {
    __nv_bfloat162* dst2 = reinterpret_cast<__nv_bfloat162*>(dst);
    for (unsigned q = threadIdx.x; q < ow_n / 2; q += blockDim.x) {
      const unsigned o = 2 * q;
      __nv_bfloat162 v;
      v.x = src[(o * w) / ow_n];
      v.y = src[((o + 1) * w) / ow_n];
      dst2[q] = v;
    }
  } else {
    for (unsigned o = threadIdx.x; o < ow_n; o += blockDim.x) dst[o] = src[(o * w) / ow_n];
  }
}

extern "C" void solve(const __nv_bfloat16* x, __nv_bfloat16* y, int64_t N, int64_t C, int64_t H, int64_t W, int64_t OH,
                      int64_t OW, cudaStream_t stream) {
  const int64_t rows = N * C * OH;
  if (rows == 0 || OW == 0) return;
  // The 32-bit column arithmetic needs OW * W < 2^32; fine for any image-sized row.
  nearest_rows_kernel<<<static_cast<unsigned>(rows), 128, 0, stream>>>(x, y, H, W, OH, OW);
}
