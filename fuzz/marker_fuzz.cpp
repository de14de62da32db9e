// libFuzzer target: status markers and published values, as the tidy
// format reads them (core/value.h: make_value, parse_marker, parse_number)
// and as a recipe reads a cell (ingest/published_value.h) with and without
// its thousands separator, percent sign, currency prefix, footnote marks and
// marker texts. The input is "text\nstatus\nnote"; the recipe reads it whole.
// Invariants: the published text is kept byte for byte, a number is finite,
// and a marker that withholds the value never comes with a number.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/value.h"
#include "ingest/published_value.h"

namespace {

const lgb::Recipe& plain_recipe() {
  static const lgb::Recipe r;
  return r;
}

const lgb::Recipe& publisher_recipe() {
  static const lgb::Recipe r = [] {
    lgb::Recipe r;
    r.markers = {{"-", lgb::Marker::kNotApplicable}, {"", lgb::Marker::kSuppressed},
                 {"n/a", lgb::Marker::kNotAvailable}};
    r.blank_is_marker = true;
    r.thousands_separator = ",";
    r.percent_sign = true;
    r.footnote_marks = {"*", "\u2020"};
    r.strip_prefixes = {"\u00a3", "$"};
    return r;
  }();
  return r;
}

void check(const lgb::Value& v, std::string_view text) {
  if (v.text != text) __builtin_trap();
  if (v.has_number() && !std::isfinite(*v.number)) __builtin_trap();
  if (v.has_number() && lgb::marker_withholds_value(v.marker)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  size_t a = in.find('\n');
  std::string_view text = in.substr(0, a);
  std::string_view rest = a == std::string_view::npos ? std::string_view() : in.substr(a + 1);
  size_t b = rest.find('\n');
  std::string_view status = rest.substr(0, b);
  std::string_view note = b == std::string_view::npos ? std::string_view() : rest.substr(b + 1);

  (void)lgb::parse_marker(text);
  if (auto n = lgb::parse_number(text); n && !std::isfinite(*n)) __builtin_trap();
  if (auto v = lgb::make_value(text, status, note)) check(*v, text);

  const std::string whole(in);
  for (const lgb::Recipe* r : {&plain_recipe(), &publisher_recipe()}) {
    lgb::Value v;
    std::string why;
    switch (lgb::read_published_value(*r, whole, v, why)) {
      case lgb::CellKind::kValue:
        check(v, whole);
        break;
      case lgb::CellKind::kBlank:
        if (r->blank_is_marker) __builtin_trap();
        break;
      case lgb::CellKind::kError:
        if (why.empty()) __builtin_trap();
        break;
    }
  }
  return 0;
}
