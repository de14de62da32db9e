#include "core/metric.h"

#include <cctype>
#include <utility>

namespace lgb {

std::string_view to_string(Polarity p) {
  switch (p) {
    case Polarity::kHigherIsBetter: return "higher-is-better";
    case Polarity::kLowerIsBetter: return "lower-is-better";
    case Polarity::kNeither: return "neither";
  }
  return "neither";
}

std::optional<Polarity> parse_polarity(std::string_view s) {
  if (s == "higher-is-better") return Polarity::kHigherIsBetter;
  if (s == "lower-is-better") return Polarity::kLowerIsBetter;
  if (s == "neither") return Polarity::kNeither;
  return std::nullopt;
}

std::string_view to_string(Visibility v) {
  switch (v) {
    case Visibility::kPublic: return "public";
    case Visibility::kSignedIn: return "signed-in";
    case Visibility::kRestricted: return "restricted";
    case Visibility::kDraft: return "draft";
  }
  return "public";
}

std::optional<Visibility> parse_visibility(std::string_view s) {
  if (s == "public") return Visibility::kPublic;
  if (s == "signed-in") return Visibility::kSignedIn;
  if (s == "restricted") return Visibility::kRestricted;
  if (s == "draft") return Visibility::kDraft;
  return std::nullopt;
}

namespace {
constexpr std::pair<MeasureKind, std::string_view> kMeasureNames[] = {
    {MeasureKind::kCount, "count"},   {MeasureKind::kRate, "rate"},
    {MeasureKind::kShare, "share"},   {MeasureKind::kRatio, "ratio"},
    {MeasureKind::kMoneyPerHead, "money-per-head"}, {MeasureKind::kIndex, "index"},
    {MeasureKind::kAverage, "average"}, {MeasureKind::kOther, "other"},
};
}  // namespace

std::string_view to_string(MeasureKind k) {
  for (const auto& [kind, name] : kMeasureNames)
    if (kind == k) return name;
  return "other";
}

std::optional<MeasureKind> parse_measure_kind(std::string_view s) {
  for (const auto& [kind, name] : kMeasureNames)
    if (name == s) return kind;
  return std::nullopt;
}

std::string slugify(std::string_view text) {
  std::string out;
  bool dash = false;
  for (unsigned char c : text) {
    if (std::isalnum(c)) {
      if (dash && !out.empty()) out += '-';
      out += static_cast<char>(std::tolower(c));
      dash = false;
    } else {
      dash = true;
    }
  }
  return out;
}

}  // namespace lgb
