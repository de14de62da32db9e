// libFuzzer target: period ids, ISO periods and every publisher period
// format (core/period.h, ingest/period_formats.h). Whatever parses must
// round-trip through its id, and its label and sort key must be computable.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/period.h"
#include "ingest/period_formats.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto check = [](const lgb::Result<lgb::Period>& p) {
    if (!p) return;
    auto again = lgb::parse_period_id(p->id());
    if (!again || again->id() != p->id() || again->sort_key() != p->sort_key()) __builtin_trap();
    (void)p->label();
    (void)p->start_date();
  };
  check(lgb::parse_period_id(text));
  check(lgb::parse_iso_period(text));
  check(lgb::parse_year_period(text));
  for (const auto& name : lgb::period_format_names())
    check(lgb::parse_published_period(text, *lgb::parse_period_format(name)));
  return 0;
}
