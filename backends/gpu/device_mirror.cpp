// DeviceMirror: one device allocation reused across requests, staged with whole-span copies.
#include "backends/gpu/device_mirror.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

#include "backends/gpu/gpu_check.hpp"

namespace kbench::gpu {

ArenaSpan span_of(const std::vector<const CallLayout*>& layouts, std::size_t arena_bytes) {
  std::size_t lo = std::numeric_limits<std::size_t>::max(), hi = 0;
  for (const CallLayout* layout : layouts)
    for (const ArgSlot& a : layout->args) {
      if (a.kind != ArgSlot::Kind::tensor) continue;
      if (a.offset < kGuardBytes || a.offset + a.bytes + kGuardBytes > arena_bytes)
        throw std::invalid_argument("tensor '" + a.name + "' at offset " + std::to_string(a.offset) + " (+" +
                                    std::to_string(a.bytes) + " bytes and guards) lies outside the arena of " +
                                    std::to_string(arena_bytes) + " bytes");
      lo = std::min(lo, a.offset - kGuardBytes);
      hi = std::max(hi, a.offset + a.bytes + kGuardBytes);
    }
  if (hi == 0) return {};
  return {lo / 256 * 256, hi};
}

DeviceMirror::~DeviceMirror() {
  if (device_) cudaFree(device_);  // no throw from a destructor; a sticky error makes this fail harmlessly
}

void DeviceMirror::upload(const Arena& arena, const ArenaSpan& span, cudaStream_t stream) {
  if (span.bytes() > capacity_) {
    if (device_) KBENCH_GPU_CHECK(cudaFree(device_));
    device_ = nullptr;
    capacity_ = 0;
    KBENCH_GPU_CHECK(cudaMalloc(&device_, span.bytes()));
    capacity_ = span.bytes();
  }
  span_ = span;
  if (span.bytes() == 0) return;
  KBENCH_GPU_CHECK(cudaMemcpyAsync(device_, arena.data() + span.begin, span.bytes(), cudaMemcpyHostToDevice, stream));
  KBENCH_GPU_CHECK(cudaStreamSynchronize(stream));
}

void DeviceMirror::download(Arena& arena, cudaStream_t stream) const {
  if (span_.bytes() == 0) return;
  KBENCH_GPU_CHECK(cudaMemcpyAsync(arena.data() + span_.begin, device_, span_.bytes(), cudaMemcpyDeviceToHost, stream));
  KBENCH_GPU_CHECK(cudaStreamSynchronize(stream));
}

void DeviceMirror::download_outputs(Arena& arena, const CallLayout& layout, cudaStream_t stream) const {
  for (const ArgSlot& a : layout.args) {
    if (a.kind != ArgSlot::Kind::tensor || !a.is_output) continue;
    const std::size_t begin = a.offset - kGuardBytes, bytes = a.bytes + 2 * kGuardBytes;
    KBENCH_GPU_CHECK(cudaMemcpyAsync(arena.data() + begin, device_address(begin), bytes, cudaMemcpyDeviceToHost, stream));
  }
  KBENCH_GPU_CHECK(cudaStreamSynchronize(stream));
}

void* DeviceMirror::device_address(std::size_t arena_offset) const {
  if (arena_offset < span_.begin || arena_offset > span_.end)
    throw std::out_of_range("arena offset " + std::to_string(arena_offset) + " is outside the staged span");
  return device_ + (arena_offset - span_.begin);
}

}  // namespace kbench::gpu
