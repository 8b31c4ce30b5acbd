// Catalog: loads every task spec below tasks/ and finds tasks by id or glob.
#include "core/spec/catalog.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fnmatch.h>
#include <map>
#include <sstream>

namespace kbench {

bool glob_match(const std::string& pattern, const std::string& text) {
  return fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
}

Catalog Catalog::load(const std::filesystem::path& root) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(root)) throw SpecError("task folder not found: " + root.string());
  Catalog c;
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::map<std::string, fs::path> seen;
  for (const auto& f : files) {
    TaskSpec t = load_task_spec(f);
    const std::string expected = fs::relative(f, root).replace_extension().generic_string();
    if (t.id != expected)
      throw SpecError(fmt::format("{}: field 'id': '{}' does not match the file's place (expected '{}')", f.string(), t.id, expected));
    if (auto [it, ok] = seen.emplace(t.id, f); !ok)
      throw SpecError(fmt::format("{}: field 'id': '{}' already defined in {}", f.string(), t.id, it->second.string()));
    c.tasks_.push_back(std::move(t));
  }
  return c;
}

const TaskSpec* Catalog::find(const std::string& id) const {
  for (const auto& t : tasks_)
    if (t.id == id) return &t;
  return nullptr;
}

const TaskSpec& Catalog::get(const std::string& id) const {
  if (const TaskSpec* t = find(id)) return *t;
  std::string close;
  const std::string tail = id.substr(id.find('/') == std::string::npos ? 0 : id.find('/') + 1);
  for (const auto& t : tasks_)
    if (t.id.find(tail) != std::string::npos) close += (close.empty() ? "" : ", ") + t.id;
  throw std::out_of_range("unknown task '" + id + "'" + (close.empty() ? " (see `kbench list`)" : "; did you mean: " + close));
}

std::vector<const TaskSpec*> Catalog::match(const std::string& globs) const {
  std::vector<std::string> patterns;
  std::stringstream ss(globs);
  for (std::string p; std::getline(ss, p, ',');)
    if (!p.empty()) patterns.push_back(p);
  std::vector<const TaskSpec*> out;
  for (const auto& t : tasks_)
    for (const auto& p : patterns)
      if (glob_match(p, t.id)) {
        out.push_back(&t);
        break;
      }
  return out;
}

std::vector<const TaskSpec*> Catalog::select(const std::string& globs, const std::string& option) const {
  std::vector<std::string> unmatched;
  std::stringstream ss(globs);
  for (std::string p; std::getline(ss, p, ',');) {
    if (p.empty()) continue;
    if (std::none_of(tasks_.begin(), tasks_.end(), [&](const TaskSpec& t) { return glob_match(p, t.id); })) unmatched.push_back(p);
  }
  if (!unmatched.empty()) {
    std::string names;
    for (const auto& u : unmatched) names += (names.empty() ? "'" : ", '") + u + "'";
    throw std::invalid_argument(fmt::format("{} '{}': {} matched no task of the catalog (`kbench list` shows them)", option, globs, names));
  }
  auto out = match(globs);
  if (out.empty()) throw std::invalid_argument(fmt::format("{} '{}' selects no task", option, globs));
  return out;
}

std::vector<std::string> Catalog::categories() const {
  std::vector<std::string> out;
  for (const auto& t : tasks_)
    if (std::find(out.begin(), out.end(), t.category) == out.end()) out.push_back(t.category);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace kbench
