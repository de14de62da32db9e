#include "api/search.h"

#include <algorithm>
#include <cctype>

#include "engine/catalogue.h"

namespace lgb::api {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// 100 exact, 80 prefix, 60 a word starts with q, 40 substring, 0 none.
int text_score(const std::string& hay_lower, const std::string& q) {
  if (hay_lower == q) return 100;
  if (hay_lower.rfind(q, 0) == 0) return 80;
  size_t at = hay_lower.find(q);
  if (at == std::string::npos) return 0;
  for (size_t p = at; p != std::string::npos; p = hay_lower.find(q, p + 1))
    if (p > 0 && !std::isalnum(static_cast<unsigned char>(hay_lower[p - 1]))) return 60;
  return 40;
}

std::string title_case(std::string s) {
  for (char& c : s)
    if (c == '-') c = ' ';
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

bool searchable_area(const Area& a) {
  switch (a.type) {
    case AreaType::kCounty:
    case AreaType::kDistrict:
    case AreaType::kUnitary:
    case AreaType::kMetropolitanDistrict:
    case AreaType::kLondonBorough:
    case AreaType::kCombinedAuthority:
    case AreaType::kRegion:
    case AreaType::kCountry:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string area_type_label(AreaType t) {
  switch (t) {
    case AreaType::kCountry: return "Country";
    case AreaType::kRegion: return "Region";
    case AreaType::kCounty: return "County council";
    case AreaType::kDistrict: return "District council";
    case AreaType::kUnitary: return "Unitary authority";
    case AreaType::kMetropolitanDistrict: return "Metropolitan district";
    case AreaType::kLondonBorough: return "London borough";
    case AreaType::kCombinedAuthority: return "Combined authority";
    case AreaType::kFireAuthority: return "Fire and rescue authority";
    case AreaType::kOther: return "Other area";
  }
  return "Area";
}

std::vector<SearchHit> search_catalog(const Snapshot& snap, const Access& access, std::string_view raw) {
  std::vector<SearchHit> hits;
  const std::string q = lower(trim(raw));
  if (q.size() < 2) return hits;

  for (const Area& a : snap.areas()) {
    if (!searchable_area(a)) continue;
    int score = std::max(text_score(lower(a.name), q), lower(a.code) == q ? 100 : 0);
    if (score == 0) continue;
    SearchHit h;
    h.kind = "area";
    h.id = a.code;
    h.label = a.name;
    h.path = "/areas/" + a.code;
    h.current = a.is_current();
    h.detail = area_type_label(a.type);
    if (const Area* region = area_by_code(snap, a.region_code)) h.detail += ", " + region->name;
    if (!a.is_current()) {
      h.detail += "; abolished " + a.end_date.substr(0, 4);
      std::string now;
      for (const auto& code : a.successor_codes)
        if (const Area* succ = area_by_code(snap, code)) now += (now.empty() ? "" : ", ") + succ->name;
      if (!now.empty()) h.detail += ", now " + now;
    }
    // Councils before regions and countries, current before abolished.
    h.score = score * 10 + (h.current ? 5 : 0) +
              (a.type == AreaType::kRegion || a.type == AreaType::kCountry ? -3 : 0);
    hits.push_back(std::move(h));
  }

  for (const Metric* m : list_metrics(snap, access, {})) {
    int score = std::max(text_score(lower(m->title), q), lower(m->id) == q ? 100 : 0);
    auto tag_score = [&](const std::vector<std::string>& tags, int weight) {
      for (const auto& t : tags)
        score = std::max(score, text_score(lower(t), q) * weight / 100);
    };
    tag_score(m->themes, 70);
    tag_score(m->services, 70);
    tag_score(m->portfolios, 60);
    tag_score(m->directorates, 50);
    if (score == 0 && lower(m->description).find(q) != std::string::npos) score = 20;
    if (score == 0) continue;
    SearchHit h;
    h.kind = "metric";
    h.id = m->id;
    h.label = m->title;
    h.path = "/metrics/" + m->id;
    std::string detail;
    if (!m->themes.empty()) detail = title_case(m->themes.front());
    if (!m->services.empty()) detail += (detail.empty() ? "" : " \u00b7 ") + m->services.front();
    h.detail = detail.empty() ? "Measure" : "Measure: " + detail;
    h.score = score * 10;
    hits.push_back(std::move(h));
  }

  std::stable_sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.label < b.label;
  });
  return hits;
}

}  // namespace lgb::api
