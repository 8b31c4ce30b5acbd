// Loading and lookup of a recorded session for ReplayModel.
#include "harness/llm/replay_model.hpp"

#include <fmt/format.h>

#include <fstream>

namespace kbench::llm {

ReplayModel::ReplayModel(const std::filesystem::path& session_file) : file_(session_file) {
  std::ifstream in(session_file);
  if (!in) throw LlmError(LlmError::Kind::config, fmt::format("cannot read replay session {}", session_file.string()));
  try {
    auto j = nlohmann::json::parse(in);
    note_ = j.at("note").get<std::string>();
    for (const auto& [task, turns] : j.at("replies").items())
      replies_[task] = turns.get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception& e) {
    throw LlmError(LlmError::Kind::config,
                   fmt::format("replay session {} is malformed: {}", session_file.string(), e.what()));
  }
}

Reply ReplayModel::complete(const CompletionRequest& request) {
  auto it = replies_.find(request.context.task_id);
  if (it == replies_.end())
    throw LlmError(LlmError::Kind::config, fmt::format("replay session {} has no replies for task {}",
                                                       file_.string(), request.context.task_id));
  if (request.context.turn < 0 || request.context.turn >= static_cast<int>(it->second.size()))
    throw LlmError(LlmError::Kind::config,
                   fmt::format("replay session {} has {} turn(s) for task {}, not turn {}", file_.string(),
                               it->second.size(), request.context.task_id, request.context.turn));
  Reply r;
  r.text = it->second[request.context.turn];
  r.model = "replay";
  r.finish_reason = "replay";
  return r;
}

std::string ReplayModel::describe() const { return "replay:" + file_.string() + " (scripted recording, no model)"; }

}  // namespace kbench::llm
