// The tolerance model (see tolerance.hpp and docs/verification.md).
#include "core/spec/tolerance.hpp"

#include <algorithm>
#include <cmath>

namespace kbench {

double unit_roundoff(DType t) {
  switch (t) {
    case DType::f64: return std::ldexp(1.0, -53);
    case DType::f32: return std::ldexp(1.0, -24);
    case DType::f16: return std::ldexp(1.0, -11);
    case DType::bf16: return std::ldexp(1.0, -8);
    default: return 0.0;
  }
}

DType accumulation_type(DType t) { return t == DType::f64 ? DType::f64 : DType::f32; }

namespace {
// Element-wise bounds at least these (the fixed defaults before the model): the element-wise check catches
// gross errors (a wrong element among correct ones); the norm-wise check is the precise one.
struct ElementFloor {
  double atol, rtol;
};
ElementFloor element_floor(DType t) {
  switch (t) {
    case DType::f64: return {1e-10, 1e-9};
    case DType::f32: return {1e-4, 1e-3};
    case DType::f16: return {1e-2, 1e-2};
    case DType::bf16: return {2e-2, 2e-2};
    default: return {0.0, 0.0};
  }
}
}  // namespace

Tolerance model_tolerance(DType t, double reduce_length) {
  if (!is_floating(t)) return {};
  using M = ToleranceModel;
  const double u_acc = unit_roundoff(accumulation_type(t));
  const double u_store = t == DType::f16 || t == DType::bf16 ? unit_roundoff(t) : 0.0;
  const double k = std::max(1.0, reduce_length);
  Tolerance tol;
  tol.nrel = M::kStore * u_store + u_acc * (M::kBase + M::kReduce * std::sqrt(k) + M::kSum * k);
  tol.floor = M::kFloor * u_acc;
  tol.atol = std::max(element_floor(t).atol, M::kElement * tol.nrel);
  tol.rtol = std::max(element_floor(t).rtol, M::kElement * tol.nrel);
  return tol;
}

Tolerance apply_override(Tolerance model, const ToleranceOverride& o) {
  if (o.atol >= 0) model.atol = o.atol;
  if (o.rtol >= 0) model.rtol = o.rtol;
  if (o.nrel >= 0) model.nrel = o.nrel;
  if (o.floor >= 0) model.floor = o.floor;
  return model;
}

}  // namespace kbench
