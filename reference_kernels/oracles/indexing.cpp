// Oracles (float64 truth, float32 honest variant) for the indexing category (gathers, scatters, embeddings, arg-reductions, masks).
// Integer tensors arrive as exact doubles; integer outputs are written as exact doubles.
#include <algorithm>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "reference_kernels/oracles/oracle.hpp"

namespace {
// An index read from a tensor, checked against its bound (the oracle must never read out of range).
template <class real>
std::int64_t checked_index(real v, std::int64_t bound, const char* what) {
  const auto i = static_cast<std::int64_t>(v);
  if (i < 0 || i >= bound || static_cast<real>(i) != v)
    throw std::out_of_range(std::string(what) + " index " + std::to_string(v) + " outside [0, " + std::to_string(bound) + ")");
  return i;
}
}  // namespace

KBENCH_ORACLE("indexing/gather_rows") {
  const real* table = call.in("table");
  const real* idx = call.in("idx");
  real* out = call.out("out");
  const std::int64_t V = call.size("V"), N = call.size("N"), D = call.size("D");
  for (std::int64_t i = 0; i < N; ++i) {
    const std::int64_t row = checked_index(idx[i], V, "idx");
    for (std::int64_t d = 0; d < D; ++d) out[i * D + d] = table[row * D + d];
  }
}

KBENCH_ORACLE("indexing/index_add") {
  const real* x = call.in("x");
  const real* idx = call.in("idx");
  const real* src = call.in("src");
  real* y = call.out("y");
  const std::int64_t V = call.size("V"), N = call.size("N"), D = call.size("D");
  std::copy(x, x + V * D, y);
  for (std::int64_t i = 0; i < N; ++i) {
    const std::int64_t row = checked_index(idx[i], V, "idx");
    for (std::int64_t d = 0; d < D; ++d) y[row * D + d] += src[i * D + d];
  }
}

KBENCH_ORACLE("indexing/embedding_bf16") {
  const real* weight = call.in("weight");
  const real* tokens = call.in("tokens");
  real* out = call.out("out");
  const std::int64_t V = call.size("V"), T = call.size("B") * call.size("S"), D = call.size("D");
  for (std::int64_t t = 0; t < T; ++t) {
    const std::int64_t row = checked_index(tokens[t], V, "tokens");
    for (std::int64_t d = 0; d < D; ++d) out[t * D + d] = weight[row * D + d];
  }
}

KBENCH_ORACLE("indexing/embedding_bag_sum") {
  const real* weight = call.in("weight");
  const real* indices = call.in("indices");
  const real* psw = call.in("psw");
  real* out = call.out("out");
  const std::int64_t V = call.size("V"), B = call.size("B"), L = call.size("L"), D = call.size("D");
  for (std::int64_t b = 0; b < B; ++b) {
    real* o = out + b * D;
    std::fill(o, o + D, 0.0);
    for (std::int64_t l = 0; l < L; ++l) {
      const std::int64_t row = checked_index(indices[b * L + l], V, "indices");
      for (std::int64_t d = 0; d < D; ++d) o[d] += psw[b * L + l] * weight[row * D + d];
    }
  }
}

KBENCH_ORACLE("indexing/argmax_rows") {
  const real* x = call.in("x");
  real* out = call.out("out");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
  for (std::int64_t r = 0; r < rows; ++r) {
    std::int64_t best = 0;
    for (std::int64_t c = 1; c < cols; ++c)
      if (x[r * cols + c] > x[r * cols + best]) best = c;  // strict: the lowest index wins ties
    out[r] = static_cast<real>(best);
  }
}

KBENCH_ORACLE("indexing/topk_rows") {
  const real* x = call.in("x");
  real* values = call.out("values");
  real* indices = call.out("indices");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols"), k = call.size("k");
  if (k < 1 || k > cols) throw std::invalid_argument("topk_rows: k must be in [1, cols]");
  std::vector<std::int64_t> order(cols);
  for (std::int64_t r = 0; r < rows; ++r) {
    const real* xr = x + r * cols;
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::int64_t a, std::int64_t b) { return xr[a] > xr[b]; });
    for (std::int64_t j = 0; j < k; ++j) {
      values[r * k + j] = xr[order[j]];
      indices[r * k + j] = static_cast<real>(order[j]);
    }
  }
}

KBENCH_ORACLE("indexing/one_hot") {
  const real* labels = call.in("labels");
  real* out = call.out("out");
  const std::int64_t n = call.size("n"), classes = call.size("classes");
  std::fill(out, out + n * classes, 0.0);
  for (std::int64_t i = 0; i < n; ++i) out[i * classes + checked_index(labels[i], classes, "labels")] = 1.0;
}

KBENCH_ORACLE("indexing/masked_fill_f16") {
  const real* x = call.in("x");
  const real* mask = call.in("mask");
  real* y = call.out("y");
  const std::int64_t n = call.size("rows") * call.size("cols");
  const real value = call.scalar("value");
  for (std::int64_t i = 0; i < n; ++i) y[i] = mask[i] != 0.0 ? value : x[i];
}
