// The LG Inform Plus URL signature, for existing council scripts: the client
// appends "ApplicationKey=<key id>" to the URL, then "&Signature=" and the
// base64 of the HMAC-SHA1, keyed with the key's secret, of the whole URL
// (scheme, host, path and query up to and including the ApplicationKey and
// every parameter before "Signature"), URL-decoded as PHP's urldecode does
// ("%xx" and "+" as a space). docs/lginform-compat.md gives examples.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace lgb::auth {

struct SignedUrl {
  std::string key_id;     // the ApplicationKey parameter, decoded
  std::string signed_text;  // what the client signed: URL-decoded scheme://host + target
  std::string signature;  // the Signature parameter, decoded (base64)
};

// Splits a request target into what was signed and the signature. Signature
// must be the last parameter and come after ApplicationKey.
// kUnauthenticated when either is missing or out of place.
Result<SignedUrl> parse_signed_url(std::string_view scheme, std::string_view host,
                                   std::string_view target);

// base64(HMAC-SHA1(secret, text)).
std::string url_signature(std::string_view secret, std::string_view text);

// True when signature is right for text, compared in constant time.
bool verify_url_signature(std::string_view secret, const SignedUrl& url);

// "%xx" decoded; "+" becomes a space when plus_as_space.
std::string url_decode(std::string_view s, bool plus_as_space);

}  // namespace lgb::auth
