// Whole-file reads and the SHA-256 that identifies a loaded file.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace lgb {

// The file's bytes, unchanged; kIo when it cannot be read.
Result<std::string> read_file_bytes(const std::string& path);
// The bytes as the publisher released them: a file ending in ".gz" (a copy
// kept compressed to keep the repository lean) is inflated; any other file
// is read unchanged. kIo when unreadable, kInvalidArgument when the gzip
// stream is corrupt or inflates past max_bytes.
Result<std::string> read_published_bytes(const std::string& path,
                                         size_t max_bytes = size_t{4} << 30);
// The path without a trailing ".gz".
std::string without_gz(const std::string& path);
// Lower-case hex SHA-256 (OpenSSL EVP).
std::string sha256_hex(std::string_view bytes);

}  // namespace lgb
