// Toolchain discovery and architecture selection for the CUDA backend.
#include "backends/cuda/toolchain.hpp"

#include <cstdlib>
#include <regex>
#include <stdexcept>

#include "core/util/process.hpp"

#ifndef KBENCH_CUDA_NVCC
#define KBENCH_CUDA_NVCC ""
#endif
#ifndef KBENCH_CUDA_DEFAULT_ARCH
#define KBENCH_CUDA_DEFAULT_ARCH "sm_90"
#endif

namespace kbench::cuda {
namespace fs = std::filesystem;
namespace {

fs::path find_on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (!path) return {};
  std::string list = path;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t end = std::min(list.find(':', start), list.size());
    const fs::path candidate = fs::path(list.substr(start, end - start)) / program;
    std::error_code ec;
    if (!candidate.empty() && fs::is_regular_file(candidate, ec)) return candidate;
    start = end + 1;
  }
  return {};
}

std::string first_match(const std::string& text, const std::regex& re) {
  std::smatch m;
  return std::regex_search(text, m, re) ? m[1].str() : std::string("unknown");
}

// The toolkit nvcc belongs to. nvcc may be a wrapper script elsewhere (a /usr/local/bin/nvcc that is
// "exec /usr/local/cuda-13.0/bin/nvcc"), so nvcc's own TOP from a dry run is asked first; the
// directory above the resolved executable is the fallback.
fs::path toolkit_root(const fs::path& nvcc) {
  const auto dry = run_process({nvcc.string(), "--dryrun", "-x", "cu", "-c", "/dev/null", "-o", "/dev/null"}, 30);
  std::smatch m;
  static const std::regex top(R"(#\$ TOP=([^\r\n]+))");
  if (std::regex_search(dry.output, m, top)) {
    std::error_code ec;
    const fs::path root = fs::weakly_canonical(fs::path(m[1].str()), ec);
    if (!ec && fs::is_directory(root)) return root;
  }
  return fs::canonical(nvcc).parent_path().parent_path();
}

}  // namespace

Toolchain find_toolchain() {
  Toolchain tc;
  if (const char* env = std::getenv("KBENCH_NVCC"); env && *env) tc.nvcc = env;
  else if (fs::exists(KBENCH_CUDA_NVCC)) tc.nvcc = KBENCH_CUDA_NVCC;
  else tc.nvcc = find_on_path("nvcc");
  if (tc.nvcc.empty() || !fs::exists(tc.nvcc))
    throw std::runtime_error("nvcc not found (set KBENCH_NVCC, or put the CUDA toolkit's bin/ on PATH)");
  if (const char* env = std::getenv("KBENCH_CUDA_HOST_CXX"); env && *env) tc.host_cxx = env;

  const fs::path root = toolkit_root(tc.nvcc);
  tc.include_dir = root / "include";
  for (const char* lib : {"lib64", "lib", "targets/x86_64-linux/lib"})
    if (fs::exists(root / lib / "libcudart.so")) {
      tc.library_dir = root / lib;
      break;
    }
  if (tc.library_dir.empty())
    throw std::runtime_error("libcudart.so not found under " + root.string() + " (the toolkit of " + tc.nvcc.string() +
                             "); set KBENCH_NVCC to the toolkit's bin/nvcc");
  for (const char* name : {"cublas", "cublasLt"})
    if (fs::exists(tc.library_dir / ("lib" + std::string(name) + ".so"))) tc.link_libraries.push_back(name);

  const auto nvcc_out = run_process({tc.nvcc.string(), "--version"}, 30);
  tc.nvcc_version = first_match(nvcc_out.output, std::regex(R"(V(\d+\.\d+\.\d+))"));
  const auto cxx_out = run_process({tc.host_cxx, "-dumpfullversion"}, 30);
  if (cxx_out.exit_code != 0) throw std::runtime_error("host compiler " + tc.host_cxx + " does not run: " + cxx_out.output);
  tc.host_cxx_version = first_match(cxx_out.output, std::regex(R"((\d+(\.\d+)*))"));
  return tc;
}

std::string normalize_arch(const std::string& arch) {
  static const std::regex re(R"(^(?:sm_|compute_)?(\d{2,3})([af]?)$)");
  std::smatch m;
  if (!std::regex_match(arch, m, re))
    throw std::invalid_argument("bad CUDA architecture '" + arch + "' (expected e.g. sm_90, sm_90a or 90)");
  return "sm_" + m[1].str() + m[2].str();
}

std::string gencode_flag(const std::string& normalized_arch) {
  const std::string digits = normalized_arch.substr(3);
  return "-gencode=arch=compute_" + digits + ",code=sm_" + digits;
}

std::string choose_arch(const std::string& device_arch) {
  if (const char* env = std::getenv("KBENCH_CUDA_ARCH"); env && *env) return normalize_arch(env);
  if (!device_arch.empty()) return normalize_arch(device_arch);
  return normalize_arch(KBENCH_CUDA_DEFAULT_ARCH);
}

std::vector<std::string> nvcc_flags(const std::string& normalized_arch) {
  return {"-std=c++17", "-O3", "-lineinfo", gencode_flag(normalized_arch), "-Xcompiler=-fPIC"};
}

}  // namespace kbench::cuda
