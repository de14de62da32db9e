// Small cryptographic building blocks over OpenSSL: random tokens, SHA-256,
// HMAC, base64 and a constant-time comparison. One place, so every secret in
// lgbench is made and compared the same way.
// Thread-safety: pure functions; OpenSSL's RNG is thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace lgb::auth {

// `bytes` random bytes from the OS-seeded CSPRNG, as unpadded base64url.
std::string random_token(size_t bytes = 32);
// Lower-case hex of the SHA-256 of data.
std::string sha256_hex(std::string_view data);
// Raw HMAC bytes.
std::string hmac_sha1(std::string_view key, std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view data);
// Standard base64 with padding (RFC 4648 section 4).
std::string base64(std::string_view bytes);
// Unpadded base64url (RFC 4648 section 5).
std::string base64url(std::string_view bytes);
// True when a and b are equal; the time taken depends only on their lengths.
bool equal_constant_time(std::string_view a, std::string_view b);

}  // namespace lgb::auth
