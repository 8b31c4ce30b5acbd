// HIP test candidate: loads a library at run time, which every task forbids (the harness cannot see it).
#include <hip/hip_runtime.h>
#include <dlfcn.h>
#include <cstdint>

extern "C" void solve(const float* a, const float* b, float* c, int64_t n, hipStream_t stream) {
  static void* blas = dlopen("librocblas.so", RTLD_NOW);
  (void)blas, (void)a, (void)b, (void)c, (void)n, (void)stream;
}
