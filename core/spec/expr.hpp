// Integer expressions over size symbols ("2*M*N*K", "(H+2*P-K)/S+1", "max(n,1)") used for shapes,
// derived sizes and FLOP/byte counts. '/' is floor division; functions: min, max, ceil_div.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace kbench {

using SizeEnv = std::map<std::string, std::int64_t>;

class Expr {
 public:
  Expr() = default;
  // Parses `text`; throws std::invalid_argument naming the text and the position of the problem.
  static Expr parse(const std::string& text);
  // Evaluates under `env`; throws std::invalid_argument for an unknown symbol or division by zero.
  std::int64_t eval(const SizeEnv& env) const;
  const std::string& text() const { return text_; }
  // Every symbol the expression mentions.
  std::vector<std::string> symbols() const;

 private:
  std::string text_;
};

}  // namespace kbench
