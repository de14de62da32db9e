// Metric: what is measured, how to read it (polarity, unit, decimals) and who
// publishes it. Plain value type; no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lgb {

enum class Polarity { kHigherIsBetter, kLowerIsBetter, kNeither };
// What kind of figure a metric is (docs/methods.md, "Measure kinds"). A
// count grows with the size of the council (people, vehicles, km²), so it
// says little about performance and is left out of the default outlier
// scan; the others are comparable across council sizes.
enum class MeasureKind {
  kCount,         // a total: residents, licensed vehicles, area
  kRate,          // per N people or per unit: per 100,000 residents, tCO2e per head
  kShare,         // a percentage of a whole: % claiming, % recycled
  kRatio,         // one quantity over another: house price to earnings
  kMoneyPerHead,  // spending or income per resident
  kIndex,         // a score or index
  kAverage,       // a mean or median of a unit: kWh per meter, weekly pay
  kOther,         // not stated
};
// Who may see a metric (engine/access.h decides): everyone; any signed-in
// user; members of the organisations the metric names (restricted); data
// managers until it is published (draft).
enum class Visibility { kPublic, kSignedIn, kRestricted, kDraft };

// "higher-is-better" | "lower-is-better" | "neither"
std::string_view to_string(Polarity p);
std::optional<Polarity> parse_polarity(std::string_view s);
// "public" | "signed-in" | "restricted" | "draft"
std::string_view to_string(Visibility v);
std::optional<Visibility> parse_visibility(std::string_view s);
// "count" | "rate" | "share" | "ratio" | "money-per-head" | "index" | "average" | "other"
std::string_view to_string(MeasureKind k);
std::optional<MeasureKind> parse_measure_kind(std::string_view s);

struct Metric {
  std::string id;  // stable slug, e.g. "claimant-count"
  std::string title;
  std::string description;
  std::string unit;  // "%", "count", "rate per 100,000 population", "£", ...
  Polarity polarity = Polarity::kNeither;
  int decimals = 1;  // for display of computed statistics
  std::vector<std::string> themes;
  std::vector<std::string> services;
  std::vector<std::string> directorates;
  std::vector<std::string> portfolios;
  std::string publisher;
  std::string source_url;
  std::string licence;
  Visibility visibility = Visibility::kPublic;
  MeasureKind measure = MeasureKind::kOther;
  // For kRestricted: the organisations (ids, e.g. a council's GSS code) whose
  // members may see it, sorted; empty for other visibilities.
  std::vector<std::string> organisations;
};

// Lower-case, ASCII letters and digits, runs of anything else become one '-'.
std::string slugify(std::string_view text);

}  // namespace lgb
