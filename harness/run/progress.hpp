// Progress of `kbench run`: one live status line on a terminal, plain lines otherwise (logs, CI).
#pragma once
#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace kbench::llm {

class Progress {
 public:
  // `out` is usually stderr; `live` is decided by isatty(out) when not given.
  Progress(std::FILE* out, int total_turns, std::optional<bool> live = std::nullopt);
  // Thread-safe.
  void turn_started(const std::string& task, int sample, int turn);
  void turn_finished(const std::string& task, int sample, int turn, const std::string& status,
                     std::optional<double> speedup, double seconds);
  // A turn that ended without a verdict (an LLM failure, or abandoned by Ctrl-C): not counted as done,
  // since --resume does it again.
  void turn_not_done(const std::string& task, int sample, int turn, const std::string& why, double seconds);
  void note(const std::string& line);  // a message that stays on screen
  void already_done(int turns);        // resumed work counted as done
  void finish();
  bool live() const { return live_; }

 private:
  void redraw();

  std::FILE* out_;
  bool live_;
  std::mutex mutex_;
  int total_, done_ = 0, correct_ = 0, in_flight_ = 0, not_done_ = 0;
  std::string last_;
};

}  // namespace kbench::llm
