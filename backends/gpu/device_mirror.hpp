// DeviceMirror: a device copy of the part of a shared-memory Arena that some call layouts use, guard
// bytes included, so an out-of-bounds write on the device lands in a guard the parent checks.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "backends/gpu/vendor.hpp"

#include "core/arena/arena.hpp"

namespace kbench::gpu {

struct ArenaSpan {
  std::size_t begin = 0;  // arena offset, 256-byte aligned
  std::size_t end = 0;
  std::size_t bytes() const { return end - begin; }
};

// The smallest aligned span holding every tensor of `layouts` with its guards; throws when a tensor
// lies outside `arena_bytes`.
ArenaSpan span_of(const std::vector<const CallLayout*>& layouts, std::size_t arena_bytes);

class DeviceMirror {
 public:
  DeviceMirror() = default;
  DeviceMirror(const DeviceMirror&) = delete;
  DeviceMirror& operator=(const DeviceMirror&) = delete;
  ~DeviceMirror();

  // Makes room for `span` (keeps the allocation when it is large enough) and copies it to the device.
  void upload(const Arena& arena, const ArenaSpan& span, cudaStream_t stream);
  // Copies the span back into the arena (synchronous).
  void download(Arena& arena, cudaStream_t stream) const;
  // Copies back only `layout`'s output tensors, each with its guards (synchronous).
  void download_outputs(Arena& arena, const CallLayout& layout, cudaStream_t stream) const;
  // Device address of an arena offset inside the current span.
  void* device_address(std::size_t arena_offset) const;
  const ArenaSpan& span() const { return span_; }

 private:
  std::uint8_t* device_ = nullptr;
  std::size_t capacity_ = 0;
  ArenaSpan span_;
};

}  // namespace kbench::gpu
