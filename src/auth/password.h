// Password hashing with Argon2id (libargon2, RFC 9106), in the encoded form
// "$argon2id$v=19$m=...,t=...,p=...$salt$hash" so the parameters travel
// with each hash and can be raised later without breaking old ones.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace lgb::auth {

// kInvalidArgument for a password shorter than kMinPasswordLength or longer
// than kMaxPasswordLength (bytes).
inline constexpr size_t kMinPasswordLength = 12;
inline constexpr size_t kMaxPasswordLength = 1024;
Result<std::string> hash_password(std::string_view password);
// False for a wrong password or a malformed hash.
bool verify_password(std::string_view password, const std::string& encoded_hash);

}  // namespace lgb::auth
