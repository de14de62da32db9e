#include "core/excerpt.h"

namespace lgb {

std::string quoted_excerpt(std::string_view s) {
  constexpr size_t kMax = 80, kKeep = 60;
  if (s.size() <= kMax) return "'" + std::string(s) + "'";
  size_t cut = kKeep;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return "'" + std::string(s.substr(0, cut)) + "...' (" + std::to_string(s.size()) + " bytes)";
}

}  // namespace lgb
