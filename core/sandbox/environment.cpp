// minimal_environment: a fixed list built from kbench's own environment, nothing passed by default.
#include "core/sandbox/environment.hpp"

#include <cstdlib>

namespace kbench {

std::vector<std::string> minimal_environment() {
  std::vector<std::string> env;
  const char* path = std::getenv("PATH");
  env.push_back(std::string("PATH=") + (path && *path ? path : "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
  env.push_back("HOME=/tmp");
  env.push_back("TMPDIR=/tmp");
  env.push_back("LANG=C");
  for (const char* name : {"LD_LIBRARY_PATH", "CUDA_VISIBLE_DEVICES", "CUDA_DEVICE_ORDER", "HIP_VISIBLE_DEVICES",
                           "ROCR_VISIBLE_DEVICES", "OMP_NUM_THREADS", "OMP_PROC_BIND", "OMP_PLACES", "KBENCH_TRACE",
                           "KBENCH_ALLOW_PTRACE", "KBENCH_REQUIRE_ISOLATION"})
    if (const char* v = std::getenv(name)) env.push_back(std::string(name) + "=" + v);
  return env;
}

std::vector<char*> environment_pointers(std::vector<std::string>& entries) {
  std::vector<char*> out;
  for (auto& e : entries) out.push_back(e.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace kbench
