// Copies, compares and fills of bench-shape buffers (hundreds of MB each) spread over the host's cores:
// one thread moves ~5-10 GB/s, so at vector_add's GPU bench shape a serial copy of the arena or of the
// input snapshot took a few hundred ms of every evaluation. Small buffers stay on the calling thread.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace kbench {

void parallel_copy(void* dst, const void* src, std::size_t bytes);
bool parallel_equal(const void* a, const void* b, std::size_t bytes);
// Calls fill(first, n) for pieces [first, first + n) covering [0, count), on all cores when count is large.
void parallel_for_ranges(std::size_t count, const std::function<void(std::size_t, std::size_t)>& fill);

// An allocator whose value-less construct() default-initialises (for bytes: leaves them as they are), so
// that a vector sized for a copy is not first zeroed on one thread.
template <class T>
struct UninitialisedAllocator : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = UninitialisedAllocator<U>;
  };
  UninitialisedAllocator() = default;
  template <class U>
  UninitialisedAllocator(const UninitialisedAllocator<U>&) noexcept {}
  template <class U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    std::allocator_traits<std::allocator<T>>::construct(static_cast<std::allocator<T>&>(*this), p, std::forward<Args>(args)...);
  }
};

using ByteBuffer = std::vector<std::uint8_t, UninitialisedAllocator<std::uint8_t>>;

}  // namespace kbench
