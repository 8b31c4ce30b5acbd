// Pulls the candidate kernel out of an LLM reply: among the fenced code blocks (```cuda, ```cpp,
// ```c++, ```hip, untagged...), the last one that defines `solve`. None → a `no_code` verdict.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace kbench::llm {

struct CodeBlock {
  std::string language;  // info string, lower case ("" when untagged)
  std::string code;
  bool closed = true;    // false when the reply ended inside the block (truncated output)
};

struct Extraction {
  std::optional<std::string> source;  // the chosen block
  std::string language;
  int blocks = 0;                     // fenced blocks seen
  std::string reason;                 // why nothing was chosen (for the no_code verdict and feedback)
};

// Every fenced block (``` or ~~~, three or more) in order.
std::vector<CodeBlock> fenced_blocks(const std::string& text);
// True when `code` contains a definition (not only a declaration) of a function named solve.
bool defines_solve(const std::string& code);
Extraction extract_solve_source(const std::string& reply);

}  // namespace kbench::llm
