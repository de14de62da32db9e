#include "engine/area_sets.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>

#include "engine/catalogue.h"
#include "engine/queries.h"

namespace lgb {
namespace {

// LG Inform's area type names -> ours; "La" is every council.
struct TypeName {
  std::string_view lg;
  std::vector<AreaType> types;
};
const std::vector<TypeName>& type_names() {
  static const std::vector<TypeName> names = {
      {"Borough", {AreaType::kLondonBorough}},
      {"LondonBorough", {AreaType::kLondonBorough}},
      {"MetropolitanDistrict", {AreaType::kMetropolitanDistrict}},
      {"UnitaryAuthority", {AreaType::kUnitary}},
      {"Unitary", {AreaType::kUnitary}},
      {"District", {AreaType::kDistrict}},
      {"ShireDistrict", {AreaType::kDistrict}},
      {"County", {AreaType::kCounty}},
      {"ShireCounty", {AreaType::kCounty}},
      {"La",
       {AreaType::kCounty, AreaType::kDistrict, AreaType::kUnitary, AreaType::kMetropolitanDistrict,
        AreaType::kLondonBorough}},
  };
  return names;
}

// "All<Type>InRegion_<name or code>" or "All<Type>InCountry_England".
Result<std::vector<std::string>> type_in_place(const Snapshot& s, const std::string& item) {
  const size_t in = item.find("In");
  const size_t under = item.find('_');
  if (in == std::string::npos || under == std::string::npos || under < in)
    return invalid("area set '" + item + "' is not of the form All<Type>InRegion_<Region>");
  const std::string type = item.substr(3, in - 3), scope = item.substr(in + 2, under - in - 2),
                    place = item.substr(under + 1);
  const TypeName* tn = nullptr;
  for (const TypeName& t : type_names())
    if (lower_case(t.lg) == lower_case(type)) tn = &t;
  if (!tn)
    return invalid("area set '" + item + "': unknown area type '" + type +
                   "' (we know Borough, MetropolitanDistrict, UnitaryAuthority, District, "
                   "County and La)");
  std::string region;  // empty: England
  if (scope == "Region") {
    std::string wanted = lower_case(place);
    std::replace(wanted.begin(), wanted.end(), '_', ' ');
    for (const Area& a : s.areas())
      if (a.type == AreaType::kRegion && (a.code == place || lower_case(a.name) == wanted))
        region = a.code;
    if (region.empty()) return invalid("area set '" + item + "': unknown region '" + place + "'");
  } else if (scope != "Country" || lower_case(place) != "england") {
    return invalid("area set '" + item + "': only InRegion_<Region> and InCountry_England");
  }
  std::vector<std::string> out;
  for (const Area& a : s.areas()) {
    if (!a.is_current()) continue;
    if (std::find(tn->types.begin(), tn->types.end(), a.type) == tn->types.end()) continue;
    if (!region.empty() && a.region_code != region) continue;
    out.push_back(a.code);
  }
  return out;
}

}  // namespace

Result<std::vector<std::string>> resolve_area_list(const Snapshot& s, const Access& access,
                                                   const std::string& spec) {
  const std::vector<std::string> items = split_list(spec);
  if (items.empty())
    return invalid("parameter 'area' is required, e.g. area=E08000035 or "
                   "area=AllBoroughInRegion_London");
  std::vector<std::string> out;
  std::set<std::string> seen;
  auto add = [&](const std::string& code) {
    if (seen.insert(code).second) out.push_back(code);
  };
  for (const std::string& item : items) {
    if (item.find(':') != std::string::npos) {
      const std::string parent = item.substr(0, item.find(':'));
      return invalid("area '" + item + "': lgbench holds councils only, no " +
                     item.substr(item.find(':') + 1) + " areas within " + parent);
    }
    const std::string kNeighbours = "_CIPFA_Near_Neighbours";
    if (item.size() > kNeighbours.size() &&
        item.compare(item.size() - kNeighbours.size(), kNeighbours.size(), kNeighbours) == 0) {
      const std::string code = item.substr(0, item.size() - kNeighbours.size());
      auto n = neighbours(s, access, code);
      if (!n) return Error{n.error().code, "area set '" + item + "': " + n.error().message};
      add(n->code);
      for (const NeighbourItem& it : n->neighbours) add(it.code);
      continue;
    }
    if (item.rfind("All", 0) == 0) {
      auto set = type_in_place(s, item);
      if (!set) return set.error();
      for (const std::string& code : *set) add(code);
      continue;
    }
    auto area = lookup_area(s, item);
    if (!area) return area.error();
    add(item);
  }
  if (out.size() > 1000) return invalid("at most 1000 areas per request");
  return out;
}

Result<std::vector<std::string>> resolve_period_list(const Snapshot& s, const Access& access,
                                                     const std::string& metric_id,
                                                     const std::string& spec) {
  auto m = s.find_visible_metric(metric_id, access);
  if (!m) return m.error();
  std::vector<std::string> held;  // oldest first
  for (const Column& c : s.metric(*m).columns) held.push_back(s.periods()[c.period].id());
  if (spec.empty() || spec == "latest" || spec.rfind("latest:", 0) == 0) {
    int n = 1;
    if (spec.size() > 7) {
      const std::string count = spec.substr(7);
      auto [end, ec] = std::from_chars(count.data(), count.data() + count.size(), n);
      if (ec != std::errc() || end != count.data() + count.size() || n < 1 || n > 100)
        return invalid("period '" + spec + "': latest:N takes N from 1 to 100");
    }
    const size_t take = std::min(held.size(), static_cast<size_t>(n));
    return std::vector<std::string>(held.end() - static_cast<std::ptrdiff_t>(take), held.end());
  }
  std::vector<std::string> out;
  for (const std::string& p : split_list(spec)) {
    auto parsed = parse_period_id(p);
    if (!parsed) return invalid("period '" + p + "': " + parsed.error().message);
    out.push_back(p);
  }
  return out;
}

}  // namespace lgb
