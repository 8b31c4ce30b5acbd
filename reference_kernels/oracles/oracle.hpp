// Float64 CPU oracles: the ground truth every candidate is compared with. One function per task,
// registered by oracle id (usually the task id) with KBENCH_ORACLE in reference_kernels/oracles/<category>.cpp.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace kbench {

// What an oracle sees: the task's tensors as float64 arrays (inputs read-only, outputs to fill,
// integer tensors too, as exact doubles), sizes and scalars by name. Tensors are in argument order.
struct OracleCall {
  std::map<std::string, const std::vector<double>*> inputs;
  std::map<std::string, std::vector<double>*> outputs;
  std::map<std::string, std::int64_t> sizes;
  std::map<std::string, double> scalars;

  const double* in(const std::string& name) const;   // throws std::out_of_range naming the argument
  double* out(const std::string& name) const;
  std::int64_t size(const std::string& name) const;
  double scalar(const std::string& name) const;
};

using OracleFn = std::function<void(const OracleCall&)>;

// Registry of oracles by id. Registration happens at static-initialisation time.
std::map<std::string, OracleFn>& oracle_registry();
const OracleFn& find_oracle(const std::string& id);  // throws std::out_of_range
bool register_oracle(const std::string& id, OracleFn fn);

}  // namespace kbench

#define KBENCH_ORACLE_CAT2(a, b) a##b
#define KBENCH_ORACLE_CAT(a, b) KBENCH_ORACLE_CAT2(a, b)
// KBENCH_ORACLE("elementwise/vector_add") { double* c = call.out("c"); ... }
#define KBENCH_ORACLE(id)                                                                  \
  static void KBENCH_ORACLE_CAT(kbench_oracle_fn_, __LINE__)(const ::kbench::OracleCall&); \
  [[maybe_unused]] static const bool KBENCH_ORACLE_CAT(kbench_oracle_reg_, __LINE__) =     \
      ::kbench::register_oracle(id, &KBENCH_ORACLE_CAT(kbench_oracle_fn_, __LINE__));     \
  static void KBENCH_ORACLE_CAT(kbench_oracle_fn_, __LINE__)([[maybe_unused]] const ::kbench::OracleCall& call)
