#include "auth/password.h"

#include <argon2.h>

#include <vector>

#include "auth/crypto.h"

namespace lgb::auth {
namespace {

// OWASP's first recommended Argon2id setting: 19 MiB, 2 passes, 1 lane.
constexpr uint32_t kMemoryKiB = 19 * 1024;
constexpr uint32_t kPasses = 2;
constexpr uint32_t kLanes = 1;
constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;

}  // namespace

Result<std::string> hash_password(std::string_view password) {
  if (password.size() < kMinPasswordLength)
    return invalid("a password needs at least " + std::to_string(kMinPasswordLength) +
                   " characters");
  if (password.size() > kMaxPasswordLength)
    return invalid("a password may have at most " + std::to_string(kMaxPasswordLength) +
                   " characters");
  // random_token gives base64url text; any bytes make a good salt.
  const std::string salt = random_token(kSaltBytes);
  const size_t len = argon2_encodedlen(kPasses, kMemoryKiB, kLanes,
                                       static_cast<uint32_t>(salt.size()), kHashBytes,
                                       Argon2_id);
  std::vector<char> encoded(len);
  int rc = argon2id_hash_encoded(kPasses, kMemoryKiB, kLanes, password.data(), password.size(),
                                 salt.data(), salt.size(), kHashBytes, encoded.data(), len);
  if (rc != ARGON2_OK) return internal(std::string("argon2id failed: ") + argon2_error_message(rc));
  return std::string(encoded.data());
}

bool verify_password(std::string_view password, const std::string& encoded_hash) {
  if (encoded_hash.rfind("$argon2id$", 0) != 0 || password.size() > kMaxPasswordLength)
    return false;
  return argon2id_verify(encoded_hash.c_str(), password.data(), password.size()) == ARGON2_OK;
}

}  // namespace lgb::auth
