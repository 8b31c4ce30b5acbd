// Oracle registry and OracleCallT accessors.
#include "reference_kernels/oracles/oracle.hpp"

#include <stdexcept>

namespace kbench {
namespace {
template <class Map>
auto lookup(const Map& m, const std::string& name, const char* what) {
  auto it = m.find(name);
  if (it == m.end()) throw std::out_of_range("oracle asked for unknown " + std::string(what) + " '" + name + "'");
  return it->second;
}

const OracleEntry& entry(const std::string& id) {
  auto& r = oracle_registry();
  auto it = r.find(id);
  if (it == r.end()) throw std::out_of_range("no oracle registered for '" + id + "'");
  return it->second;
}
}  // namespace

template <class R>
const R* OracleCallT<R>::in(const std::string& name) const { return lookup(inputs, name, "input")->data(); }
template <class R>
R* OracleCallT<R>::out(const std::string& name) const { return lookup(outputs, name, "output")->data(); }
template <class R>
std::int64_t OracleCallT<R>::size(const std::string& name) const { return lookup(sizes, name, "size"); }
template <class R>
R OracleCallT<R>::scalar(const std::string& name) const { return static_cast<R>(lookup(scalars, name, "scalar")); }

template struct OracleCallT<double>;
template struct OracleCallT<float>;

std::map<std::string, OracleEntry>& oracle_registry() {
  static std::map<std::string, OracleEntry> registry;
  return registry;
}

const OracleFn& find_oracle(const std::string& id) { return entry(id).f64; }
const OracleFnF32& find_oracle_f32(const std::string& id) { return entry(id).f32; }

bool register_oracle(const std::string& id, OracleFn f64, OracleFnF32 f32) {
  auto [it, inserted] = oracle_registry().emplace(id, OracleEntry{std::move(f64), std::move(f32)});
  if (!inserted) throw std::logic_error("oracle registered twice: " + id);
  return true;
}

}  // namespace kbench
