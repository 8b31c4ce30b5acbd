// Prompt templates are text files under prompts/ with {{name}} placeholders. This loads them and fills
// them in; a placeholder without a value is an error naming the template, never silently left blank.
#pragma once
#include <filesystem>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>

namespace kbench::llm {

struct TemplateError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

using TemplateValues = std::map<std::string, std::string>;

// Replaces every {{name}} in `text` by values.at(name); throws TemplateError naming `template_name`
// and the placeholder when a value is missing or a "{{" is not closed.
std::string render_template(const std::string& text, const TemplateValues& values, const std::string& template_name);

class PromptTemplates {
 public:
  // `dir` is the prompts/ folder.
  explicit PromptTemplates(std::filesystem::path dir);
  // Text of dir/relative (cached after the first read; thread-safe); throws TemplateError naming the path when absent.
  const std::string& text(const std::string& relative) const;
  bool exists(const std::string& relative) const;
  std::string render(const std::string& relative, const TemplateValues& values) const;
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  mutable std::mutex mutex_;  // text() is called from several threads
  mutable std::map<std::string, std::string> cache_;
};

}  // namespace kbench::llm
