// Quoting a text from a file in a message. Pure function; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace lgb {

// s in single quotes for a message; a long text is cut (at a character
// boundary) and its size given, so a huge field cannot flood a report:
// 'abc', or '123456...' (5242881 bytes).
std::string quoted_excerpt(std::string_view s);

}  // namespace lgb
