// How a recipe reads one published cell: a marker (the recipe's own texts or
// the GSS symbols), or a number once the recipe's currency prefixes, footnote
// marks, a trailing bracketed status, percent sign and thousands separator
// are set aside. The published text is always kept byte for byte.
// Pure function; thread-safe.
#pragma once

#include <string>

#include "core/value.h"
#include "ingest/recipe.h"

namespace lgb {

// What one published cell means under a recipe.
enum class CellKind {
  kValue,  // v holds a number, a marker, or both
  kBlank,  // empty and the recipe gives blanks no marker: no value published
  kError,  // why says what is wrong with the text
};

// Reads text under r's [values] rules into v (reset first).
CellKind read_published_value(const Recipe& r, const std::string& text, Value& v,
                              std::string& why);

}  // namespace lgb
