// The task catalog: every spec under a tasks/ folder, loaded at start-up, looked up by id or glob.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "core/spec/task_spec.hpp"

namespace kbench {

class Catalog {
 public:
  // Loads every tasks/<category>/<name>.json below `root`; throws SpecError on the first bad file,
  // and when a spec's id does not match its path or two specs share an id.
  static Catalog load(const std::filesystem::path& root);

  const std::vector<TaskSpec>& tasks() const { return tasks_; }
  // Throws std::out_of_range with the id and close matches when absent.
  const TaskSpec& get(const std::string& id) const;
  const TaskSpec* find(const std::string& id) const;
  // Tasks whose id matches a shell-style glob ("matmul/*", "*softmax*"); several globs comma-separated.
  std::vector<const TaskSpec*> match(const std::string& globs) const;
  // match() for a selection the user typed: throws std::invalid_argument naming every id or glob that
  // matched nothing (an unknown id is never dropped silently), and when the whole selection is empty.
  std::vector<const TaskSpec*> select(const std::string& globs, const std::string& option = "--tasks") const;
  // The categories of the catalog, sorted.
  std::vector<std::string> categories() const;

 private:
  std::vector<TaskSpec> tasks_;
};

bool glob_match(const std::string& pattern, const std::string& text);

}  // namespace kbench
