// Toolchain discovery and offload-target selection for the HIP backend.
#include "backends/hip/toolchain.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "core/util/hash.hpp"
#include "core/util/paths.hpp"
#include "core/util/process.hpp"

#ifndef KBENCH_HIP_HIPCC
#define KBENCH_HIP_HIPCC ""
#endif
#ifndef KBENCH_HIP_DEFAULT_ARCHS
#define KBENCH_HIP_DEFAULT_ARCHS "gfx90a,gfx940"
#endif

namespace kbench::hip {
namespace fs = std::filesystem;
namespace {

fs::path find_on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (!path) return {};
  std::stringstream list(path);
  for (std::string dir; std::getline(list, dir, ':');) {
    const fs::path candidate = fs::path(dir) / program;
    std::error_code ec;
    if (!dir.empty() && fs::is_regular_file(candidate, ec)) return candidate;
  }
  return {};
}

std::string first_match(const std::string& text, const std::regex& re) {
  std::smatch m;
  return std::regex_search(text, m, re) ? m[1].str() : std::string("unknown");
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

Toolchain find_toolchain() {
  Toolchain tc;
  if (const char* env = std::getenv("KBENCH_HIPCC"); env && *env) tc.hipcc = env;
  else if (fs::exists(KBENCH_HIP_HIPCC)) tc.hipcc = KBENCH_HIP_HIPCC;
  else tc.hipcc = find_on_path("hipcc");
  if (tc.hipcc.empty() || !fs::exists(tc.hipcc))
    throw std::runtime_error("hipcc not found (set KBENCH_HIPCC, or install the Debian package hipcc)");

  // hipcc --version without an offload target asks rocm_agent_enumerator for the GPUs, which fails on
  // machines without one; naming a target keeps it to the version text.
  const auto out = run_process({tc.hipcc.string(), "--offload-arch=gfx90a", "--version"}, 60);
  if (out.timed_out || out.exit_code != 0) throw std::runtime_error("hipcc --version failed: " + out.output);
  tc.hip_version = first_match(out.output, std::regex(R"(HIP version: (\S+))"));
  tc.clang_version = first_match(out.output, std::regex(R"(clang version (\d+(\.\d+)*))"));

  tc.compat_dir = kbench_root() / "backends" / "hip" / "cuda_compat";
  std::string headers;
  for (const fs::path& h : {tc.compat_dir / "cuda_runtime.h", tc.compat_dir / "cuda_fp16.h",
                            tc.compat_dir / "cuda_bf16.h", tc.compat_dir / "kbench_cuda_device_compat.h",
                            kbench_root() / "backends" / "gpu" / "vendor.hpp"})
    headers += read_file(h) + '\0';
  tc.compat_hash = sha256_hex(headers).substr(0, 16);
  return tc;
}

std::string normalize_target(const std::string& target) {
  static const std::regex re(R"(^gfx[0-9]{2,3}[0-9a-f]?(:(sramecc|xnack)[+-])*$)");
  if (!std::regex_match(target, re))
    throw std::invalid_argument("bad AMD offload target '" + target + "' (expected e.g. gfx90a, gfx940 or gfx90a:xnack-)");
  return target;
}

std::vector<std::string> parse_targets(const std::string& list) {
  std::vector<std::string> out;
  std::string item;
  auto flush = [&] {
    const auto b = item.find_first_not_of(" \t"), e = item.find_last_not_of(" \t");
    if (b != std::string::npos) {
      const std::string t = normalize_target(item.substr(b, e - b + 1));
      if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
    }
    item.clear();
  };
  for (char c : list) {
    if (c == ',' || c == ';') flush();
    else item += c;
  }
  flush();
  if (out.empty()) throw std::invalid_argument("no AMD offload target in '" + list + "'");
  return out;
}

std::vector<std::string> choose_targets(const std::string& device_arch) {
  if (const char* env = std::getenv("KBENCH_HIP_ARCH"); env && *env) return parse_targets(env);
  if (!device_arch.empty()) return {normalize_target(device_arch.substr(0, device_arch.find(':')))};
  return parse_targets(KBENCH_HIP_DEFAULT_ARCHS);
}

std::vector<std::string> hipcc_flags(const std::vector<std::string>& targets, const fs::path& compat_dir) {
  std::vector<std::string> flags = {"-std=c++17", "-O3", "-fPIC", "-DKBENCH_GPU_HIP=1", "-I" + compat_dir.string()};
  for (const auto& t : targets) flags.push_back("--offload-arch=" + t);
  return flags;
}

}  // namespace kbench::hip
