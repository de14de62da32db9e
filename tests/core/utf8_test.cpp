#include "core/utf8.h"

#include <gtest/gtest.h>

namespace lgb {
namespace {

TEST(Utf8, FindInvalid) {
  EXPECT_EQ(find_invalid_utf8("plain ascii text"), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("é"), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("abc\x80"), 3u);           // stray continuation
  EXPECT_EQ(find_invalid_utf8("\xC0\xAF"), 0u);          // overlong
  EXPECT_EQ(find_invalid_utf8("\xED\xA0\x80"), 0u);      // surrogate
  EXPECT_EQ(find_invalid_utf8("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_EQ(find_invalid_utf8("12345678\xE2\x82"), 8u);  // truncated
}

TEST(Utf8, ReplaceInvalidKeepsValidTextAndReplacesEachBadByte) {
  EXPECT_EQ(replace_invalid_utf8("Ynys Môn – £3"), "Ynys Môn – £3");
  EXPECT_EQ(replace_invalid_utf8("/metrics/\xff"), "/metrics/\xEF\xBF\xBD");
  EXPECT_EQ(replace_invalid_utf8("a\xC0\xAF" "b"), "a\xEF\xBF\xBD\xEF\xBF\xBD" "b");
  EXPECT_EQ(replace_invalid_utf8("caf\xE9 \xE2\x82"), "caf\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(find_invalid_utf8(replace_invalid_utf8("\x80\xfe\xff\xED\xA0\x80")),
            std::string_view::npos);
}

}  // namespace
}  // namespace lgb
