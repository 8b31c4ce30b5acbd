// WitnessKeeper: what a worker's time_calls does with a TimeRequest's witnesses (backends/runtime.hpp),
// whatever the device: checks the witness layouts against their sets once, offers each set's timed calls
// to that set's WitnessReservoir (seeded from std::random_device), and says which output regions to copy
// for a kept call and which calls the witnesses hold. The runtimes only do the copies.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/arena/arena.hpp"
#include "core/timing/witness_reservoir.hpp"

namespace kbench {

class WitnessKeeper {
 public:
  struct Copy {
    std::size_t from, to, bytes;  // arena offsets of one output and of its witness region
  };

  // Throws std::invalid_argument unless there is a whole number of witnesses per set and each has its
  // set's outputs (same argument count and output sizes).
  WitnessKeeper(const std::vector<CallLayout>& sets, const std::vector<CallLayout>& witnesses);

  // Set `set`'s timed call has returned: the copies that keep it (empty when it is not kept).
  std::vector<Copy> offer(std::size_t set);

  // notes["witness_calls"] of the reply: per set, the call each witness holds (-1: none); null when
  // there are no witnesses.
  nlohmann::json calls() const;

 private:
  const std::vector<CallLayout>& sets_;
  const std::vector<CallLayout>& witnesses_;
  std::size_t per_set_ = 0;
  std::vector<WitnessReservoir> reservoirs_;
  std::vector<std::int64_t> offered_;
};

}  // namespace kbench
