#include "auth/signature.h"

#include "auth/crypto.h"

namespace lgb::auth {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The value of parameter `name` in a raw query ("a=1&b=2"), still encoded;
// npos position when absent.
size_t find_param(std::string_view query, std::string_view name, std::string_view* value) {
  size_t pos = 0;
  while (pos <= query.size()) {
    size_t end = query.find('&', pos);
    if (end == std::string_view::npos) end = query.size();
    std::string_view item = query.substr(pos, end - pos);
    if (item.size() > name.size() && item.substr(0, name.size()) == name &&
        item[name.size()] == '=') {
      *value = item.substr(name.size() + 1);
      return pos;
    }
    pos = end + 1;
  }
  return std::string_view::npos;
}

}  // namespace

std::string url_decode(std::string_view s, bool plus_as_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+' && plus_as_space) {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 &&
               hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

Result<SignedUrl> parse_signed_url(std::string_view scheme, std::string_view host,
                                   std::string_view target) {
  const size_t q = target.find('?');
  if (q == std::string_view::npos) return unauthenticated("the URL has no ApplicationKey");
  const std::string_view query = target.substr(q + 1);
  std::string_view key, sig;
  const size_t key_at = find_param(query, "ApplicationKey", &key);
  if (key_at == std::string_view::npos || key.empty())
    return unauthenticated("the URL has no ApplicationKey");
  const size_t sig_at = find_param(query, "Signature", &sig);
  if (sig_at == std::string_view::npos || sig.empty())
    return unauthenticated("the URL has an ApplicationKey but no Signature");
  if (sig_at < key_at || sig_at + 10 + sig.size() != query.size())
    return unauthenticated("Signature must be the last parameter, after ApplicationKey");
  if (sig_at == 0) return unauthenticated("the URL has no ApplicationKey");
  SignedUrl out;
  out.key_id = url_decode(key, true);
  // Everything before "&Signature=".
  const std::string_view signed_target = target.substr(0, q + 1 + sig_at - 1);
  out.signed_text = url_decode(std::string(scheme) + "://" + std::string(host) +
                                   std::string(signed_target),
                               true);
  // Base64 uses '+': a client that did not encode it sent a literal '+'.
  out.signature = url_decode(sig, false);
  return out;
}

std::string url_signature(std::string_view secret, std::string_view text) {
  return base64(hmac_sha1(secret, text));
}

bool verify_url_signature(std::string_view secret, const SignedUrl& url) {
  return equal_constant_time(url_signature(secret, url.signed_text), url.signature);
}

}  // namespace lgb::auth
