// PromptBuilder: renders the conversation's text from the templates in prompts/: the system prompt
// for a backend, the task prompt (description, exact solve signature, reference, shapes, constraints,
// a one-shot example from the same category) and the feedback for each verdict.
#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include "harness/run/prompt_templates.hpp"
#include "core/spec/catalog.hpp"
#include "core/verdict/verdict.hpp"

namespace kbench::llm {

struct BackendPromptInfo {
  std::string name;         // "cpu"
  std::string language;     // "C++"
  std::string fence;        // "cpp": the code block tag asked for
  std::string stream_type;  // "" or "cudaStream_t"
  std::string extension;    // ".cpp"
  std::string device;       // "AMD EPYC ..." or "the target device"
};

// Language and fence tag for a backend name; `device` empty means unknown.
BackendPromptInfo backend_prompt_info(const std::string& backend, const std::string& stream_type,
                                      const std::string& extension, const std::string& device);

// reference_kernels/examples/<backend>/<category><ext>, whose first line is "// example for <task id>".
struct OneShotExample {
  std::string task_id;
  std::string source;  // without the first line
  std::filesystem::path file;
};
// nullopt when the file is absent; throws TemplateError naming the file when its first line is wrong.
std::optional<OneShotExample> load_one_shot(const std::filesystem::path& examples_root, const BackendPromptInfo& backend,
                                            const std::string& category);

// The compiler's own error lines (each "error" line and the two after it), else the log's tail.
std::string compiler_error_lines(const std::string& log, std::size_t max_lines = 60);
class PromptBuilder {
 public:
  // `examples_root` is reference_kernels/examples.
  PromptBuilder(const PromptTemplates& templates, const Catalog& catalog, BackendPromptInfo backend,
                std::filesystem::path examples_root);

  std::string system_prompt() const;
  std::string task_prompt(const TaskSpec& task, const std::string& reference_source) const;
  std::string feedback(const TaskSpec& task, const Verdict& verdict) const;
  const BackendPromptInfo& backend() const { return backend_; }

 private:
  std::string one_shot(const TaskSpec& task) const;
  std::string tolerance_text(const TaskSpec& task, const std::string& output) const;

  const PromptTemplates& templates_;
  const Catalog& catalog_;
  BackendPromptInfo backend_;
  std::filesystem::path examples_root_;
};

}  // namespace kbench::llm
