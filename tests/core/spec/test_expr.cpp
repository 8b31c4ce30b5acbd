// Expression parser/evaluator: arithmetic, floor division, functions, errors with positions.
#include <gtest/gtest.h>

#include "core/spec/expr.hpp"

using kbench::Expr;

TEST(Expr, EvaluatesArithmeticWithPrecedence) {
  EXPECT_EQ(Expr::parse("2*M*N*K").eval({{"M", 3}, {"N", 5}, {"K", 7}}), 210);
  EXPECT_EQ(Expr::parse("4*(M*K + K*N + M*N)").eval({{"M", 1}, {"N", 2}, {"K", 3}}), 44);
  EXPECT_EQ(Expr::parse("(H+2*P-K)/S+1").eval({{"H", 32}, {"P", 1}, {"K", 3}, {"S", 2}}), 16);
  EXPECT_EQ(Expr::parse("-3 + 10").eval({}), 7);
}

TEST(Expr, DivisionFloorsAndFunctionsWork) {
  EXPECT_EQ(Expr::parse("7/2").eval({}), 3);
  EXPECT_EQ(Expr::parse("-7/2").eval({}), -4);
  EXPECT_EQ(Expr::parse("-7%2").eval({}), 1);
  EXPECT_EQ(Expr::parse("ceil_div(n, 4)").eval({{"n", 9}}), 3);
  EXPECT_EQ(Expr::parse("max(a, b) - min(a, b)").eval({{"a", 3}, {"b", 10}}), 7);
}

TEST(Expr, ListsSymbols) {
  EXPECT_EQ(Expr::parse("rows*cols + max(rows, 1)").symbols(), (std::vector<std::string>{"cols", "rows"}));
}

TEST(Expr, RejectsMalformedTextWithPosition) {
  try {
    Expr::parse("2*(n+1");
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("expected ')'"), std::string::npos) << e.what();
  }
  EXPECT_THROW(Expr::parse("n $ 2"), std::invalid_argument);
  EXPECT_THROW(Expr::parse(""), std::invalid_argument);
  EXPECT_THROW(Expr::parse("pow(n, 2)"), std::invalid_argument);
}

TEST(Expr, UnknownSymbolAndDivisionByZeroFailAtEvaluation) {
  EXPECT_THROW(Expr::parse("n*m").eval({{"n", 2}}), std::invalid_argument);
  EXPECT_THROW(Expr::parse("n/(m-m)").eval({{"n", 2}, {"m", 1}}), std::invalid_argument);
}
