// CPU reference for optimizer/sgd_momentum: one fused element-wise loop.
#include <cstdint>

extern "C" void solve(const float* param, const float* grad, const float* buf, float* param_out, float* buf_out,
                      int64_t n, float lr, float momentum, float weight_decay) {
#pragma omp parallel for simd schedule(static)
  for (int64_t i = 0; i < n; ++i) {
    const float b = momentum * buf[i] + (grad[i] + weight_decay * param[i]);
    buf_out[i] = b;
    param_out[i] = param[i] - lr * b;
  }
}
