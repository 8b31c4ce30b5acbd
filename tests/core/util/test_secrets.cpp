// core/util/secrets: redact_secrets cuts the values of secret-looking environment variables (KEY, TOKEN,
// SECRET, PASSWORD, CREDENTIAL in the name, any case; 8 bytes or more) out of text.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "core/util/secrets.hpp"
#include "tests/test_support.hpp"

using namespace kbench;
using kbench::test::ScopedEnv;

TEST(RedactSecrets, CutsEveryOccurrenceOfAnApiKey) {
  ScopedEnv key("KBENCH_TEST_API_KEY", "sk-test-1234567890");
  EXPECT_EQ(redact_secrets("key=sk-test-1234567890, again: sk-test-1234567890sk-test-1234567890."),
            "key=[redacted], again: [redacted][redacted].");
  EXPECT_EQ(redact_secrets("nothing secret here"), "nothing secret here");
}

TEST(RedactSecrets, EveryNameWordCountsInAnyCase) {
  ScopedEnv token("kbench_test_token", "tok-abcdefgh");
  ScopedEnv secret("KBENCH_TEST_Secret_X", "sec-abcdefgh");
  ScopedEnv password("MY_PASSWORD_KBENCH_TEST", "pw-abcdefgh");
  ScopedEnv credential("KBENCH_TEST_CREDENTIALS", "cred-abcdefgh");
  EXPECT_EQ(redact_secrets("tok-abcdefgh sec-abcdefgh pw-abcdefgh cred-abcdefgh"),
            "[redacted] [redacted] [redacted] [redacted]");
}

TEST(RedactSecrets, ShortValuesAndOtherVariablesAreUntouched) {
  ScopedEnv short_key("KBENCH_TEST_SHORT_KEY", "abc1234");  // 7 bytes: too common to cut
  ScopedEnv plain("KBENCH_TEST_PLAIN", "plain-value-12345");
  EXPECT_EQ(redact_secrets("abc1234 plain-value-12345"), "abc1234 plain-value-12345");
}

TEST(RedactSecrets, ALongerSecretIsCutWholeAndTheEnvironmentIsReadAtEachCall) {
  std::optional<ScopedEnv> shorter;
  shorter.emplace("KBENCH_TEST_KEY_A", "abcdefgh");
  ScopedEnv longer("KBENCH_TEST_KEY_B", "abcdefghijkl");
  EXPECT_EQ(redact_secrets("abcdefghijkl abcdefgh"), "[redacted] [redacted]");
  shorter.reset();
  EXPECT_EQ(redact_secrets("abcdefgh"), "abcdefgh") << "an unset variable is still redacted";
}
