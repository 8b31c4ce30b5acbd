// Parallel copy, compare and ranged fill (see parallel_bytes.hpp): one loop over pieces serves all three.
#include "harness/eval/parallel_bytes.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>

namespace kbench {
namespace {

constexpr std::size_t kPieceBytes = std::size_t{4} << 20;     // copies and compares
constexpr std::size_t kPieceElements = std::size_t{1} << 20;  // ranged fills

// body(first, n) over [0, count) in pieces of `piece`; on all cores when there is more than one piece.
void for_pieces(std::size_t count, std::size_t piece, const std::function<void(std::size_t, std::size_t)>& body) {
  if (count <= piece) {
    if (count) body(0, count);
    return;
  }
  const auto pieces = static_cast<std::int64_t>((count + piece - 1) / piece);
#pragma omp parallel for schedule(static)
  for (std::int64_t p = 0; p < pieces; ++p) {
    const std::size_t first = static_cast<std::size_t>(p) * piece;
    body(first, std::min(piece, count - first));
  }
}

}  // namespace

void parallel_copy(void* dst, const void* src, std::size_t bytes) {
  auto* d = static_cast<std::uint8_t*>(dst);
  const auto* s = static_cast<const std::uint8_t*>(src);
  for_pieces(bytes, kPieceBytes, [&](std::size_t first, std::size_t n) { std::memcpy(d + first, s + first, n); });
}

bool parallel_equal(const void* a, const void* b, std::size_t bytes) {
  const auto* x = static_cast<const std::uint8_t*>(a);
  const auto* y = static_cast<const std::uint8_t*>(b);
  std::atomic<bool> differs{false};
  for_pieces(bytes, kPieceBytes, [&](std::size_t first, std::size_t n) {
    if (std::memcmp(x + first, y + first, n) != 0) differs.store(true, std::memory_order_relaxed);
  });
  return !differs.load();
}

void parallel_for_ranges(std::size_t count, const std::function<void(std::size_t, std::size_t)>& fill) {
  for_pieces(count, kPieceElements, fill);
}

}  // namespace kbench
