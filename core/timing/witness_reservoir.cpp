// WitnessReservoir: see witness_reservoir.hpp. Algorithm R: the first `slots` calls fill the slots; the
// n-th call after them replaces a uniformly chosen slot with probability slots / n.
#include "core/timing/witness_reservoir.hpp"

namespace kbench {

WitnessReservoir::WitnessReservoir(std::size_t slots, std::uint64_t seed) : calls_(slots, -1), rng_(seed) {}

std::optional<std::size_t> WitnessReservoir::offer(std::int64_t call) {
  const std::uint64_t n = ++offered_;
  if (calls_.empty()) return std::nullopt;
  std::size_t slot;
  if (n <= calls_.size()) {
    slot = static_cast<std::size_t>(n - 1);
  } else {
    const std::uint64_t j = std::uniform_int_distribution<std::uint64_t>(0, n - 1)(rng_);
    if (j >= calls_.size()) return std::nullopt;
    slot = static_cast<std::size_t>(j);
  }
  calls_[slot] = call;
  return slot;
}

}  // namespace kbench
