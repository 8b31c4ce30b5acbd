// Oracles (float64 truth, float32 honest variant) for the broadcast category.
#include "reference_kernels/oracles/oracle.hpp"

KBENCH_ORACLE("broadcast/add_bias_rows") {
  const real* x = call.in("x");
  const real* bias = call.in("bias");
  real* y = call.out("y");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
  for (std::int64_t r = 0; r < rows; ++r)
    for (std::int64_t c = 0; c < cols; ++c) y[r * cols + c] = x[r * cols + c] + bias[c];
}

KBENCH_ORACLE("broadcast/add_bias_cols_bf16") {
  const real* x = call.in("x");
  const real* b = call.in("b");
  real* y = call.out("y");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
  for (std::int64_t r = 0; r < rows; ++r)
    for (std::int64_t c = 0; c < cols; ++c) y[r * cols + c] = x[r * cols + c] + b[r];
}

KBENCH_ORACLE("broadcast/channel_affine_nchw") {
  const real* x = call.in("x");
  const real* scale = call.in("scale");
  const real* shift = call.in("shift");
  real* y = call.out("y");
  const std::int64_t N = call.size("N"), C = call.size("C"), HW = call.size("H") * call.size("W");
  for (std::int64_t n = 0; n < N; ++n)
    for (std::int64_t c = 0; c < C; ++c)
      for (std::int64_t i = 0; i < HW; ++i) {
        const std::int64_t k = (n * C + c) * HW + i;
        y[k] = x[k] * scale[c] + shift[c];
      }
}

KBENCH_ORACLE("broadcast/outer_product") {
  const real* a = call.in("a");
  const real* b = call.in("b");
  real* y = call.out("y");
  const std::int64_t M = call.size("M"), N = call.size("N");
  for (std::int64_t i = 0; i < M; ++i)
    for (std::int64_t j = 0; j < N; ++j) y[i * N + j] = a[i] * b[j];
}

KBENCH_ORACLE("broadcast/center_scale_rows_f16") {
  const real* x = call.in("x");
  const real* mean = call.in("mean");
  const real* inv_std = call.in("inv_std");
  real* y = call.out("y");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
  for (std::int64_t r = 0; r < rows; ++r)
    for (std::int64_t c = 0; c < cols; ++c) y[r * cols + c] = (x[r * cols + c] - mean[r]) * inv_std[r];
}

KBENCH_ORACLE("broadcast/compare_gt") {
  const real* x = call.in("x");
  const real* thresh = call.in("thresh");
  real* mask = call.out("mask");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
  for (std::int64_t r = 0; r < rows; ++r)
    for (std::int64_t c = 0; c < cols; ++c) mask[r * cols + c] = x[r * cols + c] > thresh[c] ? 1.0 : 0.0;
}

KBENCH_ORACLE("broadcast/channel_gate_nchw_f16") {
  const real* x = call.in("x");
  const real* gate = call.in("gate");
  real* y = call.out("y");
  const std::int64_t NC = call.size("N") * call.size("C"), HW = call.size("H") * call.size("W");
  for (std::int64_t nc = 0; nc < NC; ++nc)
    for (std::int64_t i = 0; i < HW; ++i) y[nc * HW + i] = x[nc * HW + i] * gate[nc];
}

KBENCH_ORACLE("broadcast/mul_bcast_4d") {
  const real* a = call.in("a");
  const real* b = call.in("b");
  real* out = call.out("out");
  const std::int64_t B = call.size("B"), C = call.size("C"), H = call.size("H"), W = call.size("W");
  for (std::int64_t n = 0; n < B; ++n)
    for (std::int64_t c = 0; c < C; ++c)
      for (std::int64_t h = 0; h < H; ++h)
        for (std::int64_t w = 0; w < W; ++w)
          out[((n * C + c) * H + h) * W + w] = a[(n * H + h) * W + w] * b[c * W + w];
}
