#include "ingest/published_value.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include "core/excerpt.h"

namespace lgb {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

void trim_in_place(std::string& w) { w = std::string(trim(w)); }

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() > tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// Drops a well-formed thousands separator ("12,345.6", not "1,2" or
// "12,34"); false when the groups are not well formed.
bool drop_thousands(std::string& w, char sep) {
  size_t start = (!w.empty() && (w[0] == '-' || w[0] == '+')) ? 1 : 0;
  size_t int_end = std::min(w.find('.', start), w.size());
  size_t group = 0;
  bool first = true;
  for (size_t i = start; i < int_end; ++i) {
    if (w[i] != sep) {
      ++group;
      continue;
    }
    if ((first && (group == 0 || group > 3)) || (!first && group != 3)) return false;
    first = false;
    group = 0;
  }
  if (!first && group != 3) return false;
  w.erase(std::remove(w.begin(), w.end(), sep), w.end());
  return true;
}

}  // namespace

CellKind read_published_value(const Recipe& r, const std::string& text, Value& v,
                              std::string& why) {
  v = Value{};
  v.text = text;
  std::string w(trim(text));
  if (w.empty()) {
    if (!r.blank_is_marker) return CellKind::kBlank;
    v.marker = r.markers.at("");
    return CellKind::kValue;
  }
  auto known = r.markers.find(w);
  std::optional<Marker> marker =
      known != r.markers.end() ? std::optional(known->second) : parse_marker(w);
  if (marker) {
    v.marker = *marker;
    v.marker_text = w;
    return CellKind::kValue;
  }
  // Currency and other leading symbols: "£5", "-£5", "£-5".
  bool negative = w[0] == '-';
  if (negative) w.erase(0, 1);
  for (const auto& p : r.strip_prefixes)
    if (!p.empty() && w.compare(0, p.size(), p) == 0) w.erase(0, p.size());
  trim_in_place(w);
  if (negative) w.insert(0, 1, '-');
  // Trailing footnote marks and a bracketed status such as "12.3 [p]".
  for (bool again = true; again && !w.empty();) {
    again = false;
    for (const auto& mark : r.footnote_marks)
      if (!mark.empty() && ends_with(w, mark)) {
        v.note = mark + v.note;
        w.resize(w.size() - mark.size());
        trim_in_place(w);
        again = true;
      }
    if (w.size() > 3 && w.back() == ']' && w[w.size() - 3] == '[') {
      std::string tag = w.substr(w.size() - 3);
      if (auto m = parse_marker(tag)) {
        if (marker_withholds_value(*m)) {
          why = "value " + quoted_excerpt(text) + " carries the marker " + tag +
                ", which withholds the value";
          return CellKind::kError;
        }
        v.marker = *m;
        v.marker_text = tag;
        w.resize(w.size() - 3);
        trim_in_place(w);
        again = true;
      }
    }
  }
  if (r.percent_sign && !w.empty() && w.back() == '%') {
    w.pop_back();
    trim_in_place(w);
  }
  if (!r.thousands_separator.empty()) drop_thousands(w, r.thousands_separator[0]);
  auto n = parse_number(w);
  if (!n) {
    why = "value " + quoted_excerpt(text) + " is neither a number nor a marker the recipe knows";
    return CellKind::kError;
  }
  v.number = n;
  return CellKind::kValue;
}

}  // namespace lgb
