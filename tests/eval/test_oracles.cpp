// Spot checks of float64 oracles against values computed by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "reference_kernels/oracles/oracle.hpp"

using namespace kbench;

TEST(Oracles, MatmulSmallCase) {
  std::vector<double> A = {1, 2, 3, 4, 5, 6}, B = {7, 8, 9, 10, 11, 12}, C(4);
  OracleCall call;
  call.inputs = {{"A", &A}, {"B", &B}};
  call.outputs = {{"C", &C}};
  call.sizes = {{"M", 2}, {"N", 2}, {"K", 3}};
  find_oracle("matmul/matmul")(call);
  EXPECT_EQ(C, (std::vector<double>{58, 64, 139, 154}));
}

TEST(Oracles, SoftmaxIsStableForLargeInputs) {
  std::vector<double> x = {1000, 1001, 1002}, y(3);
  OracleCall call;
  call.inputs = {{"x", &x}};
  call.outputs = {{"y", &y}};
  call.sizes = {{"rows", 1}, {"cols", 3}};
  find_oracle("normalization/softmax")(call);
  const double z = 1 + std::exp(1.0) + std::exp(2.0);
  EXPECT_NEAR(y[0], 1 / z, 1e-15);
  EXPECT_NEAR(y[2], std::exp(2.0) / z, 1e-15);
}

TEST(Oracles, LayernormAndMse) {
  std::vector<double> x = {1, 2, 3, 4}, g = {1, 1, 1, 1}, b = {0, 0, 0, 1}, y(4);
  OracleCall call;
  call.inputs = {{"x", &x}, {"gamma", &g}, {"beta", &b}};
  call.outputs = {{"y", &y}};
  call.sizes = {{"rows", 1}, {"cols", 4}};
  call.scalars = {{"eps", 0.0}};
  find_oracle("normalization/layernorm")(call);
  EXPECT_NEAR(y[0], -1.5 / std::sqrt(1.25), 1e-12);
  EXPECT_NEAR(y[3], 1.5 / std::sqrt(1.25) + 1, 1e-12);

  std::vector<double> p = {1, 2, 3}, t = {1, 0, 0}, out(1);
  OracleCall mse;
  mse.inputs = {{"pred", &p}, {"target", &t}};
  mse.outputs = {{"out", &out}};
  mse.sizes = {{"n", 3}};
  find_oracle("loss/mse_loss")(mse);
  EXPECT_DOUBLE_EQ(out[0], 13.0 / 3.0);
}

TEST(Oracles, UnknownIdIsAnError) { EXPECT_THROW(find_oracle("nope/nothing"), std::out_of_range); }
