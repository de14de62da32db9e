// UTF-8 validity: the one check shared by the readers (every field of a file)
// and the PostgreSQL store (which can hold only valid UTF-8 text). No I/O.
#pragma once

#include <cstddef>
#include <string_view>

namespace lgb {

// Returns the byte offset of the first invalid UTF-8 sequence in s, or
// std::string_view::npos when s is valid UTF-8 (overlong forms, surrogates
// and code points above U+10FFFF are invalid).
size_t find_invalid_utf8(std::string_view s);

}  // namespace lgb
