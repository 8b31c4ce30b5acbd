// parallel_copy, parallel_equal and parallel_for_ranges: every byte of buffers spanning many pieces (and a
// ragged last piece) is copied and compared, a single differing byte anywhere is seen, and the ranges cover
// [0, count) exactly once.
#include <gtest/gtest.h>

#include <atomic>
#include <numeric>
#include <vector>

#include "harness/eval/parallel_bytes.hpp"

namespace kbench {
namespace {

constexpr std::size_t kBytes = (std::size_t{37} << 20) + 12345;  // nine 4 MiB pieces and a ragged tail

std::vector<std::uint8_t> pattern(std::size_t n) {
  std::vector<std::uint8_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::uint8_t>((i * 2654435761u) >> 13);
  return v;
}

TEST(ParallelBytes, CopiesEveryByteOfALargeBufferAndOfASmallOne) {
  for (std::size_t n : {kBytes, std::size_t{1000}, std::size_t{0}}) {
    const auto src = pattern(n);
    ByteBuffer dst(n);
    parallel_copy(dst.data(), src.data(), n);
    EXPECT_TRUE(std::equal(src.begin(), src.end(), dst.begin())) << n << " bytes";
  }
}

TEST(ParallelBytes, SeesOneDifferingByteWhereverItIs) {
  const auto a = pattern(kBytes);
  EXPECT_TRUE(parallel_equal(a.data(), a.data(), kBytes));
  for (std::size_t at : {std::size_t{0}, (std::size_t{4} << 20) - 1, std::size_t{4} << 20, kBytes / 2, kBytes - 1}) {
    auto b = a;
    b[at] ^= 1;
    EXPECT_FALSE(parallel_equal(a.data(), b.data(), kBytes)) << "byte " << at;
  }
  auto small = pattern(100), other = small;
  other[99] ^= 0x80;
  EXPECT_FALSE(parallel_equal(small.data(), other.data(), 100));
  EXPECT_TRUE(parallel_equal(small.data(), other.data(), 99));
}

TEST(ParallelBytes, RangesCoverEveryElementOnce) {
  for (std::size_t count : {std::size_t{(9u << 20) + 7}, std::size_t{5}, std::size_t{0}}) {
    std::vector<std::atomic<int>> hits(count);
    parallel_for_ranges(count, [&](std::size_t first, std::size_t n) {
      for (std::size_t i = first; i < first + n; ++i) hits[i].fetch_add(1);
    });
    std::size_t once = 0;
    for (const auto& h : hits) once += h.load() == 1;
    EXPECT_EQ(once, count);
  }
}

}  // namespace
}  // namespace kbench
