// CUDA reference for arch/mlp_block: two tiled GEMMs; the first epilogue adds b1 and applies exact GELU into a
// scratch [M, F] buffer, the second adds b2.
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_runtime.h>
#include <cstdint>
#include <cstdio>

// ---- Tiled GEMM shared by this file's kernels: C(z, m, n) = sum over k of A(z, m, k) * B(z, n, k), float32
// accumulation. 64x64 output tile per 256-thread block, 16-deep k slices staged in shared memory, 4x4 outputs per
// thread. Element strides make it serve x*W^T (nn.Linear), A*B and batched attention products alike.
struct GemmShape {
  int64_t M, N, K;
  int64_t sam, sak;     // A(z, m, k) = A[a_off(z) + m * sam + k * sak]
  int64_t sbn, sbk;     // B(z, n, k) = B[b_off(z) + n * sbn + k * sbk]
  int64_t batch_inner;  // z = outer * batch_inner + inner
  int64_t sa_outer, sa_inner, sb_outer, sb_inner;
  const int32_t* a_rows = nullptr;   // optional: row m of A(z) is row a_rows[z * M + m] (gathered rows)
  const int32_t* m_count = nullptr;  // optional: product z has only m_count[z] rows (grouped GEMM)
};

__device__ __forceinline__ float to_f32(float v) { return v; }
__device__ __forceinline__ float to_f32(__half v) { return __half2float(v); }
__device__ __forceinline__ float to_f32(__nv_bfloat16 v) { return __bfloat162float(v); }

constexpr int kGemmBM = 64, kGemmBN = 64, kGemmBK = 16, kGemmThreads = 256;

template <class T, class Epilogue>
__global__ void __launch_bounds__(kGemmThreads) gemm_kernel(const T* __restrict__ A, const T* __restrict__ B,
                                                            GemmShape g, Epilogue epi) {
  __shared__ __align__(16) float As[kGemmBK][kGemmBM + 4];
  __shared__ __align__(16) float Bs[kGemmBK][kGemmBN + 4];
  const int64_t z = blockIdx.z, zo = z / g.batch_inner, zi = z % g.batch_inner;
  const T* Az = A + zo * g.sa_outer + zi * g.sa_inner;
  const T* Bz = B + zo * g.sb_outer + zi * g.sb_inner;
  const int64_t m0 = static_cast<int64_t>(blockIdx.y) * kGemmBM, n0 = static_cast<int64_t>(blockIdx.x) * kGemmBN;
  const int64_t Mz = g.m_count ? g.m_count[z] : g.M;
  if (m0 >= Mz) return;  // whole block idle (grouped GEMM with fewer rows)
  const int tx = threadIdx.x % 16, ty = threadIdx.x / 16;
  float acc[4][4] = {};
  for (int64_t k0 = 0; k0 < g.K; k0 += kGemmBK) {
    for (int e = threadIdx.x; e < kGemmBM * kGemmBK; e += kGemmThreads) {
      // Walk the unit-stride dimension with consecutive threads so global loads coalesce.
      const int r = g.sam == 1 ? e % kGemmBM : e / kGemmBK, kk = g.sam == 1 ? e / kGemmBM : e % kGemmBK;
      const int64_t m = m0 + r, k = k0 + kk;
      const int64_t row = (g.a_rows && m < Mz) ? g.a_rows[z * g.M + m] : m;
      As[kk][r] = (m < Mz && k < g.K) ? to_f32(Az[row * g.sam + k * g.sak]) : 0.0f;
    }
    for (int e = threadIdx.x; e < kGemmBN * kGemmBK; e += kGemmThreads) {
      const int c = g.sbn == 1 ? e % kGemmBN : e / kGemmBK, kk = g.sbn == 1 ? e / kGemmBN : e % kGemmBK;
      const int64_t n = n0 + c, k = k0 + kk;
      Bs[kk][c] = (n < g.N && k < g.K) ? to_f32(Bz[n * g.sbn + k * g.sbk]) : 0.0f;
    }
    __syncthreads();
#pragma unroll
    for (int kk = 0; kk < kGemmBK; ++kk) {
      const float4 a = *reinterpret_cast<const float4*>(&As[kk][ty * 4]);
      const float4 b = *reinterpret_cast<const float4*>(&Bs[kk][tx * 4]);
      const float av[4] = {a.x, a.y, a.z, a.w}, bv[4] = {b.x, b.y, b.z, b.w};
#pragma unroll
      for (int i = 0; i < 4; ++i)
#pragma unroll
        for (int j = 0; j < 4; ++j) acc[i][j] = fmaf(av[i], bv[j], acc[i][j]);
    }
    __syncthreads();
  }
#pragma unroll
  for (int i = 0; i < 4; ++i)
#pragma unroll
    for (int j = 0; j < 4; ++j) {
      const int64_t m = m0 + ty * 4 + i, n = n0 + tx * 4 + j;
      if (m < Mz && n < g.N) epi(z, m, n, acc[i][j]);
    }
}

