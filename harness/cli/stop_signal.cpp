// classify_stop_signal: see stop_signal.hpp.
#include "harness/cli/stop_signal.hpp"

#include <atomic>
#include <ctime>

namespace kbench::cli {
namespace {

std::atomic<long long> g_first_ns{0};

long long monotonic_ns() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);  // async-signal-safe
  return static_cast<long long>(ts.tv_sec) * 1'000'000'000LL + ts.tv_nsec;
}

}  // namespace

StopSignal classify_stop_signal() {
  const long long now = monotonic_ns();
  long long first = 0;
  if (g_first_ns.compare_exchange_strong(first, now)) return StopSignal::first;
  return now - first < kSameStopSignalNs ? StopSignal::duplicate : StopSignal::again;
}

}  // namespace kbench::cli
