// compile_process_options: the scratch folder bound writable, the toolchain read-only, compiler limits.
#include "backends/compile_sandbox.hpp"

#include "core/sandbox/resource_limits.hpp"

namespace kbench {

ProcessOptions compile_process_options(const CompileRequest& req, const std::filesystem::path& scratch,
                                       std::vector<std::filesystem::path> read_only) {
  ProcessOptions o;
  o.cwd = scratch;
  o.limits = compiler_limits();
  if (req.sandboxed) {
    SandboxSpec spec;
    spec.read_write = {scratch};
    spec.read_only = std::move(read_only);
    spec.cwd = scratch;
    o.sandbox = spec;
  }
  return o;
}

}  // namespace kbench
