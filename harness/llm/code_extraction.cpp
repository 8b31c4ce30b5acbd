// Fenced-block scanner and the choice of the block that defines solve().
#include "harness/llm/code_extraction.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

namespace kbench::llm {
namespace {

// Languages a kernel may be tagged with; anything else (python, bash, text...) is skipped.
const std::set<std::string>& code_languages() {
  static const std::set<std::string> k = {"", "c", "cpp", "c++", "cxx", "cc", "cuda", "cu", "hip", "h", "hpp"};
  return k;
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

}  // namespace

std::vector<CodeBlock> fenced_blocks(const std::string& text) {
  std::vector<CodeBlock> blocks;
  std::istringstream in(text);
  std::string line;
  std::optional<CodeBlock> open;
  std::string fence;  // the opening fence: a closing one must use the same character and be as long
  while (std::getline(in, line)) {
    std::string t = trim(line);
    if (!open) {
      if (t.rfind("```", 0) == 0 || t.rfind("~~~", 0) == 0) {
        std::size_t n = t.find_first_not_of(t[0]);
        fence = t.substr(0, n == std::string::npos ? t.size() : n);
        std::string info = trim(n == std::string::npos ? "" : t.substr(n));
        info = info.substr(0, info.find_first_of(" \t{"));
        std::transform(info.begin(), info.end(), info.begin(), [](unsigned char c) { return std::tolower(c); });
        open = CodeBlock{info, "", true};
      }
      continue;
    }
    if (t.size() >= fence.size() && t.find_first_not_of(fence[0]) == std::string::npos) {
      blocks.push_back(std::move(*open));
      open.reset();
      continue;
    }
    open->code += line;
    open->code += '\n';
  }
  if (open) {
    open->closed = false;
    blocks.push_back(std::move(*open));
  }
  return blocks;
}

bool defines_solve(const std::string& code) {
  // `solve` as a whole word, `(`, balanced parameters, `)`, optional qualifiers, then `{`
  // (a `;` instead means a declaration, as in a prototype or a call).
  auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (auto pos = code.find("solve"); pos != std::string::npos; pos = code.find("solve", pos + 1)) {
    if (pos > 0 && is_word(code[pos - 1])) continue;
    std::size_t i = pos + 5;
    while (i < code.size() && std::isspace(static_cast<unsigned char>(code[i]))) ++i;
    if (i >= code.size() || code[i] != '(') continue;
    int depth = 0;
    for (; i < code.size(); ++i) {
      if (code[i] == '(') ++depth;
      if (code[i] == ')' && --depth == 0) break;
      if (code[i] == ';' || code[i] == '{') break;
    }
    if (i >= code.size() || code[i] != ')') continue;
    ++i;
    while (i < code.size() && (std::isspace(static_cast<unsigned char>(code[i])) || is_word(code[i]))) ++i;
    if (i < code.size() && code[i] == '{') return true;
  }
  return false;
}

Extraction extract_solve_source(const std::string& reply) {
  Extraction out;
  auto blocks = fenced_blocks(reply);
  out.blocks = static_cast<int>(blocks.size());
  int code_blocks = 0;
  for (auto it = blocks.rbegin(); it != blocks.rend(); ++it) {
    if (!code_languages().count(it->language)) continue;
    ++code_blocks;
    if (defines_solve(it->code)) {
      out.source = it->code;
      out.language = it->language;
      return out;
    }
  }
  if (blocks.empty())
    out.reason = "the reply has no fenced code block (```cpp ... ```)";
  else if (code_blocks == 0)
    out.reason = fmt::format("the reply has {} fenced block(s), none tagged as C/C++/CUDA/HIP code", blocks.size());
  else
    out.reason = fmt::format("none of the reply's {} code block(s) defines solve(...)", code_blocks);
  return out;
}

}  // namespace kbench::llm
