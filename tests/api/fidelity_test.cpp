// FIDELITY: for every bundled source file with observations, every value the
// API serves equals the published text byte for byte, and every published
// value is served. The files are read here with the test's own CSV parser;
// only the documented key mapping (metric = slugify(indicator), period ids)
// comes from core.
#include <gtest/gtest.h>

#include <set>

#include "api_test_support.h"
#include "core/metric.h"
#include "core/period.h"
#include "ingest/file_bytes.h"

namespace lgb::test {
namespace {

struct Published {
  std::string value, marker, note;
};
// metric -> (area, period) -> published
using Expected = std::map<std::string, std::map<std::pair<std::string, std::string>, Published>>;

struct SourceRow {
  std::string path, format;
};

std::vector<SourceRow> manifest() {
  auto rows = parse_csv(read_file(data_dir() + "/sources.csv"));
  std::vector<SourceRow> out;
  for (size_t i = 1; i < rows.size(); ++i) out.push_back({rows[i][0], rows[i][1]});
  return out;
}

void add(Expected& e, const std::string& file, const std::string& metric, const std::string& area,
         const std::string& period, Published p) {
  auto [it, fresh] = e[metric].emplace(std::make_pair(area, period), std::move(p));
  ASSERT_TRUE(fresh) << file << ": duplicate " << metric << " " << area << " " << period;
}

// ONS Explore Local Statistics: ITL rows are skipped by design, and so are
// rows with neither an observation nor a status (nothing published); a
// sentence in the status column is the value's note (docs/tidy-format.md).
void read_ons_els(const std::string& file, Expected& e) {
  auto bytes = read_published_bytes(file);  // inflates the .csv.gz copies
  ASSERT_TRUE(bytes.ok()) << file;
  auto rows = parse_csv(*bytes);
  const auto& h = rows[0];
  size_t area = column(h, "areacd"), geo = column(h, "geography"), ind = column(h, "indicator"),
         per = column(h, "period"), obs = column(h, "observation"), st = column(h, "status"),
         notes = column(h, "notes");
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    ASSERT_EQ(r.size(), h.size()) << file << " row " << i;
    if (r[geo].rfind("ITL Level", 0) == 0) continue;
    if (r[obs].empty() && r[st].empty()) continue;
    auto period = parse_iso_period(r[per]);
    ASSERT_TRUE(period.ok()) << file << ": " << r[per];
    if (r[st].find(' ') != std::string::npos) {
      std::string note = r[notes].empty() ? r[st] : r[st] + "; " + r[notes];
      add(e, file, slugify(r[ind]), r[area], period->id(), {r[obs], "", note});
    } else {
      add(e, file, slugify(r[ind]), r[area], period->id(), {r[obs], r[st], r[notes]});
    }
  }
}

void read_trafford(const std::string& file, Expected& e) {
  auto rows = parse_csv(read_file(file));
  const auto& h = rows[0];
  size_t area = column(h, "area_code"), ind = column(h, "indicator"), per = column(h, "period"),
         val = column(h, "value");
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    auto period = parse_year_period(r[per]);
    ASSERT_TRUE(period.ok()) << file << ": " << r[per];
    // "NA" is published as the value itself: the marker text is the value.
    add(e, file, slugify(r[ind]), r[area], period->id(), {r[val], r[val] == "NA" ? "NA" : "", ""});
  }
}

// The register carries two measures per council, both for 2020.
void read_register(const std::string& file, Expected& e) {
  auto rows = parse_csv(read_file(file));
  const auto& h = rows[0];
  size_t gss = column(h, "gss-code"), pop = column(h, "pop-2020"), area = column(h, "area");
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (r[gss].empty()) continue;
    if (!r[pop].empty()) add(e, file, "resident-population", r[gss], "cy2020", {r[pop], "", ""});
    if (!r[area].empty()) add(e, file, "area-km2", r[gss], "cy2020", {r[area], "", ""});
  }
}

std::string text_or_empty(const boost::json::value& v) {
  return v.is_null() ? "" : std::string(v.as_string());
}

TEST(Fidelity, EveryServedValueIsThePublishedText) {
  Fixture& f = full_fixture();
  Expected expected;
  int files = 0;
  for (const auto& s : manifest()) {
    std::string file = data_dir() + "/" + s.path;
    if (s.format == "ons-els") read_ons_els(file, expected);
    else if (s.format == "trafford") read_trafford(file, expected);
    else if (s.format == "register-mysociety") read_register(file, expected);
    else continue;
    ++files;
  }
  ASSERT_GE(files, 20);
  ASSERT_GE(expected.size(), 25u);

  HttpClient c(f.server->port());
  size_t compared = 0;
  for (const auto& [metric, values] : expected) {
    auto r = c.get("/api/v1/data?metric=" + metric);
    ASSERT_EQ(r.status, 200) << metric << ": " << r.body;
    std::set<std::pair<std::string, std::string>> served;
    const boost::json::value doc = r.json();  // must outlive the loop below
    for (const auto& v : doc.as_object().at("values").as_array()) {
      const auto& o = v.as_object();
      std::pair<std::string, std::string> key{std::string(o.at("area_code").as_string()),
                                              std::string(o.at("period").as_string())};
      served.insert(key);
      auto it = values.find(key);
      if (it == values.end()) {
        ADD_FAILURE() << metric << " " << key.first << " " << key.second
                      << ": served but not published";
        continue;
      }
      ASSERT_TRUE(o.at("value").is_string());
      EXPECT_EQ(o.at("value").as_string(), it->second.value)
          << metric << " " << key.first << " " << key.second;
      EXPECT_EQ(text_or_empty(o.at("marker")), it->second.marker)
          << metric << " " << key.first << " " << key.second;
      EXPECT_EQ(text_or_empty(o.at("note")), it->second.note)
          << metric << " " << key.first << " " << key.second;
      ++compared;
    }
    for (const auto& [key, p] : values)
      EXPECT_TRUE(served.count(key)) << metric << " " << key.first << " " << key.second
                                     << ": published but not served";
  }
  EXPECT_GT(compared, 75000u);
}

TEST(Fidelity, CsvFormatCarriesTheSameText) {
  // The CSV route must not reformat numbers either: compare it to JSON.
  HttpClient c(full_fixture().server->port());
  for (const char* metric : {"claimant-count", "waste-reused-recycled-composted", "area-km2"}) {
    auto json = c.get(std::string("/api/v1/data?metric=") + metric).json().as_object();
    auto csv = parse_csv(c.get(std::string("/api/v1/data?metric=") + metric + "&format=csv").body);
    const auto& values = json.at("values").as_array();
    ASSERT_EQ(csv.size(), values.size() + 1) << metric;
    size_t col = column(csv[0], "value");
    for (size_t i = 0; i < values.size(); ++i)
      EXPECT_EQ(csv[i + 1][col], values[i].as_object().at("value").as_string()) << metric;
  }
}

}  // namespace
}  // namespace lgb::test
