// ExpectedValues: see expected_values.hpp.
#include "harness/eval/expected_values.hpp"

#include <cstring>
#include <stdexcept>

namespace kbench {

ExpectedValues::ExpectedValues(const std::vector<double>& values) { assign(DType::f64, values.data(), values.size()); }

ExpectedValues ExpectedValues::copy_of(DType t, const void* data, std::size_t count) {
  ExpectedValues v;
  v.assign(t, data, count);
  return v;
}

void ExpectedValues::assign(DType t, const void* data, std::size_t count) {
  dtype_ = t;
  count_ = count;
  bytes_.resize(count * dtype_size(t));
  if (count) parallel_copy(bytes_.data(), data, bytes_.size());
}

ExpectedValues ExpectedValues::gather(const std::vector<std::pair<std::size_t, std::size_t>>& ranges) const {
  const std::size_t elem = dtype_size(dtype_);
  ExpectedValues out;
  out.dtype_ = dtype_;
  for (const auto& [first, count] : ranges) {
    if (first > count_ || count > count_ - first) throw std::out_of_range("ExpectedValues::gather: a range past the end");
    out.count_ += count;
  }
  out.bytes_.resize(out.count_ * elem);
  std::size_t at = 0;
  for (const auto& [first, count] : ranges) {
    std::memcpy(out.bytes_.data() + at, bytes_.data() + first * elem, count * elem);
    at += count * elem;
  }
  return out;
}

}  // namespace kbench
