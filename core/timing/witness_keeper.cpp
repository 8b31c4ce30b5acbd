// WitnessKeeper: see witness_keeper.hpp.
#include "core/timing/witness_keeper.hpp"

#include <random>
#include <stdexcept>

namespace kbench {

WitnessKeeper::WitnessKeeper(const std::vector<CallLayout>& sets, const std::vector<CallLayout>& witnesses)
    : sets_(sets), witnesses_(witnesses), offered_(sets.size(), 0) {
  if (sets.empty() || witnesses.size() % sets.size() != 0)
    throw std::invalid_argument("witnesses must be a whole number per input set");
  per_set_ = witnesses.size() / sets.size();
  for (std::size_t w = 0; w < witnesses.size(); ++w) {
    const CallLayout& set = sets[w / per_set_];
    bool matches = witnesses[w].args.size() == set.args.size();
    for (std::size_t i = 0; matches && i < set.args.size(); ++i)
      matches = !set.args[i].is_output || witnesses[w].args[i].bytes == set.args[i].bytes;
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
  for (std::size_t i = 0; i < from.args.size(); ++i)
    if (from.args[i].kind == ArgSlot::Kind::tensor && from.args[i].is_output)
      copies.push_back({from.args[i].offset, to.args[i].offset, from.args[i].bytes});
  return copies;
}

nlohmann::json WitnessKeeper::calls() const {
  if (per_set_ == 0) return nullptr;
  nlohmann::json kept = nlohmann::json::array();
  for (const auto& r : reservoirs_) kept.push_back(r.calls());
  return kept;
}

}  // namespace kbench
