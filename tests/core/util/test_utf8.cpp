// core/util/utf8 and trim_log on bytes that are not UTF-8: valid text is untouched, anything else becomes
// U+FFFD, cuts never split a character, and whatever comes out can be dumped as JSON (which throws on
// invalid UTF-8: the crash issue 13 reports).
#include <gtest/gtest.h>

#include <random>

#include <nlohmann/json.hpp>

#include "core/util/utf8.hpp"
#include "core/verdict/verdict.hpp"

namespace kbench {
namespace {

const std::string kFffd = "\xEF\xBF\xBD";

bool dumps(const std::string& s) {
  try {
    (void)nlohmann::json(s).dump();
    return true;
  } catch (const nlohmann::json::exception&) {
    return false;
  }
}

TEST(Utf8, ValidTextIsUnchanged) {
  for (const std::string s : {"", "plain ascii\n", "gr\xC3\xBC\xC3\x9F" "e", "\xE2\x82\xAC 5", "\xF0\x9F\x98\x80",
                              "\xF4\x8F\xBF\xBF"})
    EXPECT_EQ(valid_utf8(s), s);
}

TEST(Utf8, EveryIllFormedSequenceBecomesAReplacementCharacter) {
  EXPECT_EQ(valid_utf8("a\xFF" "b"), "a" + kFffd + "b");
  EXPECT_EQ(valid_utf8("\xE2\x82"), kFffd) << "truncated at the end";
  EXPECT_EQ(valid_utf8("\xC0\xAF"), kFffd) << "overlong";
  EXPECT_EQ(valid_utf8("\xED\xA0\x80"), kFffd) << "surrogate";
  EXPECT_EQ(valid_utf8("\xF4\x90\x80\x80"), kFffd) << "above U+10FFFF";
  EXPECT_EQ(valid_utf8("caf\xE9.cpp"), "caf" + kFffd + ".cpp") << "Latin-1";
  EXPECT_EQ(valid_utf8("\x80\x80\x80x"), kFffd + "x");
  EXPECT_FALSE(dumps("a\xFF" "b"));
  EXPECT_TRUE(dumps(valid_utf8("a\xFF" "b")));
}

TEST(Utf8, BoundariesNeverSplitACharacter) {
  const std::string s = "a\xE2\x82\xAC" "b";  // a € b
  EXPECT_EQ(utf8_boundary(s, 0), 0u);
  EXPECT_EQ(utf8_boundary(s, 1), 1u);
  EXPECT_EQ(utf8_boundary(s, 2), 1u);
  EXPECT_EQ(utf8_boundary(s, 3), 1u);
  EXPECT_EQ(utf8_boundary(s, 4), 4u);
  EXPECT_EQ(utf8_boundary(s, 99), s.size());
}

TEST(Utf8, TrimmingALongLogKeepsItValidWhereverItCuts) {
  std::string log;
  for (int i = 0; i < 5000; ++i) log += "\xE2\x82\xAC";  // 15000 bytes of 3-byte characters
  for (std::size_t max : {7u, 100u, 101u, 8192u, 8193u}) {
    const std::string t = trim_log(log, max);
    EXPECT_EQ(valid_utf8(t), t) << max;
    EXPECT_NE(t.find("bytes cut"), std::string::npos);
  }
}

// Random bytes, 2000 strings of up to 64 bytes (a fixed seed: the same run every time).
TEST(Utf8, RandomBytesAlwaysComeOutValidAndStable) {
  std::mt19937 rng(20261202);
  for (int i = 0; i < 2000; ++i) {
    std::string bytes(rng() % 65, '\0');
    for (char& c : bytes) c = static_cast<char>(rng() % 256);
    const std::string once = valid_utf8(bytes);
    ASSERT_TRUE(dumps(once)) << i;
    ASSERT_EQ(valid_utf8(once), once) << i;
    ASSERT_TRUE(dumps(trim_log(bytes, 16))) << i;
  }
}

}  // namespace
}  // namespace kbench
