// Phase tracing (see trace.hpp).
#include "core/util/trace.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>

namespace kbench {

void trace(std::string_view what) {
  static const bool enabled = [] {
    const char* v = std::getenv("KBENCH_TRACE");
    return v && *v && std::string_view(v) != "0";
  }();
  if (!enabled) return;
  static const auto start = std::chrono::steady_clock::now();
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print(stderr, "[kbench trace +{:.3f} s] {}\n", s, what);
}

}  // namespace kbench
