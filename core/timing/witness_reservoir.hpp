// WitnessReservoir: which timed calls keep a copy of their outputs for the parent to check, chosen
// uniformly among all of a set's timed calls by reservoir sampling, each decision made only after the call
// has returned. Where the timed calls run in the candidate's own process (the GPU workers), this is what
// makes "compute on a few calls, return at once on the rest" fail: every timed call is equally likely to
// be checked, and a call cannot know whether it will be until it is over.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <random>
#include <vector>

namespace kbench {

class WitnessReservoir {
 public:
  // `slots` witnesses; `seed` should come from std::random_device (tests pass a fixed one).
  WitnessReservoir(std::size_t slots, std::uint64_t seed);

  // The call numbered `call` (0, 1, 2, ... in the order the set's timed calls were made) has returned:
  // the slot its outputs go to (replacing what the slot held), or nullopt when it is not kept.
  std::optional<std::size_t> offer(std::int64_t call);

  // The call each slot holds now (-1: none yet, fewer calls than slots).
  const std::vector<std::int64_t>& calls() const { return calls_; }

 private:
  std::vector<std::int64_t> calls_;
  std::uint64_t offered_ = 0;
  std::mt19937_64 rng_;
};

}  // namespace kbench
