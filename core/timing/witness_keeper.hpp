// WitnessKeeper: what a worker's timing session does with its witnesses (backends/runtime.hpp),
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

// Which bytes of one output a witness keeps: the whole output (rows == 0), or `rows` rows of `width`
// bytes, the r-th starting at phase + r * stride (systematic sampling with a random phase: every stretch
// of the output longer than the stride holds a row), packed one after the other in the witness region.
struct OutputSample {
  std::size_t phase = 0, width = 0, stride = 0, rows = 0;
  bool whole() const { return rows == 0; }
  std::size_t kept_bytes(std::size_t output_bytes) const { return whole() ? output_bytes : rows * width; }
  bool operator==(const OutputSample&) const = default;
};
using WitnessSamples = std::vector<std::vector<OutputSample>>;  // [witness][argument]; empty: all whole

inline constexpr std::size_t kWitnessSampleRows = 64;
inline constexpr std::size_t kWitnessSampleWidthBytes = 4096;
// The sample of an output of `bytes` bytes whose elements are `element_bytes` wide: whole up to twice
// the sampled size, otherwise kWitnessSampleRows rows of about kWitnessSampleWidthBytes (whole
// elements), the phase drawn from `random`.
OutputSample sample_output(std::size_t bytes, std::size_t element_bytes, std::uint64_t random);

nlohmann::json to_json(const WitnessSamples& samples);
// Throws std::invalid_argument on a malformed form.
WitnessSamples witness_samples_from_json(const nlohmann::json& j);

class WitnessKeeper {
 public:
  struct Copy {
    std::size_t from, to, bytes;  // arena offsets of one output row and of its place in the witness region
    std::size_t rows = 1, stride = 0;  // rows of `bytes` each, `stride` apart in the output, packed at `to`
  };

  // Throws std::invalid_argument unless there is a whole number of witnesses per set, each has its set's
  // arguments and, per output, a region of the bytes its sample keeps, and every sample lies inside its
  // output.
  WitnessKeeper(const std::vector<CallLayout>& sets, const std::vector<CallLayout>& witnesses,
                const WitnessSamples& samples = {});

  // Set `set`'s timed call has returned: the copies that keep it (empty when it is not kept).
  std::vector<Copy> offer(std::size_t set);

  // notes["witness_calls"] of the reply: per set, the call each witness holds (-1: none); null when
  // there are no witnesses.
  nlohmann::json calls() const;

 private:
  const std::vector<CallLayout>& sets_;
  const std::vector<CallLayout>& witnesses_;
  WitnessSamples samples_;
  std::size_t per_set_ = 0;
  std::vector<WitnessReservoir> reservoirs_;
  std::vector<std::int64_t> offered_;
};

}  // namespace kbench
