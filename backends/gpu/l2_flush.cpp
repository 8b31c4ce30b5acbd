// L2Flush: a memset of 2 x L2 bytes (at least 64 MiB), alternating the byte written.
#include "backends/gpu/l2_flush.hpp"

#include <algorithm>

#include "backends/gpu/gpu_check.hpp"

namespace kbench::gpu {

L2Flush::L2Flush(std::size_t l2_bytes) : bytes_(std::max<std::size_t>(2 * l2_bytes, std::size_t{64} << 20)) {
  KBENCH_GPU_CHECK(cudaMalloc(&buffer_, bytes_));
}

L2Flush::~L2Flush() {
  if (buffer_) cudaFree(buffer_);
}

void L2Flush::flush(cudaStream_t stream) {
  value_ ^= 1;
  KBENCH_GPU_CHECK(cudaMemsetAsync(buffer_, value_, bytes_, stream));
}

}  // namespace kbench::gpu
