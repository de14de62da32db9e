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

MemberSet fixed_set(const Snapshot& s, FixedGroup g, uint32_t period) {
  const int i = static_cast<int>(g);
  const FixedMembers& f = s.fixed_members(period, i);
  return {f.areas, f.partial, f.not_yet, i, kFixedLabels[i]};
}

// Adds one council to a set (kept ascending), unless it is there already.
void insert_member(MemberSet& m, uint32_t area, bool partial) {
  auto it = std::lower_bound(m.areas.begin(), m.areas.end(), area);
  if (it != m.areas.end() && *it == area) return;
  const auto at = it - m.areas.begin();
  m.areas.insert(it, area);
  m.partial.insert(m.partial.begin() + at, partial ? 1 : 0);
  m.fixed = -1;  // the precomputed statistics no longer apply
}

// The councils of listed areas (custom groups, neighbour lists) in a period,
// under the codes they had then; the others are recorded as exclusions.
void add_listed(const Snapshot& s, MemberSet& m, const std::vector<uint32_t>& areas,
                uint32_t period) {
  const CouncilRegister& reg = s.area_table().councils;
  const DaySpan& span = s.period_span(period);
  for (uint32_t a : areas) {
    const uint32_t c = static_cast<uint32_t>(reg.council_of(a));
    const Council& k = reg.council(c);
    if (!k.span.overlaps(span)) {
      const Area& area = s.areas()[a];
      m.excluded.push_back({a, area.code, area.name, operation_note(k, span)});
      continue;
    }
    insert_member(m, reg.code_in(c, span), !k.span.covers(span));
  }
}

MemberSet filter_region(const Snapshot& s, const MemberSet& in, const std::string& region) {
  MemberSet out;
  out.label = in.label + ", region " + region;
  for (size_t i = 0; i < in.areas.size(); ++i)
    if (s.areas()[in.areas[i]].region_code == region) {
      out.areas.push_back(in.areas[i]);
      out.partial.push_back(in.partial[i]);
    }
  for (const Exclusion& e : in.excluded)
    if (e.area != UINT32_MAX && s.areas()[e.area].region_code == region) out.excluded.push_back(e);
  return out;
}

Comparators tier_comparators(const Snapshot& s, const std::string& id,
                             std::optional<uint32_t> focus, uint32_t period) {
  Comparators c;
  c.id = id;
  c.lower = fixed_set(s, FixedGroup::kEnglandLower, period);
  c.upper = fixed_set(s, FixedGroup::kEnglandUpper, period);
  if (focus) {
    const Area& a = s.areas()[*focus];
    if (is_english_council(a)) {
      // A two-tier council compares with its own tier whatever the metric.
      if (a.type == AreaType::kDistrict) c.upper = c.lower;
      if (a.type == AreaType::kCounty) c.lower = c.upper;
    }
  }
  return c;
}

// The focus is a member when it was in operation in the period; otherwise
// it is placed against the group without being counted in it.
void add_focus(const Snapshot& s, Comparators& c, std::optional<uint32_t> focus,
               uint32_t period) {
  if (!focus) return;
  const CouncilRegister& reg = s.area_table().councils;
  const DaySpan& span = s.period_span(period);
  const uint32_t k = static_cast<uint32_t>(reg.council_of(*focus));
  const Council& council = reg.council(k);
  const Area& fa = s.areas()[*focus];
  if (!council.span.overlaps(span)) {
    c.focus_note = fa.name + " (" + fa.code + ") " + operation_note(council, span) +
                   ": it is placed against the councils of the period, not counted among them";
    return;
  }
  const uint32_t code = reg.code_in(k, span);
  c.focus_member = code;
  for (MemberSet* m : {&c.lower, &c.upper}) {
    insert_member(*m, code, !council.span.covers(span));
    std::erase_if(m->excluded, [&](const Exclusion& e) {
      return e.area != UINT32_MAX && reg.council_of(e.area) == static_cast<int32_t>(k);
    });
  }
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
                                  std::optional<uint32_t> focus, uint32_t period) {
  const Area* fa = focus ? &s.areas()[*focus] : nullptr;
  auto need_focus = [&](const std::string& kind) -> Status {
    if (!fa) return invalid("group '" + kind + "' is relative to an area: give an area");
    return ok_status();
  };
  Comparators c;
  if (group == "england") {
    c = tier_comparators(s, group, focus, period);
  } else if (group == "type" || group.rfind("type:", 0) == 0) {
    std::optional<FixedGroup> g;
    if (group == "type") {
      if (auto st = need_focus(group); !st) return st.error();
      g = fixed_type_group(*fa);
      if (!g)
        return invalid("group 'type' needs an English council; '" + fa->code + "' is " +
                       std::string(to_string(fa->type)));
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
    c.lower = c.upper = fixed_set(s, *g, period);
  } else if (group == "region" || group.rfind("region:", 0) == 0) {
    std::string region;
    if (group == "region") {
      if (auto st = need_focus(group); !st) return st.error();
      region = fa->region_code;
      if (region.empty()) return invalid("area '" + fa->code + "' has no region");
    } else {
      region = group.substr(7);
      if (!is_gss_code(region))
        return invalid("region must be a GSS code such as E12000003, not '" + region + "'");
      if (!s.find_area(region)) return not_found("unknown region '" + region + "'");
    }
    Comparators t = tier_comparators(s, group, focus, period);
    c.id = group;
    c.lower = filter_region(s, t.lower, region);
    c.upper = filter_region(s, t.upper, region);
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
    c.lower.label = "Nearest neighbours of " + fa->name + " (k = " + std::to_string(m->k()) +
                    ", lgbench model)";
    add_listed(s, c.lower, m->neighbours_of(*focus), period);
    c.upper = c.lower;
  } else if (group.rfind("ons-", 0) == 0) {
    const OnsNeighbourLists* lists = s.ons_lists(group);
    if (!lists) return invalid("unknown group '" + group + "' or ONS lists not loaded");
    if (auto st = need_focus(group); !st) return st.error();
    auto it = lists->find(fa->code);
    if (it == lists->end())
      return not_found("'" + fa->code + "' has no ONS " + group.substr(4) + " neighbour list");
    c.id = group;
    c.lower.label = "ONS similar areas (" + group.substr(4) + ") of " + fa->name;
    std::vector<uint32_t> listed;
    for (const auto& code : it->second) {
      if (auto a = s.find_area(code)) listed.push_back(*a);
      else c.lower.excluded.push_back({UINT32_MAX, code, "", "not in lgbench's register"});
    }
    add_listed(s, c.lower, listed, period);
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
    c.lower.label = g->group.name;
    add_listed(s, c.lower, g->members, period);
    c.upper = c.lower;
  }
  add_focus(s, c, focus, period);
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
