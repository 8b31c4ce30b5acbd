// The tolerance model: how far an output may be from the float64 oracle, per output, from its dtype and
// the number of terms that feed each of its elements (the spec's "reduce" expression). docs/verification.md
// explains the model and how `kbench audit` checks it against the catalog.
#pragma once
#include <string>

#include "core/spec/dtype.hpp"

namespace kbench {

struct Tolerance {
  double atol = 0.0;   // element-wise: |out - ref| <= atol * max(1, rms(ref)) + rtol * |ref|
  double rtol = 0.0;
  double nrel = 0.0;   // norm-wise: ||out - ref|| <= nrel * ||ref|| + floor * sqrt(n)
  double floor = 0.0;  // absolute error per element always allowed norm-wise (exact zeros)
};

// Unit roundoff (half an ulp of 1) of a floating dtype: f64 2^-53, f32 2^-24, f16 2^-11, bf16 2^-8; 0 for
// integers.
double unit_roundoff(DType t);

// The type an honest kernel accumulates in for outputs of dtype `t`: f32 for f16, bf16 and f32, f64 for f64.
DType accumulation_type(DType t);

// Constants of the model (docs/verification.md says how they were calibrated).
struct ToleranceModel {
  static constexpr double kBase = 64;     // unit roundoffs of the accumulator any output may be off by
  static constexpr double kReduce = 8;    // ... times sqrt(reduce length), for the accumulation of K terms
  static constexpr double kSum = 1.0 / 32;  // ... plus this times K·u: small terms lost against a long sum
  static constexpr double kStore = 2;     // unit roundoffs of a 16-bit output type (its final rounding)
  static constexpr double kElement = 8;   // element-wise bounds are at least this many times nrel
  static constexpr double kFloor = 1;     // unit roundoffs of the accumulator: the absolute error allowed
                                          // per element norm-wise (half an ulp of 1: the absolute scale an
                                          // exact zero computed from data of order 1 may be off by)
};

// Tolerance for an output of dtype `t` each of whose elements is computed from `reduce_length` terms.
// Integers: exact (all zero).
Tolerance model_tolerance(DType t, double reduce_length);

// Where an override from a spec replaces fields: every field set (>= 0) in `override_` wins.
struct ToleranceOverride {
  double atol = -1, rtol = -1, nrel = -1, floor = -1;
  std::string reason;  // why the model cannot express the task (required in specs)
};
Tolerance apply_override(Tolerance model, const ToleranceOverride& o);

}  // namespace kbench
