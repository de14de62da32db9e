// Role: what a signed-in user may do. Roles are ordered: each includes
// everything the ones before it may do (an administrator is also a data
// manager, an analyst and a member). Anonymous callers have no role.
// Plain value type; no I/O.
#pragma once

#include <optional>
#include <string_view>

namespace lgb {

enum class Role {
  kMember,       // sees public, signed-in and their organisation's restricted metrics
  kAnalyst,      // also creates custom groups and ratios
  kDataManager,  // also loads releases, sees drafts and every restricted metric
  kAdministrator,  // also manages users, organisations and keys
};

// "member" | "analyst" | "data-manager" | "administrator"
std::string_view to_string(Role r);
std::optional<Role> parse_role(std::string_view s);

// True when `has` includes everything `needs` may do.
inline bool role_at_least(Role has, Role needs) {
  return static_cast<int>(has) >= static_cast<int>(needs);
}

}  // namespace lgb
