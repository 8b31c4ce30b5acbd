// GpuBackend (host side): the flow the CUDA and HIP backends share. It probes the device once, sets the
// vendor's toolchain up once (safe to call from several threads at once), writes the candidate and its
// entry shim, runs the vendor's compile steps under the request's time limit, goes through the shared
// compile cache, and checks the task's library policy on the artifact. A vendor supplies small hooks: its
// names, device probe, shim headers, forbidden library symbols and toolchain (identity, compile commands).
#pragma once
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "backends/backend.hpp"

namespace kbench {

// One command of a vendor's build, run in the scratch folder; `what` names it in the log on failure
// ("kbench: <what> failed (exit 1)").
struct CompileStep {
  std::vector<std::string> command;
  std::string what;
};

// What a vendor's toolchain setup gives the shared flow.
struct GpuToolchain {
  std::string identity;   // compiler, versions and flags: the result's `compiler`, and part of the cache key
  std::string key_extra;  // more cache key material (e.g. a hash of headers the compiler is given)
  // The commands that turn `shim` (which includes the candidate) into `artifact` inside `dir`, in order.
  std::function<std::vector<CompileStep>(const std::filesystem::path& dir, const std::filesystem::path& shim,
                                         const std::filesystem::path& artifact)>
      steps;
  std::vector<std::string> temporaries;  // files the steps leave in `dir`, removed after a successful build
  // What the steps read outside the system folders (the toolkit, kbench's headers): bound read-only in
  // the compiler's sandbox.
  std::vector<std::filesystem::path> read_only;
};

class GpuBackend : public Backend {
 public:
  std::optional<DeviceInfo> probe_device() final;
  CompiledCandidate compile(const CompileRequest& request) final;
  std::filesystem::path worker_executable() const override;  // kbench-worker-<name> beside kbench
  std::string bench_check() const override { return "reference"; }

 protected:
  // The vendor's device, or nullopt with the reason; called once. Never throws.
  virtual std::optional<DeviceInfo> probe_vendor_device(std::string* why_absent) = 0;
  // Finds the vendor's toolchain and its flags for `device` (nullopt: the build-time default targets);
  // called once per backend until it succeeds. Throws std::runtime_error naming what is missing.
  virtual GpuToolchain setup_toolchain(const std::optional<DeviceInfo>& device) = 0;
  // Headers the entry shim includes before the candidate (core/spec/entry_shim's shim_prelude).
  virtual std::string shim_headers(const TaskSpec& task) const = 0;
  // Symbols a candidate may not import when its task forbids vendor libraries.
  virtual std::vector<std::string> vendor_library_symbols() const = 0;

 private:
  const GpuToolchain& toolchain();
  void build(const GpuToolchain& toolchain, const std::filesystem::path& dir, const CompileRequest& req,
             CompiledCandidate& out) const;

  std::once_flag probe_once_, toolchain_once_;
  std::optional<DeviceInfo> device_;
  std::string why_absent_;
  GpuToolchain toolchain_;
};

}  // namespace kbench
