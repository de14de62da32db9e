#include "core/value.h"

#include <gtest/gtest.h>

namespace lgb {
namespace {

TEST(Value, KeepsPublishedTextExactly) {
  auto v = make_value("12.50", "", "");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->text, "12.50");
  EXPECT_DOUBLE_EQ(*v->number, 12.5);
}

TEST(Value, EmptyTextNeedsMarker) {
  EXPECT_FALSE(make_value("", "", "").ok());
  auto v = make_value("", "x", "note");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->marker, Marker::kNotAvailable);
  EXPECT_EQ(v->marker_text, "x");
  EXPECT_FALSE(v->has_number());
  EXPECT_EQ(v->note, "note");
}

TEST(Value, MarkerAsText) {
  auto v = make_value("[c]", "", "");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->marker, Marker::kSuppressed);
  EXPECT_EQ(v->text, "[c]");
  EXPECT_FALSE(v->has_number());
}

TEST(Value, ProvisionalNumberKeepsNumber) {
  auto v = make_value("3.4", "p", "");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->marker, Marker::kProvisional);
  EXPECT_TRUE(v->has_number());
}

TEST(Value, RejectsGarbage) {
  for (const char* t : {"abc", "1,234", "1.2.3", "nan", "inf", " 1", "1 ", "0x10", "-", "."})
    EXPECT_FALSE(make_value(t, "", "").ok()) << t;
  EXPECT_FALSE(make_value("1", "bogus", "").ok());
  EXPECT_FALSE(make_value("5", "c", "").ok()) << "a suppressed value cannot carry a number";
}

TEST(Value, ParsesNumbers) {
  EXPECT_DOUBLE_EQ(*parse_number("-0.5"), -0.5);
  EXPECT_DOUBLE_EQ(*parse_number("+2"), 2);
  EXPECT_DOUBLE_EQ(*parse_number("1e3"), 1000);
  EXPECT_DOUBLE_EQ(*parse_number(".5"), 0.5);
  EXPECT_FALSE(parse_number("1e").has_value());
}

}  // namespace
}  // namespace lgb
