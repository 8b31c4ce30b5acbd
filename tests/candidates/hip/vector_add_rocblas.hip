// HIP test candidate: computes c = a + b with rocBLAS (saxpy after a copy). rocBLAS is not installed on
// the machines kbench is tested on, so the functions are weak references: the artifact links and imports
// rocblas_* symbols, which a task that forbids vendor libraries must reject.
#include <hip/hip_runtime.h>
#include <cstdint>

extern "C" {
typedef struct _rocblas_handle* rocblas_handle;
__attribute__((weak)) int rocblas_create_handle(rocblas_handle* handle);
__attribute__((weak)) int rocblas_set_stream(rocblas_handle handle, hipStream_t stream);
__attribute__((weak)) int rocblas_saxpy(rocblas_handle handle, int n, const float* alpha, const float* x, int incx,
                                        float* y, int incy);
}

extern "C" void solve(const float* a, const float* b, float* c, int64_t n, hipStream_t stream) {
  static rocblas_handle handle = nullptr;
  if (!handle) rocblas_create_handle(&handle);
  rocblas_set_stream(handle, stream);
  hipMemcpyAsync(c, b, n * sizeof(float), hipMemcpyDeviceToDevice, stream);
  const float one = 1.0f;
  rocblas_saxpy(handle, static_cast<int>(n), &one, a, 1, c, 1);
}
