// Parallel copy, compare and ranged fill (see parallel_bytes.hpp).
#include "harness/eval/parallel_bytes.hpp"

#include <algorithm>
#include <cstring>

namespace kbench {
namespace {
constexpr std::size_t kPiece = std::size_t{4} << 20;         // bytes per task
constexpr std::size_t kSerialBelow = kPiece;                 // smaller buffers: one thread
}  // namespace

void parallel_copy(void* dst, const void* src, std::size_t bytes) {
  if (bytes < kSerialBelow) {
    if (bytes) std::memcpy(dst, src, bytes);
    return;
  }
  auto* d = static_cast<std::uint8_t*>(dst);
  const auto* s = static_cast<const std::uint8_t*>(src);
  const auto pieces = static_cast<std::int64_t>((bytes + kPiece - 1) / kPiece);
#pragma omp parallel for schedule(static)
  for (std::int64_t p = 0; p < pieces; ++p) {
    const std::size_t at = static_cast<std::size_t>(p) * kPiece;
    std::memcpy(d + at, s + at, std::min(kPiece, bytes - at));
  }
}

bool parallel_equal(const void* a, const void* b, std::size_t bytes) {
  if (bytes < kSerialBelow) return bytes == 0 || std::memcmp(a, b, bytes) == 0;
  const auto* x = static_cast<const std::uint8_t*>(a);
  const auto* y = static_cast<const std::uint8_t*>(b);
  const auto pieces = static_cast<std::int64_t>((bytes + kPiece - 1) / kPiece);
  int differs = 0;
#pragma omp parallel for schedule(static) reduction(| : differs)
  for (std::int64_t p = 0; p < pieces; ++p) {
    const std::size_t at = static_cast<std::size_t>(p) * kPiece;
    differs |= std::memcmp(x + at, y + at, std::min(kPiece, bytes - at)) != 0;
  }
  return differs == 0;
}

void parallel_for_ranges(std::size_t count, const std::function<void(std::size_t, std::size_t)>& fill) {
  constexpr std::size_t kElements = std::size_t{1} << 20;
  if (count < 4 * kElements) {
    if (count) fill(0, count);
    return;
  }
  const auto pieces = static_cast<std::int64_t>((count + kElements - 1) / kElements);
#pragma omp parallel for schedule(static)
  for (std::int64_t p = 0; p < pieces; ++p) {
    const std::size_t first = static_cast<std::size_t>(p) * kElements;
    fill(first, std::min(kElements, count - first));
  }
}

}  // namespace kbench
