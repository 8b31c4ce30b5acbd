// CallArgs: the argument array kbench_entry(void* const* args) receives for one CallLayout on the GPU.
// Element i is a tensor's device pointer, or points at a size (int64) or a scalar (in its dtype); the
// last element points at the stream (cudaStream_t, hipStream_t in the HIP build) the candidate must use
// (core/spec/entry_shim's convention).
#pragma once
#include <cstdint>
#include <vector>

#include "backends/gpu/vendor.hpp"

#include "backends/gpu/device_mirror.hpp"

namespace kbench::gpu {

class CallArgs {
 public:
  CallArgs(const CallLayout& layout, const DeviceMirror& mirror, cudaStream_t stream);
  CallArgs(const CallArgs&) = delete;  // pointers_ point into values_
  CallArgs& operator=(const CallArgs&) = delete;
  void* const* pointers() const { return pointers_.data(); }

 private:
  std::vector<std::uint64_t> values_;  // one 8-byte cell per argument (wide enough for every dtype)
  cudaStream_t stream_;
  std::vector<void*> pointers_;
};

}  // namespace kbench::gpu
