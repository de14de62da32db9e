#include "web/html.h"

#include <gtest/gtest.h>

namespace lgb::web {
namespace {

TEST(Html, EscapesEveryArgumentButFragments) {
  Html inner;
  inner("<b>{}</b>", "x");
  Html h;
  h("<p title=\"{}\">{} {} {}</p>", "a\"b", "<script>alert('x')</script>", inner, 42);
  EXPECT_EQ(h.str(),
            "<p title=\"a&quot;b\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; <b>x</b> 42</p>");
}

TEST(Html, HolesMustMatchArguments) {
  Html h;
  EXPECT_THROW(h("{} {}", "one"), std::logic_error);
  EXPECT_THROW(h("{}", "one", "two"), std::logic_error);
}

TEST(Html, JsonInAScriptCannotCloseIt) {
  Html h = json_script("d", R"({"name":"</script><script>alert(1)</script>&"})");
  EXPECT_EQ(h.str().find("</script><script>"), std::string::npos);
  EXPECT_NE(h.str().find("\\u003c/script\\u003e"), std::string::npos);
}

TEST(Html, UrlEncodesQueryValues) {
  EXPECT_EQ(url_encode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
  EXPECT_EQ(url_encode("type:london-borough"), "type%3Alondon-borough");
}

}  // namespace
}  // namespace lgb::web
