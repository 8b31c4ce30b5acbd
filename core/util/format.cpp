// format_duration_ns: ns / us (µs) / ms / s with each style's precision.
#include "core/util/format.hpp"

#include <fmt/format.h>

#include <cmath>

namespace kbench {

std::string format_duration_ns(double ns, DurationStyle style) {
  switch (style) {
    case DurationStyle::terminal:  // NaN falls through to "ns", as it always has
      if (ns >= 1e9) return fmt::format("{:.3f} s", ns / 1e9);
      if (ns >= 1e6) return fmt::format("{:.3f} ms", ns / 1e6);
      if (ns >= 1e3) return fmt::format("{:.2f} us", ns / 1e3);
      return fmt::format("{:.0f} ns", ns);
    case DurationStyle::prompt:  // NaN falls through to "s", as it always has
      if (ns < 1e3) return fmt::format("{:.0f} ns", ns);
      if (ns < 1e6) return fmt::format("{:.3g} µs", ns / 1e3);
      if (ns < 1e9) return fmt::format("{:.3g} ms", ns / 1e6);
      return fmt::format("{:.3g} s", ns / 1e9);
    case DurationStyle::compare:
      if (!std::isfinite(ns)) return "-";
      if (ns < 1e3) return fmt::format("{:.0f} ns", ns);
      if (ns < 1e6) return fmt::format("{:.2f} us", ns / 1e3);
      if (ns < 1e9) return fmt::format("{:.2f} ms", ns / 1e6);
      return fmt::format("{:.2f} s", ns / 1e9);
  }
  return fmt::format("{:.0f} ns", ns);
}

}  // namespace kbench
