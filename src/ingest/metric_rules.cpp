#include "ingest/metric_rules.h"

namespace lgb {

std::string count_polarity_problem(const Metric& m, std::string_view polarity_text) {
  if (m.measure != MeasureKind::kCount || m.polarity == Polarity::kNeither) return "";
  return "a count has polarity neither, not '" + std::string(polarity_text) +
         "' (compare a rate or share of it instead)";
}

std::string unknown_measure_message(std::string_view text) {
  return "measure '" + std::string(text) +
         "' is not count, rate, share, ratio, money-per-head, index, average or other";
}

}  // namespace lgb
