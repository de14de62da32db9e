// Plain-English words for what the engine computes: ordinals, markers,
// quartile bands, "better/worse than most", direction of travel, groups.
// One place for the wording, so every page and download says it the same way.
// Stateless functions; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "core/metric.h"
#include "core/value.h"
#include "engine/queries.h"
#include "engine/stats.h"

namespace lgb::web {

std::string ordinal(int n);                       // "1st", "22nd", "113th"
std::string marker_words(Marker m);               // "suppressed", "not available", ...
std::string polarity_words(Polarity p);           // "Higher is better", ...
std::string quartile_words(int band, Polarity p); // "Best quarter" / "Highest quarter"
// Against the group: "Better than most", "Worse than most", "About average";
// for polarity neither "Higher than most", "Lower than most".
std::string standing_words(const Position& pos, Polarity p);
// "Improving", "Getting worse", "No change", "Up", "Down", "No earlier figure".
std::string direction_words(Direction d);
// A figure for people: metric decimals, separators, "%" or "£" (as the API's
// explanations do).
std::string figure(double v, int decimals, const std::string& unit);
// The published text as shown: exactly as published, with "%" after a
// percentage; a withheld value spelled out ("suppressed [c]").
std::string published_words(const Value& v, const std::string& unit);
// "rank 3 of 16"
std::string rank_words(int rank, int of);
// Sentence fragment for the group: "its 15 nearest neighbours" etc.
std::string group_phrase(const std::string& group_id, const std::string& group_label, int size);

}  // namespace lgb::web
