// ReferenceArenas: the trusted side's bench-shape arena kept for the next evaluation of the same size
// (pages already in memory), the most recent one only; another size gets a new arena.
#include <gtest/gtest.h>

#include "harness/eval/reference_arenas.hpp"

namespace kbench {
namespace {

TEST(ReferenceArenas, GivesTheKeptArenaBackForItsSizeOnlyAndKeepsTheLatest) {
  ReferenceArenas arenas;
  Arena a = arenas.take(1 << 20);
  const std::uint64_t first = a.id();
  a.data()[100] = 7;
  arenas.give_back(std::move(a));
  Arena other = arenas.take(2 << 20);  // another size: new, and the kept one stays
  EXPECT_NE(other.id(), first);
  Arena again = arenas.take(1 << 20);
  EXPECT_EQ(again.id(), first);
  EXPECT_EQ(again.data()[100], 7);  // the same pages: the caller rewrites what it uses
  EXPECT_NE(arenas.take(1 << 20).id(), first);  // taken: not handed out twice
  arenas.give_back(std::move(again));
  arenas.give_back(std::move(other));  // the latest replaces it
  EXPECT_NE(arenas.take(1 << 20).id(), first);
}

}  // namespace
}  // namespace kbench
