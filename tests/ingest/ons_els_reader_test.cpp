#include <gtest/gtest.h>

#include <map>

#include "ingest_test_util.h"

namespace lgb {
namespace {

using testing::data_path;
using testing::file_line;
using testing::read_data_file;

const Observation* find(const ReadResult& r, const std::string& area, const std::string& period,
                        size_t* index = nullptr) {
  for (size_t i = 0; i < r.batch.observations.size(); ++i) {
    const auto& o = r.batch.observations[i];
    if (o.area_code == area && o.period_id == period) {
      if (index) *index = i;
      return &o;
    }
  }
  return nullptr;
}

TEST(OnsElsReader, ClaimantCount) {
  KnownRegister known;
  IngestReport report;
  auto r = read_data_file(&read_ons_els, "ons-els/claimant-count.csv", known, report);
  ASSERT_TRUE(report.ok()) << report.format();
  EXPECT_EQ(report.rows_read, 10325);
  EXPECT_EQ(r.batch.observations.size(), 10325u);
  EXPECT_EQ(r.batch.periods.size(), 25u);  // cy2001 .. cy2025
  size_t i = 0;
  const Observation* o = find(r, "E08000035", "cy2023", &i);
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->metric_id, "claimant-count");
  // The published text, byte for byte, from the very line it came from.
  std::string line = file_line(data_path("ons-els/claimant-count.csv"), r.sources[i].line);
  EXPECT_EQ(line.rfind("E08000035,Leeds,", 0), 0u) << line;
  EXPECT_NE(line.find(",2023-01-01/P1Y," + o->value.text + ","), std::string::npos) << line;
  // Metadata fills what the spec leaves empty.
  EXPECT_EQ(r.batch.release.publisher, "Office for National Statistics");
  EXPECT_EQ(r.batch.release.published_on, "2026-01-20");
  EXPECT_EQ(r.batch.release.source_url.rfind("https://www.ons.gov.uk/", 0), 0u);
  // Statuses: "x" rows have no number and keep their (empty) text.
  int withheld = 0;
  for (const auto& ob : r.batch.observations)
    if (ob.value.marker == Marker::kNotAvailable) {
      ++withheld;
      EXPECT_FALSE(ob.value.has_number());
      EXPECT_EQ(ob.value.marker_text, "x");
    }
  EXPECT_EQ(withheld, 132);
  // UK, GB and England & Wales appear in no register: added, with a note.
  std::map<std::string, AreaType> added;
  for (const auto& a : r.batch.areas) added[a.code] = a.type;
  EXPECT_EQ(added, (std::map<std::string, AreaType>{{"K02000001", AreaType::kCountry},
                                                    {"K03000001", AreaType::kCountry},
                                                    {"K04000001", AreaType::kCountry}}));
}

TEST(OnsElsReader, ItlRowsSkippedWithANote) {
  KnownRegister known;
  IngestReport report;
  auto r = read_data_file(&read_ons_els, "ons-els/engagement-with-culture-and-heritage.csv", known,
                          report);
  ASSERT_TRUE(report.ok()) << report.format();
  EXPECT_EQ(report.rows_read, 1396);
  EXPECT_EQ(r.batch.observations.size(), 1396u - 36 - 132);
  ASSERT_GE(report.notes.size(), 2u);
  EXPECT_NE(report.notes[0].find("skipped 36 rows of geography 'ITL Level 1'"), std::string::npos);
  EXPECT_NE(report.notes[1].find("skipped 132 rows of geography 'ITL Level 2'"), std::string::npos);
  for (const auto& o : r.batch.observations) EXPECT_NE(o.area_code.substr(0, 2), "TL");
  // Four indicators in one file, one metric each.
  std::map<std::string, int> metrics;
  for (const auto& o : r.batch.observations) ++metrics[o.metric_id];
  EXPECT_EQ(metrics.size(), 4u);
  EXPECT_TRUE(metrics.count("visited-a-public-library"));
  // Metadata under "shared".
  EXPECT_EQ(r.batch.release.publisher, "Department for Culture, Media and Sport");
  EXPECT_EQ(r.batch.release.published_on, "2024-07-24");
}

TEST(OnsElsReader, MetadataWithSeveralSources) {
  KnownRegister known;
  IngestReport report;
  auto r =
      read_data_file(&read_ons_els, "ons-els/domestic-electricity-consumption.csv", known, report);
  ASSERT_TRUE(report.ok()) << report.format();
  EXPECT_EQ(r.batch.release.published_on, "2025-12-18");
  EXPECT_EQ(r.batch.release.publisher,
            "Department for Energy Security and Net Zero (Great Britain); Department for Energy "
            "Security and Net Zero (Northern Ireland)");
  EXPECT_EQ(r.batch.release.source_url,
            "https://www.gov.uk/government/collections/sub-national-electricity-consumption-data");
  // Periods that are not a calendar or financial year keep their ISO interval.
  EXPECT_NE(find(r, "K03000001", "2012-02-01/p1y"), nullptr);
}

TEST(OnsElsReader, SpecWinsOverMetadata) {
  KnownRegister known;
  IngestReport report;
  SourceSpec spec;
  spec.publisher = "Someone";
  spec.published_on = "2020-01-01";
  auto r = read_data_file(&read_ons_els, "ons-els/library-walk.csv", known, report, &spec);
  ASSERT_TRUE(report.ok()) << report.format();
  EXPECT_EQ(r.batch.release.publisher, "Someone");
  EXPECT_EQ(r.batch.release.published_on, "2020-01-01");
  EXPECT_EQ(r.batch.observations[0].period_id, "2024-05-15");
}

TEST(OnsElsReader, AcademicYearsAreCanonical) {
  KnownRegister known;
  IngestReport report;
  auto r = read_data_file(&read_ons_els, "ons-els/apprenticeships.csv", known, report);
  ASSERT_TRUE(report.ok()) << report.format();
  const Observation* o = find(r, "E92000001", "ay2024-25");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value.text, "959");
  for (const auto& p : r.batch.periods) {
    EXPECT_EQ(p.kind, PeriodKind::kAcademicYear);
    EXPECT_EQ(p.month, 9);  // the same Period for "…-08-01/P1Y" and ay ids
  }
  int low = 0;
  for (const auto& ob : r.batch.observations) low += ob.value.marker == Marker::kLowReliability;
  EXPECT_EQ(low, 10);
}

