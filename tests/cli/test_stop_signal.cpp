// Issue 15/16: one stop delivered twice is one stop; a second one later is the user meaning it
// (harness/cli/stop_signal.hpp, used by the SIGINT handler of `kbench run` and the SIGTERM one of serve).
#include "harness/cli/stop_signal.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace kbench::cli {
namespace {

TEST(StopSignal, TheFirstThenItsDuplicateThenALaterOne) {
  EXPECT_EQ(classify_stop_signal(), StopSignal::first);
  EXPECT_EQ(classify_stop_signal(), StopSignal::duplicate);  // microseconds later, as from GNU timeout
  std::this_thread::sleep_for(std::chrono::nanoseconds(kSameStopSignalNs) + std::chrono::milliseconds(100));
  EXPECT_EQ(classify_stop_signal(), StopSignal::again);
  EXPECT_EQ(classify_stop_signal(), StopSignal::again);  // measured from the first, not the last
}

}  // namespace
}  // namespace kbench::cli
