// CPU oracles: the ground truth every candidate is compared with, written once over their arithmetic type.
// One function template per task, registered by oracle id (usually the task id) with KBENCH_ORACLE in
// reference_kernels/oracles/<category>.cpp, and instantiated twice: in double (the float64 truth every
// verdict is judged against) and in float (the "honest" variant: what a plain float32 implementation with
// plain accumulation computes; `kbench audit` checks that the tolerances accept it).
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace kbench {

// What an oracle sees: the task's tensors as arrays of its arithmetic type `R` (inputs read-only, outputs to
// fill, integer tensors too, as exact values), sizes and scalars by name. Tensors are in argument order.
template <class R>
struct OracleCallT {
  std::map<std::string, const std::vector<R>*> inputs;
  std::map<std::string, std::vector<R>*> outputs;
  std::map<std::string, std::int64_t> sizes;
  std::map<std::string, double> scalars;

  const R* in(const std::string& name) const;   // throws std::out_of_range naming the argument
  R* out(const std::string& name) const;
  std::int64_t size(const std::string& name) const;
  R scalar(const std::string& name) const;      // rounded to R
};

using OracleCall = OracleCallT<double>;
using OracleCallF32 = OracleCallT<float>;

using OracleFn = std::function<void(const OracleCall&)>;
using OracleFnF32 = std::function<void(const OracleCallF32&)>;

// Both instantiations of one oracle.
struct OracleEntry {
  OracleFn f64;
  OracleFnF32 f32;
};

// Registry of oracles by id. Registration happens at static-initialisation time.
std::map<std::string, OracleEntry>& oracle_registry();
const OracleFn& find_oracle(const std::string& id);         // the float64 truth; throws std::out_of_range
const OracleFnF32& find_oracle_f32(const std::string& id);  // the float32 evaluation of the same code
bool register_oracle(const std::string& id, OracleFn f64, OracleFnF32 f32);

extern template struct OracleCallT<double>;
extern template struct OracleCallT<float>;

}  // namespace kbench

#define KBENCH_ORACLE_CAT2(a, b) a##b
#define KBENCH_ORACLE_CAT(a, b) KBENCH_ORACLE_CAT2(a, b)
// KBENCH_ORACLE("elementwise/vector_add") { real* c = call.out("c"); ... }   (`real`: double or float)
#define KBENCH_ORACLE(id)                                                                                      \
  template <class real>                                                                                        \
  static void KBENCH_ORACLE_CAT(kbench_oracle_fn_, __LINE__)(const ::kbench::OracleCallT<real>&);              \
  [[maybe_unused]] static const bool KBENCH_ORACLE_CAT(kbench_oracle_reg_, __LINE__) = ::kbench::register_oracle( \
      id, &KBENCH_ORACLE_CAT(kbench_oracle_fn_, __LINE__) < double >,                                          \
      &KBENCH_ORACLE_CAT(kbench_oracle_fn_, __LINE__) < float >);                                              \
  template <class real>                                                                                        \
  static void KBENCH_ORACLE_CAT(kbench_oracle_fn_, __LINE__)([[maybe_unused]] const ::kbench::OracleCallT<real>& call)
