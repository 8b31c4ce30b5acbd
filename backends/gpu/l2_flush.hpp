// L2Flush: evicts the GPU's L2 cache by writing a device buffer twice its size (nvbench's approach),
// so each timed call starts cold, as it would inside a larger program.
#pragma once
#include <cstddef>

#include "backends/gpu/vendor.hpp"

namespace kbench::gpu {

class L2Flush {
 public:
  explicit L2Flush(std::size_t l2_bytes);
  L2Flush(const L2Flush&) = delete;
  L2Flush& operator=(const L2Flush&) = delete;
  ~L2Flush();
  // Enqueues the write on `stream`.
  void flush(cudaStream_t stream);
  std::size_t bytes() const { return bytes_; }

 private:
  void* buffer_ = nullptr;
  std::size_t bytes_ = 0;
  int value_ = 0;
};

}  // namespace kbench::gpu
