// The expected values of one output, kept in the dtype they were produced in: float64 from the oracle,
// or a verified reference kernel's own elements at bench shapes. A bench-shape output of 64M float32 used
// to be widened to a 512 MB float64 vector (zeroed and converted on the host in every evaluation); the
// reference's bytes say the same thing exactly and take a parallel copy of half the size.
#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/spec/dtype.hpp"
#include "harness/eval/parallel_bytes.hpp"

namespace kbench {

class ExpectedValues {
 public:
  ExpectedValues() = default;
  // The oracle's float64 values (implicit: a list of doubles is what a test or the oracle has).
  ExpectedValues(const std::vector<double>& values);  // NOLINT(google-explicit-constructor)
  ExpectedValues(std::initializer_list<double> values) : ExpectedValues(std::vector<double>(values)) {}
  // `count` elements of dtype `t` at `data`, copied.
  static ExpectedValues copy_of(DType t, const void* data, std::size_t count);
  // The same into this object, reusing its storage.
  void assign(DType t, const void* data, std::size_t count);

  std::size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  DType dtype() const { return dtype_; }
  const void* data() const { return bytes_.data(); }
  double operator[](std::size_t i) const {  // inline for the two common dtypes: compare reads ~1e8 of these
    if (dtype_ == DType::f64) return reinterpret_cast<const double*>(bytes_.data())[i];
    if (dtype_ == DType::f32) return reinterpret_cast<const float*>(bytes_.data())[i];
    return load_as_double(dtype_, bytes_.data(), i);
  }

  // The elements of the given [first, first + count) ranges, in order.
  ExpectedValues gather(const std::vector<std::pair<std::size_t, std::size_t>>& ranges) const;

 private:
  DType dtype_ = DType::f64;
  std::size_t count_ = 0;
  ByteBuffer bytes_;
};

using ExpectedOutputs = std::map<std::string, ExpectedValues>;  // by output name

}  // namespace kbench
