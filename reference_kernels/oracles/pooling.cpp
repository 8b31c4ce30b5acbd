// Oracles (float64 truth, float32 honest variant) for the pooling category.
#include <algorithm>
#include <cmath>
#include <limits>

#include "reference_kernels/oracles/oracle.hpp"

namespace {

// Max (and first arg-max as h*W+w) over the in-bounds part of a KxK window at output (i, j) of one plane.
template <class real>
void max_window(const real* plane, std::int64_t H, std::int64_t W, std::int64_t K, std::int64_t S, std::int64_t P,
                std::int64_t i, std::int64_t j, real& best, std::int64_t& best_index) {
  best = -std::numeric_limits<real>::infinity();
  best_index = -1;
  for (std::int64_t a = 0; a < K; ++a)
    for (std::int64_t b = 0; b < K; ++b) {
      const std::int64_t h = i * S - P + a, w = j * S - P + b;
      if (h < 0 || h >= H || w < 0 || w >= W) continue;
      if (best_index < 0 || plane[h * W + w] > best) {
        best = plane[h * W + w];
        best_index = h * W + w;
      }
    }
}

}  // namespace

KBENCH_ORACLE("pooling/maxpool1d") {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t rows = call.size("N") * call.size("C"), L = call.size("L"), K = call.size("K");
  const std::int64_t S = call.size("S"), P = call.size("P"), Lo = call.size("Lo");
#pragma omp parallel for schedule(static)
  for (std::int64_t r = 0; r < rows; ++r)
    for (std::int64_t o = 0; o < Lo; ++o) {
      real m = -std::numeric_limits<real>::infinity();
      for (std::int64_t k = 0; k < K; ++k) {
        const std::int64_t l = o * S - P + k;
        if (l >= 0 && l < L) m = std::max(m, x[r * L + l]);
      }
      y[r * Lo + o] = m;
    }
}

KBENCH_ORACLE("pooling/maxpool2d") {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t planes = call.size("N") * call.size("C"), H = call.size("H"), W = call.size("W");
  const std::int64_t K = call.size("K"), S = call.size("S"), P = call.size("P");
  const std::int64_t Ho = call.size("Ho"), Wo = call.size("Wo");
#pragma omp parallel for schedule(static)
  for (std::int64_t p = 0; p < planes; ++p)
    for (std::int64_t i = 0; i < Ho; ++i)
      for (std::int64_t j = 0; j < Wo; ++j) {
        real best;
        std::int64_t index;
        max_window(x + p * H * W, H, W, K, S, P, i, j, best, index);
        y[(p * Ho + i) * Wo + j] = best;
      }
}

KBENCH_ORACLE("pooling/maxpool2d_indices") {
  const real* x = call.in("x");
  real* y = call.out("y");
  real* idx = call.out("idx");
  const std::int64_t planes = call.size("N") * call.size("C"), H = call.size("H"), W = call.size("W");
  const std::int64_t K = call.size("K"), S = call.size("S"), P = call.size("P");
  const std::int64_t Ho = call.size("Ho"), Wo = call.size("Wo");
#pragma omp parallel for schedule(static)
  for (std::int64_t p = 0; p < planes; ++p)
    for (std::int64_t i = 0; i < Ho; ++i)
      for (std::int64_t j = 0; j < Wo; ++j) {
        real best;
        std::int64_t index;
        max_window(x + p * H * W, H, W, K, S, P, i, j, best, index);
        y[(p * Ho + i) * Wo + j] = best;
        idx[(p * Ho + i) * Wo + j] = static_cast<real>(index);
      }
}

KBENCH_ORACLE("pooling/avgpool2d") {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t planes = call.size("N") * call.size("C"), H = call.size("H"), W = call.size("W");
  const std::int64_t K = call.size("K"), S = call.size("S"), P = call.size("P");
  const std::int64_t Ho = call.size("Ho"), Wo = call.size("Wo");
#pragma omp parallel for schedule(static)
  for (std::int64_t p = 0; p < planes; ++p)
    for (std::int64_t i = 0; i < Ho; ++i)
      for (std::int64_t j = 0; j < Wo; ++j) {
        real s = 0.0;
        std::int64_t count = 0;
        for (std::int64_t a = 0; a < K; ++a)
          for (std::int64_t b = 0; b < K; ++b) {
            const std::int64_t h = i * S - P + a, w = j * S - P + b;
            if (h < 0 || h >= H || w < 0 || w >= W) continue;
            s += x[(p * H + h) * W + w];
            ++count;
          }
        y[(p * Ho + i) * Wo + j] = s / static_cast<real>(count);
      }
}

KBENCH_ORACLE("pooling/global_avgpool") {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t planes = call.size("N") * call.size("C"), HW = call.size("H") * call.size("W");
#pragma omp parallel for schedule(static)
  for (std::int64_t p = 0; p < planes; ++p) {
    real s = 0.0;
    for (std::int64_t i = 0; i < HW; ++i) s += x[p * HW + i];
    y[p] = s / static_cast<real>(HW);
  }
}

KBENCH_ORACLE("pooling/adaptive_avgpool2d") {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t planes = call.size("N") * call.size("C"), H = call.size("H"), W = call.size("W");
  const std::int64_t Ho = call.size("Ho"), Wo = call.size("Wo");
#pragma omp parallel for schedule(static)
  for (std::int64_t p = 0; p < planes; ++p)
    for (std::int64_t i = 0; i < Ho; ++i)
      for (std::int64_t j = 0; j < Wo; ++j) {
        const std::int64_t h0 = i * H / Ho, h1 = ((i + 1) * H + Ho - 1) / Ho;
        const std::int64_t w0 = j * W / Wo, w1 = ((j + 1) * W + Wo - 1) / Wo;
        real s = 0.0;
        for (std::int64_t h = h0; h < h1; ++h)
          for (std::int64_t w = w0; w < w1; ++w) s += x[(p * H + h) * W + w];
        y[(p * Ho + i) * Wo + j] = s / static_cast<real>((h1 - h0) * (w1 - w0));
      }
}

KBENCH_ORACLE("pooling/avgpool3d") {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t planes = call.size("N") * call.size("C");
  const std::int64_t D = call.size("D"), H = call.size("H"), W = call.size("W");
  const std::int64_t K = call.size("K"), S = call.size("S"), P = call.size("P");
  const std::int64_t Do = call.size("Do"), Ho = call.size("Ho"), Wo = call.size("Wo");
  const real divisor = static_cast<real>(K * K * K);
#pragma omp parallel for collapse(2) schedule(static)
  for (std::int64_t p = 0; p < planes; ++p)
    for (std::int64_t d = 0; d < Do; ++d)
      for (std::int64_t i = 0; i < Ho; ++i)
        for (std::int64_t j = 0; j < Wo; ++j) {
          real s = 0.0;
          for (std::int64_t a = 0; a < K; ++a)
            for (std::int64_t b = 0; b < K; ++b)
              for (std::int64_t e = 0; e < K; ++e) {
                const std::int64_t z = d * S - P + a, h = i * S - P + b, w = j * S - P + e;
                if (z < 0 || z >= D || h < 0 || h >= H || w < 0 || w >= W) continue;
                s += x[((p * D + z) * H + h) * W + w];
              }
          y[((p * Do + d) * Ho + i) * Wo + j] = s / divisor;
        }
}
