// CPU backend (host side): compiles candidates with the system C++ compiler into shared objects.
#pragma once
#include "backends/backend.hpp"

namespace kbench {

class CpuBackend : public Backend {
 public:
  std::string name() const override { return "cpu"; }
  std::string source_extension() const override { return ".cpp"; }
  std::string stream_type() const override { return ""; }
  bool times_on_host_cores() const override { return true; }
  bool times_in_parent_rounds() const override { return true; }
  bool unprivileged_candidates() const override { return true; }
  // Three quarters of the machine's memory: a candidate that allocates without bound fails alone.
  std::optional<std::uint64_t> candidate_address_space_limit() const override;
  std::optional<DeviceInfo> probe_device() override;
  CompiledCandidate compile(const CompileRequest& request) override;
  std::filesystem::path worker_executable() const override;

  // The compiler command (KBENCH_CXX overrides "g++") and flags.
  static std::string compiler();
  static std::vector<std::string> flags();
};

}  // namespace kbench
