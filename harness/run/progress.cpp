// Progress printer: "\r" + erase-line redraws on a TTY, one line per finished turn otherwise.
#include "harness/run/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

namespace kbench::llm {

Progress::Progress(std::FILE* out, int total_turns, std::optional<bool> live)
    : out_(out), live_(live.value_or(isatty(fileno(out)) != 0)), total_(total_turns) {}

void Progress::turn_started(const std::string&, int, int) {
  std::lock_guard lock(mutex_);
  ++in_flight_;
  if (live_) redraw();
}

void Progress::turn_finished(const std::string& task, int sample, int turn, const std::string& status,
                             std::optional<double> speedup, double seconds) {
  std::lock_guard lock(mutex_);
  --in_flight_;
  ++done_;
  if (status == "correct") ++correct_;
  last_ = fmt::format("{} s{} t{}: {}{} ({:.1f} s)", task, sample, turn, status,
                      speedup ? fmt::format(" {:.2f}x", *speedup) : "", seconds);
  if (live_)
    redraw();
  else
    fmt::print(out_, "[{}/{}] {}\n", done_, total_, last_);
  std::fflush(out_);
}

void Progress::turn_not_done(const std::string& task, int sample, int turn, const std::string& why, double seconds) {
  std::lock_guard lock(mutex_);
  --in_flight_;
  ++not_done_;
  last_ = fmt::format("{} s{} t{}: {} ({:.1f} s)", task, sample, turn, why, seconds);
  if (live_) fmt::print(out_, "\r\x1b[2K");
  fmt::print(out_, "[{}/{}] {}\n", done_, total_, last_);  // stays on screen: the turn is still to do
  if (live_) redraw();
  std::fflush(out_);
}

void Progress::note(const std::string& line) {
  std::lock_guard lock(mutex_);
  if (live_) fmt::print(out_, "\r\x1b[2K");
  fmt::print(out_, "{}\n", line);
  if (live_) redraw();
  std::fflush(out_);
}

void Progress::already_done(int turns) {
  std::lock_guard lock(mutex_);
  done_ += turns;
}

void Progress::finish() {
  std::lock_guard lock(mutex_);
  if (live_) fmt::print(out_, "\r\x1b[2K");
  fmt::print(out_, "{}/{} turns done, {} correct{}\n", done_, total_, correct_,
             not_done_ ? fmt::format(", {} ended without a verdict (to do again on --resume)", not_done_) : "");
  std::fflush(out_);
}

void Progress::redraw() {
  fmt::print(out_, "\r\x1b[2K[{}/{} turns, {} running, {} correct] {}", done_, total_, in_flight_, correct_, last_);
  std::fflush(out_);
}

}  // namespace kbench::llm
