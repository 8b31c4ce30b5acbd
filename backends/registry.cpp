// Backend registry: the backends built into this kbench, created by name.
#include <stdexcept>

#include "backends/backend.hpp"
#include "backends/cpu/cpu_backend.hpp"
#ifdef KBENCH_HAVE_CUDA
#include "backends/cuda/cuda_backend.hpp"
#endif
#ifdef KBENCH_HAVE_HIP
#include "backends/hip/hip_backend.hpp"
#endif

namespace kbench {

namespace {
struct Entry {
  const char* name;
  std::unique_ptr<Backend> (*make)();
};

// Backends add themselves here (guarded by their build option).
const std::vector<Entry>& entries() {
  static const std::vector<Entry> list = {
      {"cpu", [] { return std::unique_ptr<Backend>(new CpuBackend()); }},
#ifdef KBENCH_HAVE_CUDA
      {"cuda", [] { return make_cuda_backend(); }},
#endif
#ifdef KBENCH_HAVE_HIP
      {"hip", [] { return make_hip_backend(); }},
#endif
  };
  return list;
}
}  // namespace

std::vector<std::string> backend_names() {
  std::vector<std::string> out;
  for (const auto& e : entries()) out.push_back(e.name);
  return out;
}

std::unique_ptr<Backend> make_backend(const std::string& name) {
  std::string known;
  for (const auto& e : entries()) {
    if (name == e.name) return e.make();
    known += (known.empty() ? "" : ", ") + std::string(e.name);
  }
  throw std::invalid_argument("unknown backend '" + name + "' (built: " + known + ")");
}

}  // namespace kbench
