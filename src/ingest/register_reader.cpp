// mySociety register of UK local authorities, past and current
// (data/register/uk_local_authorities.csv) -> one Area per row with a GSS
// code, plus observations of resident-population (pop-2020) and area-km2
// (area) for cy2020, kept exactly as published. Rules (docs/tidy-format.md):
//   type: NMD district, UA unitary, MD metropolitan-district, LBO and CC
//     london-borough, CTY county, COMB combined-authority, SRA other,
//     SCO and WPA unitary, NID district;
//   successors: replaced-by (3-letter codes) -> GSS via the same file;
//   parent: county-la (3-letter) -> GSS;
//   region: English region by name -> its E12 area in the store; for Wales,
//     Scotland and Northern Ireland the country; when the row names no
//     region, the region of its county, else of its successor;
//   former-gss-codes: each becomes an ended area whose successor is the
//     current code (publishers still use them for older periods).
#include <ctime>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/value.h"
#include "ingest/reader.h"
#include "ingest/table_reader.h"

namespace lgb {
namespace {

struct TypeName {
  std::string_view code;
  AreaType type;
};
constexpr TypeName kTypes[] = {
    {"NMD", AreaType::kDistrict},
    {"UA", AreaType::kUnitary},
    {"MD", AreaType::kMetropolitanDistrict},
    {"LBO", AreaType::kLondonBorough},
    {"CTY", AreaType::kCounty},
    {"COMB", AreaType::kCombinedAuthority},
    {"CC", AreaType::kLondonBorough},
    {"SRA", AreaType::kOther},
    {"SCO", AreaType::kUnitary},
    {"WPA", AreaType::kUnitary},
    {"NID", AreaType::kDistrict},
};

struct CountryCode {
  std::string_view nation;
  std::string_view code;
};
constexpr CountryCode kCountries[] = {
    {"Wales", "W92000004"}, {"Scotland", "S92000003"}, {"Northern Ireland", "N92000002"}};

struct Row {
  int64_t line = 0;
  std::vector<std::string> f;  // the row's fields
};

bool iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

std::string today_utc() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace

ReadResult read_register_mysociety(const ReaderInput& in, IngestReport& report) {
  ReadResult out(in);
  TableReader t(in.bytes, in.file, report, in.progress, in.consumed);
  if (!t.read_header()) return out;
  out.header = t.header();
  if (!t.require({"local-authority-code", "nice-name", "gss-code", "start-date", "end-date",
                  "replaced-by", "nation", "region", "local-authority-type", "county-la",
                  "former-gss-codes", "area", "pop-2020"}))
    return out;
  const int c_code = t.column("local-authority-code"), c_name = t.column("nice-name"),
            c_gss = t.column("gss-code"), c_start = t.column("start-date"),
            c_end = t.column("end-date"), c_repl = t.column("replaced-by"),
            c_nation = t.column("nation"), c_region = t.column("region"),
            c_type = t.column("local-authority-type"), c_county = t.column("county-la"),
            c_former = t.column("former-gss-codes"), c_area = t.column("area"),
            c_pop = t.column("pop-2020");
  auto err = [&](const Row& r, int col, std::string msg) {
    report.error(in.file, r.line, col + 1, t.field_name(col), std::move(msg));
  };

  // Pass 1: every row, and the register's own 3-letter code -> row.
  std::vector<Row> rows;
  std::unordered_map<std::string, size_t> by_code;
  while (t.next()) {
    Row r{t.line(), {}};
    r.f.assign(t.header().size(), "");
    for (size_t i = 0; i < r.f.size(); ++i) r.f[i] = t.get(static_cast<int>(i));
    auto [it, fresh] = by_code.emplace(r.f[c_code], rows.size());
    if (!fresh)
      err(r, c_code,
          "local-authority-code '" + r.f[c_code] + "' repeated (first on line " +
              std::to_string(rows[it->second].line) + ")");
    rows.push_back(std::move(r));
  }

  // Regions in the store by name (loaded earlier from the ONS lookup).
  std::unordered_map<std::string, std::string> region_by_name;
  for (const auto& [code, a] : in.known.areas)
    if (a.type == AreaType::kRegion) region_by_name[a.name] = code;
  auto direct_region = [&](const Row& r) -> std::string {
    const std::string& name = r.f[c_region];
    if (name.empty()) return "";
    if (auto it = region_by_name.find(name); it != region_by_name.end()) return it->second;
    for (const auto& c : kCountries)
      if (c.nation == r.f[c_nation] && in.known.find_area(std::string(c.code)))
        return std::string(c.code);
    return "";
  };
  auto row_of = [&](const std::string& code3) -> const Row* {
    auto it = by_code.find(code3);
    return it == by_code.end() ? nullptr : &rows[it->second];
  };

  Period cy2020 = *parse_period_id("cy2020");
  std::vector<std::string> no_gss, regions_inferred;
  std::unordered_map<std::string, int64_t> row_gss;  // GSS -> line
  for (const auto& r : rows) row_gss.emplace(r.f[c_gss], r.line);
  int64_t former_count = 0;
  // A former code is known to have ended by the time the register was
  // published; without a publication date, by today.
  const std::string former_end = in.spec.published_on.empty() ? today_utc() : in.spec.published_on;

  for (const auto& r : rows) {
    const std::string& gss = r.f[c_gss];
    if (gss.empty()) {
      no_gss.push_back(r.f[c_code] + " " + r.f[c_name]);
      continue;
    }
    bool ok = true;
    Area a;
    a.code = gss;
    a.name = r.f[c_name];
    if (a.name.empty()) err(r, c_name, "empty name"), ok = false;
    bool typed = false;
    for (const auto& tn : kTypes)
      if (tn.code == r.f[c_type]) a.type = tn.type, typed = true;
    if (!typed) err(r, c_type, "unknown local-authority-type '" + r.f[c_type] + "'"), ok = false;
    for (int c : {c_start, c_end})
      if (!r.f[c].empty() && !iso_date(r.f[c]))
        err(r, c, "'" + r.f[c] + "' is not an ISO date yyyy-mm-dd"), ok = false;
    a.start_date = r.f[c_start];
    a.end_date = r.f[c_end];
    for (const auto& code3 : split_trimmed(r.f[c_repl], ',')) {
      const Row* s = row_of(code3);
      if (!s || s->f[c_gss].empty()) {
        err(r, c_repl, "successor '" + code3 + "' has no GSS code in this register");
        ok = false;
      } else {
        a.successor_codes.push_back(s->f[c_gss]);
      }
    }
    if (!r.f[c_county].empty()) {
      const Row* p = row_of(r.f[c_county]);
      if (!p || p->f[c_gss].empty()) {
        err(r, c_county, "county '" + r.f[c_county] + "' has no GSS code in this register");
        ok = false;
      } else {
        a.parent_code = p->f[c_gss];
      }
    }
    a.region_code = direct_region(r);
    if (a.region_code.empty() && !r.f[c_region].empty()) {
      err(r, c_region,
          "region '" + r.f[c_region] +
              "' is not an area of type region in the store (load the ONS LTLA "
              "lookup first)");
      ok = false;
    }
    if (a.region_code.empty()) {
      // Older rows name no region: take the county's, else the successor's.
      std::vector<std::string> via;
      if (!r.f[c_county].empty()) via.push_back(r.f[c_county]);
      for (const auto& s : split_trimmed(r.f[c_repl], ',')) via.push_back(s);
      for (const auto& code3 : via)
        if (const Row* o = row_of(code3); o && a.region_code.empty())
          a.region_code = direct_region(*o);
      if (!a.region_code.empty()) regions_inferred.push_back(gss);
    }
    if (!ok) continue;

    // Former GSS codes of the same council.
    for (const auto& former : split_trimmed(r.f[c_former], ',')) {
      if (row_gss.count(former)) {
        err(r, c_former, "former code " + former + " is also the current code of another row");
        continue;
      }
      Area f = a;
      f.code = former;
      f.start_date.clear();
      f.end_date = former_end;  // see docs/tidy-format.md
      f.successor_codes = {gss};
      out.add_area(std::move(f), r.line);
      ++former_count;
    }
    out.add_area(a, r.line);

    auto observe = [&](int col, const char* metric) {
      const std::string& text = r.f[col];
      if (text.empty()) return;
      auto v = make_value(text, "", "");
      if (!v) {
        err(r, col, v.error().message);
        return;
      }
      out.add(Observation{gss, metric, cy2020.id(), std::move(*v)}, cy2020,
              ObservationSource{r.line, c_gss, col, col});
    };
    observe(c_pop, "resident-population");
    observe(c_area, "area-km2");
  }

  if (!no_gss.empty()) {
    std::string list;
    for (const auto& s : no_gss) list += (list.empty() ? "" : ", ") + s;
    report.notes.push_back(
        in.file + ": skipped " + std::to_string(no_gss.size()) +
        " rows without a GSS code (no statistics are published for them): " + list);
  }
  if (!regions_inferred.empty()) {
    std::string list;
    for (const auto& s : regions_inferred) list += (list.empty() ? "" : ", ") + s;
    report.notes.push_back(in.file +
                           ": region not given; taken from the county or successor "
                           "for " +
                           list);
  }
  if (former_count > 0)
    report.notes.push_back(
        in.file + ": added " + std::to_string(former_count) +
        " former GSS codes as ended areas (successor: the current code); the register gives "
        "no date for a code change, so each is recorded as ended by the register's "
        "publication date (" +
        former_end + ") unless the ONS change list dates it");
  return out;
}

}  // namespace lgb
