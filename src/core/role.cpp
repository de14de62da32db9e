#include "core/role.h"

namespace lgb {

std::string_view to_string(Role r) {
  switch (r) {
    case Role::kMember: return "member";
    case Role::kAnalyst: return "analyst";
    case Role::kDataManager: return "data-manager";
    case Role::kAdministrator: return "administrator";
  }
  return "member";
}

std::optional<Role> parse_role(std::string_view s) {
  if (s == "member") return Role::kMember;
  if (s == "analyst") return Role::kAnalyst;
  if (s == "data-manager") return Role::kDataManager;
  if (s == "administrator") return Role::kAdministrator;
  return std::nullopt;
}

}  // namespace lgb
