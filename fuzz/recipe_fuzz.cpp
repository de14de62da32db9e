// libFuzzer target: the recipe parser (ingest/recipe.h) on any text. A
// recipe either parses or reports at least one problem, never both; one that
// parses describes at least one metric, each with a slug id, and names its
// area column.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/metric.h"
#include "ingest/recipe.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  lgb::IngestReport report;
  auto r = lgb::parse_recipe(text, "fuzz.toml", report);
  if (r.has_value() != report.ok()) __builtin_trap();
  if (r) {
    if (r->metrics.empty() || r->area.empty()) __builtin_trap();
    for (const auto& m : r->metrics)
      if (m.metric.id.empty() || lgb::slugify(m.metric.id) != m.metric.id) __builtin_trap();
  }
  return 0;
}
