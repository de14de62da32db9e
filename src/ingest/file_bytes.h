// Whole-file reads and the SHA-256 that identifies a loaded file.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace lgb {

// The file's bytes, unchanged; kIo when it cannot be read.
Result<std::string> read_file_bytes(const std::string& path);
// Lower-case hex SHA-256 (OpenSSL EVP).
std::string sha256_hex(std::string_view bytes);

}  // namespace lgb