// Launches gemm_kernel over `batches` products on `stream`.
template <class T, class Epilogue>
void launch_gemm(const T* A, const T* B, const GemmShape& g, int64_t batches, Epilogue epi, cudaStream_t stream) {
  if (g.M == 0 || g.N == 0 || batches == 0) return;
  const dim3 grid(static_cast<unsigned>((g.N + kGemmBN - 1) / kGemmBN), static_cast<unsigned>((g.M + kGemmBM - 1) / kGemmBM),
                  static_cast<unsigned>(batches));
  gemm_kernel<T, Epilogue><<<grid, kGemmThreads, 0, stream>>>(A, B, g, epi);
}

// nn.Linear layout: A is [M, K] row-major, B is [N, K] row-major (one product).
inline GemmShape linear_shape(int64_t M, int64_t N, int64_t K) {
  return GemmShape{M, N, K, K, 1, K, 1, 1, 0, 0, 0, 0, nullptr, nullptr};
}
// ---- end of tiled GEMM ----

#define CUDA_OK(call)                                                                                   \
  do {                                                                                                  \
    const cudaError_t err_ = (call);                                                                    \
    if (err_ != cudaSuccess) {                                                                          \
      std::fprintf(stderr, "%s:%d: %s failed: %s\n", __FILE__, __LINE__, #call, cudaGetErrorString(err_)); \
      return;                                                                                           \
    }                                                                                                   \
  } while (0)

// Scratch buffer allocated with cudaMallocAsync on the call's stream.
template <class T>
cudaError_t scratch(T** p, int64_t count, cudaStream_t stream) {
  return cudaMallocAsync(reinterpret_cast<void**>(p), static_cast<size_t>(count > 0 ? count : 1) * sizeof(T), stream);
}

// Epilogue: z[m * ld + n] = act(acc + bias[n]) (+ residual[m * ld + n]); act 0 = identity, 1 = exact GELU, 2 = ReLU.
struct StoreBiasAct {
  float* z;
  const float* bias;
  const float* residual;
  int64_t ld;
  int act;
  __device__ void operator()(int64_t, int64_t m, int64_t n, float acc) const {
    float v = acc + (bias ? bias[n] : 0.0f);
    if (act == 1) v = 0.5f * v * (1.0f + erff(v * 0.70710678118654752f));
    else if (act == 2) v = fmaxf(v, 0.0f);
    if (residual) v += residual[m * ld + n];
    z[m * ld + n] = v;
  }
};

extern "C" void solve(const float* x, const float* w1, const float* b1, const float* w2, const float* b2, float* y,
                      int64_t M, int64_t D, int64_t F, cudaStream_t stream) {
  float* h = nullptr;
  CUDA_OK(scratch(&h, M * F, stream));
  launch_gemm(x, w1, linear_shape(M, F, D), 1, StoreBiasAct{h, b1, nullptr, F, 1}, stream);
  launch_gemm(static_cast<const float*>(h), w2, linear_shape(M, D, F), 1, StoreBiasAct{y, b2, nullptr, D, 0}, stream);
  CUDA_OK(cudaFreeAsync(h, stream));
}
