// Value: one published observation exactly as released (text kept byte for
// byte), the number parsed from it for computation, and any status marker.
// Plain value type; no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace lgb {

// Status markers follow the GSS guidance on symbols in tables.
enum class Marker {
  kNone,
  kSuppressed,      // [c] confidential / suppressed to protect disclosure
  kNotAvailable,    // [x] not available
  kNotApplicable,   // [z] not applicable
  kLowReliability,  // [u] low reliability
  kProvisional,     // [p]
  kRevised,         // [r]
  kEstimate,        // [e]
};

// "suppressed", "not-available", ... ; "" for kNone.
std::string_view to_string(Marker m);
// Accepts the names above and the GSS letters with or without brackets
// (c, x, z, u, p, r, e, [c], ...), and the common symbols ".." and ":" (not
// available), "NA" (R's not available) and "*" (suppressed). Case-insensitive.
std::optional<Marker> parse_marker(std::string_view s);
// True when a value with this marker carries no usable number of its own.
bool marker_withholds_value(Marker m);

// Strict decimal number: optional sign, digits, optional fraction, optional
// exponent. No thousands separators, no spaces, no "NaN"/"inf".
std::optional<double> parse_number(std::string_view text);

struct Value {
  std::string text;            // as published; may be empty
  std::optional<double> number;
  Marker marker = Marker::kNone;
  std::string marker_text;     // the marker as published, e.g. "x" or "[c]"
  std::string note;            // footnote as published

  bool has_number() const { return number.has_value(); }
};

// Builds a Value from a published text and an optional published status.
// The text may be a number, empty (then a status is required), or itself a
// marker symbol such as "[x]" or "..". Fails with a message naming the
// problem when the text is neither a number nor a known marker.
Result<Value> make_value(std::string_view text, std::string_view status,
                         std::string_view note);

}  // namespace lgb
