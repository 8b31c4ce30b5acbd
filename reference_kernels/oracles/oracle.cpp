// Oracle registry and OracleCall accessors.
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
}  // namespace

const double* OracleCall::in(const std::string& name) const { return lookup(inputs, name, "input")->data(); }
double* OracleCall::out(const std::string& name) const { return lookup(outputs, name, "output")->data(); }
std::int64_t OracleCall::size(const std::string& name) const { return lookup(sizes, name, "size"); }
double OracleCall::scalar(const std::string& name) const { return lookup(scalars, name, "scalar"); }

std::map<std::string, OracleFn>& oracle_registry() {
  static std::map<std::string, OracleFn> registry;
  return registry;
}

const OracleFn& find_oracle(const std::string& id) {
  auto& r = oracle_registry();
  auto it = r.find(id);
  if (it == r.end()) throw std::out_of_range("no float64 oracle registered for '" + id + "'");
  return it->second;
}

bool register_oracle(const std::string& id, OracleFn fn) {
  auto [it, inserted] = oracle_registry().emplace(id, std::move(fn));
  if (!inserted) throw std::logic_error("oracle registered twice: " + id);
  return true;
}

}  // namespace kbench
