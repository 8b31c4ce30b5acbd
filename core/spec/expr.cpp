// Integer expression parser/evaluator (recursive descent) for shapes and FLOP/byte counts.
#include "core/spec/expr.hpp"

#include <cctype>
#include <set>
#include <stdexcept>

namespace kbench {
namespace {

// Parses and (when env is non-null) evaluates; with env null, only checks syntax and collects symbols.
class Parser {
 public:
  Parser(const std::string& text, const SizeEnv* env, std::set<std::string>* symbols)
      : s_(text), env_(env), symbols_(symbols) {}

  std::int64_t run() {
    std::int64_t v = sum();
    skip();
    if (pos_ != s_.size()) fail("unexpected '" + std::string(1, s_[pos_]) + "'");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::invalid_argument("expression \"" + s_ + "\": " + what + " at position " + std::to_string(pos_));
  }
  void skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool eat(char c) {
    skip();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  static std::int64_t floordiv(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
  }
  std::int64_t checked_div(std::int64_t a, std::int64_t b, bool mod) {
    if (!env_) return 1;
    if (b == 0) fail("division by zero");
    return mod ? a - floordiv(a, b) * b : floordiv(a, b);
  }
  std::int64_t sum() {
    std::int64_t v = product();
    for (;;) {
      if (eat('+')) v += product();
      else if (eat('-')) v -= product();
      else return v;
    }
  }
  std::int64_t product() {
    std::int64_t v = unary();
    for (;;) {
      if (eat('*')) v *= unary();
      else if (eat('/')) v = checked_div(v, unary(), false);
      else if (eat('%')) v = checked_div(v, unary(), true);
      else return v;
    }
  }
  std::int64_t unary() {
    if (eat('-')) return -unary();
    if (eat('+')) return unary();
    return primary();
  }
  std::int64_t primary() {
    skip();
    if (pos_ >= s_.size()) fail("unexpected end");
    if (eat('(')) {
      std::int64_t v = sum();
      if (!eat(')')) fail("expected ')'");
      return v;
    }
    const char c = s_[pos_];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      std::int64_t v = 0;
      while (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) v = v * 10 + (s_[pos_++] - '0');
      return v;
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      const std::size_t start = pos_;
      while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_')) ++pos_;
      const std::string name = s_.substr(start, pos_ - start);
      if (eat('(')) return call(name);
      if (symbols_) symbols_->insert(name);
      if (!env_) return 1;
      auto it = env_->find(name);
      if (it == env_->end()) fail("unknown symbol '" + name + "'");
      return it->second;
    }
    fail("unexpected '" + std::string(1, c) + "'");
  }
  std::int64_t call(const std::string& fn) {
    std::int64_t a = sum();
    if (!eat(',')) fail("expected ',' in " + fn + "()");
    std::int64_t b = sum();
    if (!eat(')')) fail("expected ')' after " + fn + "()");
    if (fn == "min") return std::min(a, b);
    if (fn == "max") return std::max(a, b);
    if (fn == "ceil_div") return env_ ? -checked_div(-a, b, false) : 1;
    fail("unknown function '" + fn + "' (known: min, max, ceil_div)");
  }

  const std::string& s_;
  const SizeEnv* env_;
  std::set<std::string>* symbols_;
  std::size_t pos_ = 0;
};

}  // namespace

Expr Expr::parse(const std::string& text) {
  if (text.empty()) throw std::invalid_argument("empty expression");
  Parser(text, nullptr, nullptr).run();
  Expr e;
  e.text_ = text;
  return e;
}

std::int64_t Expr::eval(const SizeEnv& env) const {
  if (text_.empty()) throw std::invalid_argument("empty expression");
  return Parser(text_, &env, nullptr).run();
}

std::vector<std::string> Expr::symbols() const {
  std::set<std::string> out;
  if (!text_.empty()) Parser(text_, nullptr, &out).run();
  return {out.begin(), out.end()};
}

}  // namespace kbench
