#include "core/value.h"

#include "core/excerpt.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <utility>

namespace lgb {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

constexpr std::array<std::pair<Marker, std::string_view>, 7> kNames{{
    {Marker::kSuppressed, "suppressed"},
    {Marker::kNotAvailable, "not-available"},
    {Marker::kNotApplicable, "not-applicable"},
    {Marker::kLowReliability, "low-reliability"},
    {Marker::kProvisional, "provisional"},
    {Marker::kRevised, "revised"},
    {Marker::kEstimate, "estimate"},
}};

}  // namespace

std::string_view to_string(Marker m) {
  for (const auto& [k, name] : kNames)
    if (k == m) return name;
  return "";
}

std::optional<Marker> parse_marker(std::string_view s) {
  std::string t = lower(s);
  if (t.size() == 3 && t.front() == '[' && t.back() == ']') t = t.substr(1, 1);
  for (const auto& [k, name] : kNames)
    if (t == name) return k;
  if (t == "c" || t == "*" || t == "confidential") return Marker::kSuppressed;
  if (t == "x" || t == ".." || t == ":" || t == "na") return Marker::kNotAvailable;
  if (t == "z") return Marker::kNotApplicable;
  if (t == "u" || t == "low") return Marker::kLowReliability;
  if (t == "p") return Marker::kProvisional;
  if (t == "r") return Marker::kRevised;
  if (t == "e") return Marker::kEstimate;
  return std::nullopt;
}

bool marker_withholds_value(Marker m) {
  return m == Marker::kSuppressed || m == Marker::kNotAvailable || m == Marker::kNotApplicable;
}

std::optional<double> parse_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  // Validate the grammar ourselves: from_chars accepts "inf", "nan", hex.
  size_t i = 0;
  if (text[i] == '-' || text[i] == '+') ++i;
  size_t digits = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i, ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i, ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    size_t exp_digits = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i, ++exp_digits;
    if (exp_digits == 0) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  std::string_view body = text;
  if (body.front() == '+') body.remove_prefix(1);
  double v = 0;
  auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), v);
  if (ec != std::errc() || ptr != body.data() + body.size() || !std::isfinite(v))
    return std::nullopt;
  return v;
}

Result<Value> make_value(std::string_view text, std::string_view status, std::string_view note) {
  Value v;
  v.text = std::string(text);
  v.note = std::string(note);
  if (!status.empty()) {
    auto m = parse_marker(status);
    if (!m) return invalid("unknown status marker " + quoted_excerpt(status));
    v.marker = *m;
    v.marker_text = std::string(status);
  }
  if (text.empty()) {
    if (v.marker == Marker::kNone) return invalid("empty value with no status marker");
    return v;
  }
  if (auto n = parse_number(text)) {
    if (marker_withholds_value(v.marker))
      return invalid("value " + quoted_excerpt(text) + " given with status " +
                     quoted_excerpt(status) + ", which withholds the value");
    v.number = n;
    return v;
  }
  if (auto m = parse_marker(text)) {
    if (v.marker != Marker::kNone && v.marker != *m)
      return invalid("value marker " + quoted_excerpt(text) + " contradicts status " +
                     quoted_excerpt(status));
    v.marker = *m;
    if (v.marker_text.empty()) v.marker_text = std::string(text);
    return v;
  }
  return invalid("value " + quoted_excerpt(text) + " is neither a number nor a known status marker");
}

}  // namespace lgb
