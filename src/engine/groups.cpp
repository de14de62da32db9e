#include "engine/groups.h"

#include <algorithm>
#include <set>

#include "engine/neighbours.h"

namespace lgb {
namespace {

const char* kFixedLabels[kFixedGroupCount] = {
    "Upper-tier councils in England (counties, unitaries, metropolitan districts, London boroughs)",
    "Lower-tier councils in England (districts, unitaries, metropolitan districts, London boroughs)",
    "County councils in England",
    "District councils in England",
    "Unitary authorities in England",
    "Metropolitan districts in England",
    "London boroughs",
};

MemberSet fixed_set(const Snapshot& s, FixedGroup g) {
  const int i = static_cast<int>(g);
  return {s.area_table().fixed_members[i], i, kFixedLabels[i]};
}

// Adds the focus; the precomputed statistics no longer apply if it was absent.
void add_focus(MemberSet& m, std::optional<uint32_t> focus) {
  if (!focus) return;
  auto it = std::lower_bound(m.areas.begin(), m.areas.end(), *focus);
  if (it != m.areas.end() && *it == *focus) return;
  m.areas.insert(it, *focus);
  m.fixed = -1;
}

MemberSet filter_region(const MemberSet& in, const Snapshot& s, const std::string& region) {
  MemberSet out;
  out.label = in.label + ", region " + region;
  for (uint32_t a : in.areas)
    if (s.areas()[a].region_code == region) out.areas.push_back(a);
  return out;
}

Comparators tier_comparators(const Snapshot& s, const std::string& id,
                             std::optional<uint32_t> focus) {
  Comparators c;
  c.id = id;
  c.lower = fixed_set(s, FixedGroup::kEnglandLower);
  c.upper = fixed_set(s, FixedGroup::kEnglandUpper);
  if (focus) {
    const Area& a = s.areas()[*focus];
    if (is_current_english_council(a)) {
      // A two-tier council compares with its own tier whatever the metric.
      if (a.type == AreaType::kDistrict) c.upper = c.lower;
      if (a.type == AreaType::kCounty) c.lower = c.upper;
    }
  }
  return c;
}

bool is_slug(const std::string& s) {
  if (s.empty() || s.size() > 80) return false;
  for (char ch : s)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-')) return false;
  return s.front() != '-' && s.back() != '-';
}

}  // namespace

std::vector<std::string> builtin_group_kinds() {
  return {"england", "type", "region", "neighbours", "ons-global", "ons-economic",
          "ons-demographic"};
}

Result<Comparators> resolve_group(const Snapshot& s, const std::string& group,
                                  std::optional<uint32_t> focus) {
  const Area* fa = focus ? &s.areas()[*focus] : nullptr;
  auto need_focus = [&](const std::string& kind) -> Status {
    if (!fa) return invalid("group '" + kind + "' is relative to an area: give an area");
    return ok_status();
  };
  Comparators c;
  if (group == "england") {
    c = tier_comparators(s, group, focus);
  } else if (group == "type" || group.rfind("type:", 0) == 0) {
    std::optional<FixedGroup> g;
    if (group == "type") {
      if (auto st = need_focus(group); !st) return st.error();
      g = fixed_type_group(*fa);
      if (!g)
        return invalid("group 'type' needs a current English council; '" + fa->code +
                       "' is " + std::string(to_string(fa->type)) +
                       (fa->is_current() ? "" : " (no longer current)"));
    } else {
      const std::string name = group.substr(5);
      auto t = parse_area_type(name);
      Area probe;
      probe.code = "E00000000";
      if (t) probe.type = *t;
      if (t) g = fixed_type_group(probe);
      if (!g)
        return invalid("unknown council type '" + name +
                       "' (use county, district, unitary, metropolitan-district, london-borough)");
    }
    c.id = group;
    c.lower = c.upper = fixed_set(s, *g);
  } else if (group == "region" || group.rfind("region:", 0) == 0) {
    std::string region;
    if (group == "region") {
      if (auto st = need_focus(group); !st) return st.error();
      region = fa->region_code;
      if (region.empty()) return invalid("area '" + fa->code + "' has no region");
    } else {
      region = group.substr(7);
      if (!s.find_area(region)) return not_found("unknown region '" + region + "'");
    }
    Comparators t = tier_comparators(s, group, focus);
    c.id = group;
    c.lower = filter_region(t.lower, s, region);
    c.upper = filter_region(t.upper, s, region);
  } else if (group == "neighbours") {
    if (auto st = need_focus(group); !st) return st.error();
    const NeighbourModel* m = s.neighbour_model();
    if (!m) return internal("neighbour model not built");
    if (m->neighbours_of(*focus).empty()) {
      auto why = m->explain(s, *focus);
      if (!why) return why.error();
      return not_found("no modelled neighbours for '" + fa->code + "'");
    }
    c.id = group;
    c.lower.areas = m->neighbours_of(*focus);
    std::sort(c.lower.areas.begin(), c.lower.areas.end());
    c.lower.label = "Nearest neighbours of " + fa->name + " (k = " + std::to_string(m->k()) +
                    ", lgbench model)";
    c.upper = c.lower;
  } else if (group.rfind("ons-", 0) == 0) {
    const OnsNeighbourLists* lists = s.ons_lists(group);
    if (!lists) return invalid("unknown group '" + group + "' or ONS lists not loaded");
    if (auto st = need_focus(group); !st) return st.error();
    auto it = lists->find(fa->code);
    if (it == lists->end())
      return not_found("'" + fa->code + "' has no ONS " + group.substr(4) + " neighbour list");
    c.id = group;
    for (const auto& code : it->second)
      if (auto a = s.find_area(code); a && s.areas()[*a].is_current()) c.lower.areas.push_back(*a);
    std::sort(c.lower.areas.begin(), c.lower.areas.end());
    c.lower.label = "ONS similar areas (" + group.substr(4) + ") of " + fa->name;
    c.upper = c.lower;
  } else {
    const std::string id = group.rfind("custom:", 0) == 0 ? group.substr(7) : group;
    const SnapshotGroup* g = s.find_custom_group(id);
    if (!g) {
      std::string kinds;
      for (const auto& k : builtin_group_kinds()) kinds += (kinds.empty() ? "" : ", ") + k;
      return not_found("unknown group '" + group + "' (built-in: " + kinds +
                       "; or the id of a custom group)");
    }
    c.id = group;
    c.lower.areas = g->members;
    c.lower.label = g->group.name;
    c.upper = c.lower;
  }
  add_focus(c.lower, focus);
  add_focus(c.upper, focus);
  return c;
}

Status validate_custom_group(const Snapshot& s, const CustomGroup& g) {
  if (!is_slug(g.id))
    return invalid("group id '" + g.id + "' must be 1-80 characters of a-z, 0-9 and '-'");
  for (const auto& k : builtin_group_kinds())
    if (g.id == k) return invalid("group id '" + g.id + "' is reserved for a built-in group");
  if (g.id.rfind("type", 0) == 0 || g.id.rfind("region", 0) == 0 || g.id.rfind("ons-", 0) == 0 ||
      g.id.rfind("custom", 0) == 0)
    return invalid("group id '" + g.id + "' may not start with type, region, ons- or custom");
  if (g.name.empty()) return invalid("group '" + g.id + "' needs a name");
  if (g.area_codes.empty()) return invalid("group '" + g.id + "' needs at least one area code");
  std::set<std::string> seen;
  for (const auto& code : g.area_codes) {
    if (!s.find_area(code)) return not_found("group '" + g.id + "': unknown area code '" + code + "'");
    if (!seen.insert(code).second)
      return invalid("group '" + g.id + "': area code '" + code + "' listed twice");
  }
  return ok_status();
}

}  // namespace lgb
