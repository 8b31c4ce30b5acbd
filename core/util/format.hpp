// format_duration_ns: the one formatter of a duration in nanoseconds for people ("812 ns", "3.41 us", "1.20 s").
#pragma once
#include <string>

namespace kbench {

// Each style is the exact text one kind of output has always printed (tests compare that text).
enum class DurationStyle {
  terminal,  // kbench eval / baseline: "789 ns", "45.60 us", "1.234 ms", "2.000 s"
  prompt,    // LLM feedback, three significant digits: "789 ns", "45.6 µs", "1.23 ms", "2 s"
  compare,   // compare tables and the dashboard: "789 ns", "45.60 us", "1.23 ms", "1.20 s"; "-" when not finite
};

std::string format_duration_ns(double ns, DurationStyle style = DurationStyle::terminal);

}  // namespace kbench
