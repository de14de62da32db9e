// UTF-8 well-formedness: the one check shared by the readers (every field of
// a file), the PostgreSQL store (which can hold only valid UTF-8 text) and
// the API (which keeps every JSON body valid when it echoes what a client
// sent). Pure functions, no I/O; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace lgb {

// Returns the byte offset of the first invalid UTF-8 sequence in s, or
// std::string_view::npos when s is valid UTF-8 (overlong forms, surrogates
// and code points above U+10FFFF are invalid).
size_t find_invalid_utf8(std::string_view s);

// s with every byte that does not start a valid sequence replaced by U+FFFD
// (the replacement character); valid text comes back unchanged.
std::string replace_invalid_utf8(std::string_view s);

}  // namespace lgb
