// Loading and rendering of prompt template files.
#include "harness/run/prompt_templates.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace kbench::llm {

std::string render_template(const std::string& text, const TemplateValues& values, const std::string& template_name) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    auto open = text.find("{{", pos);
    if (open == std::string::npos) break;
    auto close = text.find("}}", open + 2);
    if (close == std::string::npos)
      throw TemplateError(fmt::format("template {}: '{{{{' at offset {} is never closed", template_name, open));
    std::string name = text.substr(open + 2, close - open - 2);
    auto it = values.find(name);
    if (it == values.end())
      throw TemplateError(fmt::format("template {}: no value for placeholder {{{{{}}}}}", template_name, name));
    out.append(text, pos, open - pos);
    out += it->second;
    pos = close + 2;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

PromptTemplates::PromptTemplates(std::filesystem::path dir) : dir_(std::move(dir)) {}

bool PromptTemplates::exists(const std::string& relative) const { return std::filesystem::exists(dir_ / relative); }

const std::string& PromptTemplates::text(const std::string& relative) const {
  std::lock_guard lock(mutex_);
  auto it = cache_.find(relative);
  if (it != cache_.end()) return it->second;
  std::ifstream in(dir_ / relative);
  if (!in) throw TemplateError(fmt::format("cannot read prompt template {}", (dir_ / relative).string()));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return cache_.emplace(relative, buffer.str()).first->second;
}

std::string PromptTemplates::render(const std::string& relative, const TemplateValues& values) const {
  return render_template(text(relative), values, (dir_ / relative).string());
}

}  // namespace kbench::llm