TEST(OnsElsReader, RowProblemsAndUnknownCodes) {
  KnownRegister known;
  known.areas["E08000035"].code = "E08000035";
  known.metric_ids.insert("claimant-count");
  IngestReport report;
  const std::string header =
      "areacd,areanm,geography,indicator,period,observation,measure,unit,lci_95,uci_95,status,"
      "notes\n";
  auto r = testing::read_bytes(
      &read_ons_els,
      header +
          "E08000035,Leeds,Local Authority District,Claimant Count,2023-01-01/P1Y,3.1,,,,,,\n" +
          "E08000035,Leeds,Local Authority District,Claimant Count,2023/24,3.1,,,,,,\n" +
          "E08000035,Leeds,Local Authority District,Claimant Count,2022-01-01/P1Y,3.1,,,,,q,\n" +
          "E13000001,Inner London,County or Unitary Authority,Claimant "
          "Count,2023-01-01/P1Y,4,,,,,,\n" +
          "TLC,North East,ITL Level 1,Claimant Count,2023-01-01/P1Y,4,,,,,,\n",
      "/nonexistent/els.csv", known, report);
  ASSERT_EQ(report.errors.size(), 2u) << report.format();
  EXPECT_EQ(report.errors[0].line, 3);
  EXPECT_EQ(report.errors[0].field, "period");
  EXPECT_EQ(report.errors[1].line, 4);
  EXPECT_EQ(report.errors[1].field, "status");
  EXPECT_EQ(r.batch.observations.size(), 2u);
  ASSERT_EQ(r.batch.areas.size(), 1u);  // Inner London: a statistical geography
  EXPECT_EQ(r.batch.areas[0].name, "Inner London");
  // No metadata file: noted, not an error (the manifest may give provenance).
  EXPECT_NE(report.notes[0].find("no metadata file"), std::string::npos);
}

// What real ONS files do that the format does not foresee: a sentence in the
// status column, rows with no value at all, a "notes" column given twice.
TEST(OnsElsReader, PublisherQuirks) {
  KnownRegister known;
  known.areas["E09000012"].code = "E09000012";
  known.areas["E06000053"].code = "E06000053";
  IngestReport report;
  auto r = testing::read_bytes(
      &read_ons_els,
      "areacd,areanm,geography,indicator,period,observation,measure,unit,lci_95,uci_95,status,"
      "notes,notes\n"
      "E09000012,Hackney,LAD,Preventable mortality,2022-01-01/P1Y,150.1,,,,,Value for Hackney "
      "and City of London combined,,\n"
      "E06000053,Isles of Scilly,LAD,Preventable mortality,2022-01-01/P1Y,,,,,,,,\n"
      "E09000012,Hackney,LAD,Preventable mortality,2021-01-01/P1Y,151,,,,,,,lost\n",
      "/nonexistent/q.csv", known, report);
  ASSERT_EQ(report.errors.size(), 1u) << report.format();
  EXPECT_EQ(report.errors[0].line, 4);
  EXPECT_EQ(report.errors[0].column, 13);
  ASSERT_EQ(r.batch.observations.size(), 1u);
  EXPECT_EQ(r.batch.observations[0].value.text, "150.1");
  EXPECT_EQ(r.batch.observations[0].value.marker, Marker::kNone);
  EXPECT_EQ(r.batch.observations[0].value.note, "Value for Hackney and City of London combined");
  std::string notes;
  for (const auto& n : report.notes) notes += n + "\n";
  EXPECT_NE(notes.find("repeats the name 'notes'"), std::string::npos) << notes;
  EXPECT_NE(notes.find("skipped 1 rows with neither an observation nor a status"),
            std::string::npos)
      << notes;
}

}  // namespace
}  // namespace lgb
