// example for indexing/one_hot
// Why it is fast: one block per label row, so the label is read once per row and no thread divides a flat index
// by the class count; when a row is a whole number of 16-byte vectors, every thread writes float4s (full-width
// coalesced stores), which is what a pure-write kernel needs to reach memory bandwidth.
#include <cuda_runtime.h>
#include <cstdint>

__global__ void one_hot_rows_kernel(const int64_t* __restrict__ labels, float* __restrict__ out, int64_t classes) {
  const int64_t i = blockIdx.x;
  const int64_t label = labels[i];
  float* row = out + i * classes;
  if ((classes & 3) == 0) {
    float4* row4 = reinterpret_cast<float4*>(row);
    for (int64_t q = threadIdx.x; q < classes / 4; q += blockDim.x) {
      const int64_t c = 4 * q;
      row4[q] = make_float4(c == label, c + 1 == label, c + 2 == label, c + 3 == label);
    }
  } else {
    for (int64_t c = threadIdx.x; c < classes; c += blockDim.x) row[c] = c == label ? 1.0f : 0.0f;
  }
}

extern "C" void solve(const int64_t* labels, float* out, int64_t n, int64_t classes, cudaStream_t stream) {
  if (n == 0 || classes == 0) return;
  const int threads = classes >= 1024 ? 256 : 128;
  one_hot_rows_kernel<<<static_cast<unsigned>(n), threads, 0, stream>>>(labels, out, classes);
}
