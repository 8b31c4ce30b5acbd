// WitnessKeeper: see witness_keeper.hpp.
#include "core/timing/witness_keeper.hpp"

#include <algorithm>
#include <random>
#include <stdexcept>

namespace kbench {

OutputSample sample_output(std::size_t bytes, std::size_t element_bytes, std::uint64_t random) {
  const std::size_t elem = element_bytes ? element_bytes : 1;
  const std::size_t width = std::max<std::size_t>(elem, kWitnessSampleWidthBytes / elem * elem);
  if (bytes <= 2 * kWitnessSampleRows * width) return {};
  const std::size_t stride = bytes / kWitnessSampleRows / elem * elem;
  const std::size_t phases = (stride - width) / elem + 1;
  return {static_cast<std::size_t>(random % phases) * elem, width, stride, kWitnessSampleRows};
}

nlohmann::json to_json(const WitnessSamples& samples) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& witness : samples) {
    nlohmann::json args = nlohmann::json::array();
    for (const auto& s : witness) args.push_back({s.phase, s.width, s.stride, s.rows});
    out.push_back(std::move(args));
  }
  return out;
}

WitnessSamples witness_samples_from_json(const nlohmann::json& j) {
  if (!j.is_array()) throw std::invalid_argument("witness samples must be an array");
  WitnessSamples out;
  for (const auto& witness : j) {
    if (!witness.is_array()) throw std::invalid_argument("a witness's samples must be an array");
    std::vector<OutputSample> args;
    for (const auto& s : witness) {
      if (!s.is_array() || s.size() != 4) throw std::invalid_argument("a witness sample is [phase, width, stride, rows]");
      args.push_back({s[0].get<std::size_t>(), s[1].get<std::size_t>(), s[2].get<std::size_t>(), s[3].get<std::size_t>()});
    }
    out.push_back(std::move(args));
  }
  return out;
}

WitnessKeeper::WitnessKeeper(const std::vector<CallLayout>& sets, const std::vector<CallLayout>& witnesses,
                             const WitnessSamples& samples)
    : sets_(sets), witnesses_(witnesses), samples_(samples), offered_(sets.size(), 0) {
  if (sets.empty() || witnesses.size() % sets.size() != 0)
    throw std::invalid_argument("witnesses must be a whole number per input set");
  if (!samples_.empty() && samples_.size() != witnesses.size())
    throw std::invalid_argument("witness samples must be given for every witness or for none");
  if (samples_.empty()) samples_.resize(witnesses.size());
  per_set_ = witnesses.size() / sets.size();
  for (std::size_t w = 0; w < witnesses.size(); ++w) {
    const CallLayout& set = sets[w / per_set_];
    auto& sample = samples_[w];
    if (sample.empty()) sample.resize(set.args.size());
    bool matches = witnesses[w].args.size() == set.args.size() && sample.size() == set.args.size();
    for (std::size_t i = 0; matches && i < set.args.size(); ++i) {
      if (!set.args[i].is_output) continue;
      const OutputSample& o = sample[i];
      const std::size_t bytes = set.args[i].bytes;
      // Written so that no sum or product can wrap.
      const bool inside = o.whole() || (o.width > 0 && o.stride >= o.width && o.width <= bytes && o.phase <= bytes - o.width &&
                                        o.rows <= bytes && (o.rows - 1) <= (bytes - o.width - o.phase) / o.stride);
      matches = inside && witnesses[w].args[i].bytes == o.kept_bytes(bytes);
    }
    if (!matches) throw std::invalid_argument("a witness layout does not match its input set");
  }
  std::random_device entropy;
  for (std::size_t s = 0; s < sets.size(); ++s)
    reservoirs_.emplace_back(per_set_, (static_cast<std::uint64_t>(entropy()) << 32) ^ entropy());
}

std::vector<WitnessKeeper::Copy> WitnessKeeper::offer(std::size_t set) {
  std::vector<Copy> copies;
  const auto slot = reservoirs_[set].offer(offered_[set]++);
  if (!slot) return copies;
  const CallLayout& from = sets_[set];
  const CallLayout& to = witnesses_[set * per_set_ + *slot];
  const auto& sample = samples_[set * per_set_ + *slot];
  for (std::size_t i = 0; i < from.args.size(); ++i) {
    if (from.args[i].kind != ArgSlot::Kind::tensor || !from.args[i].is_output) continue;
    const OutputSample& o = sample[i];
    if (o.whole())
      copies.push_back({from.args[i].offset, to.args[i].offset, from.args[i].bytes});
    else
      copies.push_back({from.args[i].offset + o.phase, to.args[i].offset, o.width, o.rows, o.stride});
  }
  return copies;
}

nlohmann::json WitnessKeeper::calls() const {
  if (per_set_ == 0) return nullptr;
  nlohmann::json kept = nlohmann::json::array();
  for (const auto& r : reservoirs_) kept.push_back(r.calls());
  return kept;
}

}  // namespace kbench
