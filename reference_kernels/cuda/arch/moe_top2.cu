// CUDA reference for arch/moe_top2: router GEMM, a routing kernel that picks each token's two experts and appends
// the token to per-expert lists, two grouped GEMMs over the gathered rows of each expert (ReLU between), and a
// kernel combining each token's two expert outputs with its gates.
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

__global__ void route_kernel(const float* __restrict__ logits, int64_t T, int64_t E, int32_t* counts, int32_t* lists,
                             int32_t* slots, float* gates) {
  const int64_t t = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x;
  if (t >= T) return;
  const float* l = logits + t * E;
  int64_t e1 = 0;
  for (int64_t e = 1; e < E; ++e)
    if (l[e] > l[e1]) e1 = e;  // strict: the lower expert index wins ties
  int64_t e2 = e1 == 0 ? 1 : 0;
  for (int64_t e = 0; e < E; ++e)
    if (e != e1 && l[e] > l[e2]) e2 = e;
  const float g1 = 1.0f / (1.0f + __expf(l[e2] - l[e1]));
  gates[2 * t] = g1;
  gates[2 * t + 1] = 1.0f - g1;
  const int64_t chosen[2] = {e1, e2};
  for (int s = 0; s < 2; ++s) {
    const int64_t e = chosen[s];
    const int32_t pos = atomicAdd(counts + e, 1);
    lists[e * T + pos] = static_cast<int32_t>(t);
    slots[e * T + pos] = s;
  }
}

// hid[(e*T + m) * F + f] = relu(acc) for the m-th token routed to expert e.
struct StoreRelu {
  float* hid;
  int64_t T, F;
  __device__ void operator()(int64_t e, int64_t m, int64_t f, float acc) const { hid[(e * T + m) * F + f] = fmaxf(acc, 0.0f); }
};
// outs[(token*2 + slot) * D + d] = acc: each routed row's expert output in the token's slot.
struct StoreRouted {
  float* outs;
  const int32_t* lists;
  const int32_t* slots;
  int64_t T, D;
  __device__ void operator()(int64_t e, int64_t m, int64_t d, float acc) const {
    outs[(static_cast<int64_t>(lists[e * T + m]) * 2 + slots[e * T + m]) * D + d] = acc;
  }
};

__global__ void combine_kernel(const float* __restrict__ outs, const float* __restrict__ gates, float* __restrict__ y,
                               int64_t T, int64_t D) {
  const int64_t total = T * D;
  for (int64_t i = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x; i < total;
       i += static_cast<int64_t>(gridDim.x) * blockDim.x) {
    const int64_t t = i / D, d = i - t * D;
    y[i] = gates[2 * t] * outs[(2 * t) * D + d] + gates[2 * t + 1] * outs[(2 * t + 1) * D + d];
  }
}

extern "C" void solve(const float* x, const float* wg, const float* w1, const float* w2, float* y, int64_t T, int64_t D,
                      int64_t F, int64_t E, cudaStream_t stream) {
  if (T * D == 0) return;
  float *logits = nullptr, *gates = nullptr, *hid = nullptr, *outs = nullptr;
  int32_t *counts = nullptr, *lists = nullptr, *slots = nullptr;
  CUDA_OK(scratch(&logits, T * E, stream));
  CUDA_OK(scratch(&gates, 2 * T, stream));
  CUDA_OK(scratch(&hid, E * T * F, stream));
  CUDA_OK(scratch(&outs, 2 * T * D, stream));
  CUDA_OK(scratch(&counts, E, stream));
  CUDA_OK(scratch(&lists, E * T, stream));
  CUDA_OK(scratch(&slots, E * T, stream));
  CUDA_OK(cudaMemsetAsync(counts, 0, static_cast<size_t>(E) * sizeof(int32_t), stream));
  launch_gemm(x, wg, linear_shape(T, E, D), 1, StoreBiasAct{logits, nullptr, nullptr, E, 0}, stream);
  route_kernel<<<static_cast<unsigned>((T + 127) / 128), 128, 0, stream>>>(logits, T, E, counts, lists, slots, gates);
  // Expert e's rows: x[lists[e*T + m]] for m < counts[e]; w1[e] is [F, D].
  GemmShape up{T, F, D, D, 1, D, 1, 1, 0, 0, F * D, 0};
  up.a_rows = lists;
  up.m_count = counts;
  launch_gemm(x, w1, up, E, StoreRelu{hid, T, F}, stream);
  // hid rows of expert e times w2[e] ([D, F]) back to D features.
  GemmShape down{T, D, F, F, 1, F, 1, 1, T * F, 0, D * F, 0};
  down.m_count = counts;
  launch_gemm(static_cast<const float*>(hid), w2, down, E, StoreRouted{outs, lists, slots, T, D}, stream);
  const int64_t blocks = (T * D + 255) / 256 < 65536 ? (T * D + 255) / 256 : 65536;
  combine_kernel<<<static_cast<unsigned>(blocks), 256, 0, stream>>>(outs, gates, y, T, D);
  CUDA_OK(cudaFreeAsync(logits, stream));
  CUDA_OK(cudaFreeAsync(gates, stream));
  CUDA_OK(cudaFreeAsync(hid, stream));
  CUDA_OK(cudaFreeAsync(outs, stream));
  CUDA_OK(cudaFreeAsync(counts, stream));
  CUDA_OK(cudaFreeAsync(lists, stream));
  CUDA_OK(cudaFreeAsync(slots, stream));
}
