// Renders the solve() signature a candidate must define for a task on a backend.
#include "core/spec/signature.hpp"

namespace kbench {

std::string solve_parameters(const TaskSpec& spec, const std::string& backend, const std::string& stream_type) {
  std::string out;
  auto add = [&](const std::string& p) { out += (out.empty() ? "" : ", ") + p; };
  for (const auto& a : spec.arguments) {
    switch (a.role) {
      case ArgRole::input: add("const " + c_type(a.dtype, backend) + "* " + a.name); break;
      case ArgRole::output: add(c_type(a.dtype, backend) + "* " + a.name); break;
      case ArgRole::size: add("int64_t " + a.name); break;
      case ArgRole::scalar: add(c_type(a.dtype, backend) + " " + a.name); break;
    }
  }
  if (!stream_type.empty()) add(stream_type + " stream");
  return out;
}

std::string solve_signature(const TaskSpec& spec, const std::string& backend, const std::string& stream_type) {
  return "extern \"C\" void solve(" + solve_parameters(spec, backend, stream_type) + ")";
}

}  // namespace kbench
