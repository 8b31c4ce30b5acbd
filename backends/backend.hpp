// Backend (host side): one per folder under backends/. Compiles candidates and says whether a device
// is present; the code that touches the device runs only in that backend's worker executable.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/candidate/candidate.hpp"
#include "core/device/device_info.hpp"
#include "core/spec/task_spec.hpp"

namespace kbench {

class Backend {
 public:
  virtual ~Backend() = default;
  // "cpu", "cuda", "hip"
  virtual std::string name() const = 0;
  // ".cpp", ".cu", ".hip"
  virtual std::string source_extension() const = 0;
  // Type of the stream parameter appended to solve(), or "" when the backend has none.
  virtual std::string stream_type() const = 0;
  // The device this machine has for the backend, or nullopt (then evaluation stops at `compiled`).
  virtual std::optional<DeviceInfo> probe_device() = 0;
  // Compiles a candidate (or a reference kernel) for `task` into a loadable artifact.
  virtual CompiledCandidate compile(const CompileRequest& request) = 0;
  // Path of the worker executable that loads artifacts of this backend.
  virtual std::filesystem::path worker_executable() const = 0;
  // How timed outputs at bench shapes are checked: "oracle" (float64 on the CPU) or
  // "reference" (against the backend's oracle-verified reference kernel, for shapes too big for the oracle).
  virtual std::string bench_check() const { return "oracle"; }
  // Whether timing runs on the host's own cores (CPU backend): then nothing else may compile while a
  // candidate is timed. GPU backends time on the device, so compiling ahead on the host is fine there.
  virtual bool times_on_host_cores() const { return false; }
  // Whether the parent times this backend's candidates in rounds on its own clock, with fresh inputs and
  // every call checked (harness/eval/timed_rounds.hpp); otherwise the worker samples on the device.
  virtual bool times_in_parent_rounds() const { return false; }
  // Outside the sandbox (--unsandboxed), whether the candidate's worker, when kbench runs as root,
  // becomes an unprivileged user before it runs candidate code (core/util/process_protection.hpp). On
  // for the CPU backend; GPU backends keep root there. In the sandbox every candidate is uid 65534.
  virtual bool unprivileged_candidates() const { return false; }
  // Device nodes a candidate's sandboxed worker needs (/dev/nvidia0, /dev/kfd, ...); present ones only.
  virtual std::vector<std::filesystem::path> sandbox_devices() const { return {}; }
  // The address-space limit of a candidate's worker, where one makes sense (not with GPU drivers, which
  // reserve far more virtual memory than they use).
  virtual std::optional<std::uint64_t> candidate_address_space_limit() const { return std::nullopt; }
};

// Names of every backend built into this kbench ("cpu", and "cuda"/"hip" when built).
std::vector<std::string> backend_names();
// Creates a backend by name; throws std::invalid_argument listing the known names.
std::unique_ptr<Backend> make_backend(const std::string& name);

}  // namespace kbench
