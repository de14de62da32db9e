#include "store/sql_rows.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <unordered_set>

namespace lgb::store {

namespace {

constexpr PeriodKind kPeriodKinds[] = {
    PeriodKind::kFinancialYear, PeriodKind::kCalendarYear, PeriodKind::kAcademicYear,
    PeriodKind::kQuarter,       PeriodKind::kMonth,        PeriodKind::kDate,
    PeriodKind::kMultiYear,     PeriodKind::kOther,
};

}  // namespace

std::string utc_now_iso8601() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Result<std::vector<Period>> periods_of_batch(const ReleaseBatch& b) {
  std::vector<Period> out;
  std::unordered_set<std::string> known;
  for (const Period& p : b.periods)
    if (known.insert(p.id()).second) out.push_back(p);
  for (size_t i = 0; i < b.observations.size(); ++i) {
    const std::string& id = b.observations[i].period_id;
    if (known.count(id)) continue;
    auto p = parse_period_id(id);
    if (!p) return invalid("observation " + std::to_string(i + 1) + ": " + p.error().message);
    out.push_back(*p);
    known.insert(id);
  }
  return out;
}

std::string observation_where(size_t index, size_t total, const Observation& o) {
  return "observation " + std::to_string(index + 1) + " of " + std::to_string(total) + " (area " +
         o.area_code + ", metric " + o.metric_id + ", period " + o.period_id + ")";
}

Result<Period> period_from_columns(const std::string& id, std::string_view kind,
                                   std::string_view start_date, int months) {
  Period p;
  bool kind_ok = false;
  for (PeriodKind k : kPeriodKinds)
    if (to_string(k) == kind) p.kind = k, kind_ok = true;
  std::string start(start_date);
  if (!kind_ok || std::sscanf(start.c_str(), "%d-%d-%d", &p.year, &p.month, &p.day) != 3)
    return corrupt("period " + id + " with bad kind or start date");
  p.months = months;
  if (p.id() != id) return corrupt("period " + id + " that reads back as " + p.id());
  return p;
}

Result<Marker> marker_from_column(std::string_view name) {
  if (name.empty()) return Marker::kNone;
  if (auto m = parse_marker(name)) return *m;
  return corrupt("an unknown marker '" + std::string(name) + "'");
}

Error already_loaded(const Release& r, int64_t existing_id) {
  return conflict("file '" + r.file_name + "' (sha256 " + r.sha256 + ", format " + r.format +
                  ") is already loaded as release " + std::to_string(existing_id));
}

std::vector<std::string>* tag_list(Metric& m, std::string_view facet) {
  return facet == "theme"         ? &m.themes
         : facet == "service"     ? &m.services
         : facet == "directorate" ? &m.directorates
         : facet == "portfolio"   ? &m.portfolios
                                  : nullptr;
}

const std::vector<std::string>& tag_list(const Metric& m, size_t facet_index) {
  const std::vector<std::string>* lists[] = {&m.themes, &m.services, &m.directorates,
                                             &m.portfolios};
  return *lists[facet_index];
}

std::string json_string_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (unsigned char c : items[i]) {
      if (c == '"' || c == '\\') {
        out += '\\';
        out += static_cast<char>(c);
      } else if (c < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      } else {
        out += static_cast<char>(c);
      }
    }
    out += '"';
  }
  return out + "]";
}

Error corrupt(const std::string& what) {
  return internal("database holds " + what + "; was it written by another program?");
}

}  // namespace lgb::store
