#include "web/wording.h"

#include "api/benchmark_encoder.h"

namespace lgb::web {

std::string ordinal(int n) {
  int mod100 = n % 100, mod10 = n % 10;
  const char* suffix = "th";
  if (mod100 < 11 || mod100 > 13) {
    if (mod10 == 1) suffix = "st";
    else if (mod10 == 2) suffix = "nd";
    else if (mod10 == 3) suffix = "rd";
  }
  return std::to_string(n) + suffix;
}

std::string marker_words(Marker m) {
  switch (m) {
    case Marker::kNone: return "";
    case Marker::kSuppressed: return "suppressed";
    case Marker::kNotAvailable: return "not available";
    case Marker::kNotApplicable: return "not applicable";
    case Marker::kLowReliability: return "low reliability";
    case Marker::kProvisional: return "provisional";
    case Marker::kRevised: return "revised";
    case Marker::kEstimate: return "estimate";
  }
  return "";
}

std::string polarity_words(Polarity p) {
  switch (p) {
    case Polarity::kHigherIsBetter: return "Higher is better";
    case Polarity::kLowerIsBetter: return "Lower is better";
    case Polarity::kNeither: return "Neither higher nor lower is better";
  }
  return "";
}

std::string quartile_words(int band, Polarity p) {
  if (p == Polarity::kNeither) {
    switch (band) {
      case 1: return "Highest quarter";
      case 2: return "Second highest quarter";
      case 3: return "Second lowest quarter";
      case 4: return "Lowest quarter";
    }
    return "";
  }
  switch (band) {
    case 1: return "Best quarter";
    case 2: return "Second best quarter";
    case 3: return "Second worst quarter";
    case 4: return "Worst quarter";
  }
  return "";
}

std::string standing_words(const Position& pos, Polarity p) {
  // percentile: the share of the other members strictly worse (or lower).
  if (pos.of <= 1) return "Only council with a figure";
  bool neither = p == Polarity::kNeither;
  if (pos.percentile > 50) return neither ? "Higher than most" : "Better than most";
  if (pos.percentile < 50) return neither ? "Lower than most" : "Worse than most";
  return "In the middle";
}

std::string direction_words(Direction d) {
  switch (d) {
    case Direction::kImproving: return "Improving";
    case Direction::kWorsening: return "Getting worse";
    case Direction::kNoChange: return "No change";
    case Direction::kHigher: return "Up";
    case Direction::kLower: return "Down";
    case Direction::kNotComparable: return "No earlier figure to compare";
  }
  return "";
}

std::string figure(double v, int decimals, const std::string& unit) {
  return api::display_number(v, decimals, unit);
}

std::string published_words(const Value& v, const std::string& unit) {
  std::string marker = marker_words(v.marker);
  if (!v.number) {
    std::string shown = marker.empty() ? "no figure" : marker;
    std::string as_published = !v.marker_text.empty() ? v.marker_text : v.text;
    if (!as_published.empty()) shown += " (" + as_published + ")";
    return shown;
  }
  std::string out = v.text;
  if (unit == "%") out += "%";
  if (!marker.empty()) out += " (" + marker + ")";
  return out;
}

std::string rank_words(int rank, int of) {
  return ordinal(rank) + " of " + std::to_string(of);
}

std::string group_phrase(const std::string& group_id, const std::string& group_label, int size) {
  std::string n = std::to_string(size);
  if (group_id == "neighbours") return "its " + std::to_string(size - 1) + " nearest neighbours";
  if (group_id.rfind("ons-", 0) == 0) return "its " + std::to_string(size - 1) + " ONS similar areas";
  return "the " + n + " councils in \u201c" + group_label + "\u201d";
}

}  // namespace lgb::web
