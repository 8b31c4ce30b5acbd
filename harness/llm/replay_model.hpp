// ReplayModel: a ChatModel that answers from a recorded session file instead of a hosted model, so
// `kbench run --model replay` works offline with no key. The file is a scripted recording (see
// prompts/replay/README.md): replies are looked up by task id and turn, the same for every sample.
//   {"note": "...", "backend": "cpu", "replies": {"elementwise/vector_add": ["turn 0 reply", ...]}}
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "harness/llm/chat.hpp"

namespace kbench::llm {

class ReplayModel : public ChatModel {
 public:
  // Throws LlmError(config) naming the file when it is unreadable or malformed.
  explicit ReplayModel(const std::filesystem::path& session_file);

  // Throws LlmError(config) when the recording has no reply for the task and turn.
  Reply complete(const CompletionRequest& request) override;
  std::string describe() const override;
  const std::string& note() const { return note_; }
  bool has_task(const std::string& task_id) const { return replies_.count(task_id) > 0; }

 private:
  std::filesystem::path file_;
  std::string note_;
  std::map<std::string, std::vector<std::string>> replies_;
};

}  // namespace kbench::llm
