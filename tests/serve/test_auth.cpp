// Loopback addresses, the token file's rules and the bearer comparison.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "harness/serve/auth.hpp"

#include "../test_support.hpp"

using namespace kbench;
using namespace kbench::serve;

TEST(Auth, LoopbackAddressesAreOnlyLoopback) {
  for (const char* h : {"127.0.0.1", "127.1.2.3", "::1", "localhost"}) EXPECT_TRUE(is_loopback_host(h)) << h;
  for (const char* h : {"0.0.0.0", "::", "10.0.0.1", "192.168.1.5", "128.0.0.1", "example.com", ""})
    EXPECT_FALSE(is_loopback_host(h)) << h;
}

TEST(Auth, TokenFileIsItsFirstLineTrimmedAndMustBePrivate) {
  test::TempDir tmp;
  const auto f = tmp.path / "token";
  std::ofstream(f) << "  s3cret-token \nsecond line\n";
  ::chmod(f.c_str(), 0644);
  EXPECT_THROW(read_token_file(f), std::runtime_error);
  ::chmod(f.c_str(), 0600);
  EXPECT_EQ(read_token_file(f), "s3cret-token");
  std::ofstream(f, std::ios::trunc) << "\n";
  EXPECT_THROW(read_token_file(f), std::runtime_error);
  EXPECT_THROW(read_token_file(tmp.path / "absent"), std::runtime_error);
}

TEST(Auth, BearerAllowsOnlyTheExactHeader) {
  BearerAuth auth("s3cret");
  EXPECT_TRUE(auth.allows("Bearer s3cret"));
  for (const char* h : {"", "Bearer", "Bearer ", "Bearer s3cre", "Bearer s3cret ", "bearer s3cret", "Basic s3cret", "s3cret"})
    EXPECT_FALSE(auth.allows(h)) << h;
  EXPECT_THROW(BearerAuth(""), std::invalid_argument);
}
