// Fifty distinct, correct vector_add candidates (block size x elements per thread x float4 or scalar
// loads) for the CUDA throughput benchmark: real variants, so neither the compile cache nor the
// compiler can fold them together.
#pragma once
#include <string>
#include <vector>

namespace kbench::bench {

inline std::string vector_add_variant(int block, int items, bool vec4) {
  const std::string elem = vec4 ? "float4" : "float";
  const std::string add = vec4 ? "float4 r; r.x = x.x + y.x; r.y = x.y + y.y; r.z = x.z + y.z; r.w = x.w + y.w;"
                               : "float r = x + y;";
  return "// vector_add variant: block " + std::to_string(block) + ", " + std::to_string(items) +
         " items per thread, " + (vec4 ? "float4" : "scalar") + " loads\n"
         "#include <cuda_runtime.h>\n#include <cstdint>\n"
         "constexpr int kBlock = " + std::to_string(block) + ", kItems = " + std::to_string(items) + ";\n"
         "__global__ void __launch_bounds__(kBlock) add_kernel(const float* a, const float* b, float* c, int64_t n) {\n"
         "  const int64_t units = " + (vec4 ? "n / 4" : "n") + ";\n"
         "  const " + elem + "* A = reinterpret_cast<const " + elem + "*>(a);\n"
         "  const " + elem + "* B = reinterpret_cast<const " + elem + "*>(b);\n"
         "  " + elem + "* C = reinterpret_cast<" + elem + "*>(c);\n"
         "  const int64_t base = static_cast<int64_t>(blockIdx.x) * kBlock * kItems + threadIdx.x;\n"
         "#pragma unroll\n"
         "  for (int j = 0; j < kItems; ++j) {\n"
         "    const int64_t i = base + static_cast<int64_t>(j) * kBlock;\n"
         "    if (i < units) { const " + elem + " x = A[i], y = B[i]; " + add + " C[i] = r; }\n"
         "  }\n" +
         (vec4 ? "  if (blockIdx.x == 0) for (int64_t i = units * 4 + threadIdx.x; i < n; i += kBlock) c[i] = a[i] + b[i];\n"
               : "") +
         "}\n"
         "extern \"C\" void solve(const float* a, const float* b, float* c, int64_t n, cudaStream_t stream) {\n"
         "  if (n <= 0) return;\n"
         "  const int64_t units = " + (vec4 ? "n / 4" : "n") + ";\n"
         "  int64_t blocks = (units + int64_t(kBlock) * kItems - 1) / (int64_t(kBlock) * kItems);\n"
         "  if (blocks < 1) blocks = 1;\n"
         "  add_kernel<<<static_cast<unsigned>(blocks), kBlock, 0, stream>>>(a, b, c, n);\n"
         "}\n";
}

inline std::vector<std::string> vector_add_variants() {
  std::vector<std::string> out;
  for (int block : {64, 128, 256, 512, 1024})
    for (int items : {1, 2, 4, 8, 16})
      for (bool vec4 : {false, true}) out.push_back(vector_add_variant(block, items, vec4));
  return out;
}

}  // namespace kbench::bench
