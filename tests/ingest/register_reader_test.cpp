// The register readers on the real bundled files, chained as the manifest
// chains them: ONS lookup -> mySociety register -> ONS change list. Each
// reader sees what the earlier ones produced through a KnownRegister.
#include <gtest/gtest.h>

#include <map>

#include "ingest_test_util.h"

namespace lgb {
namespace {

using testing::read_bytes;
using testing::read_data_file;

void add_to(KnownRegister& known, const ReadResult& r) {
  for (const auto& a : r.batch.areas) known.areas[a.code] = a;
  for (const auto& m : r.batch.metrics) known.metric_ids.insert(m.id);
}

std::map<std::string, Area> by_code(const ReadResult& r) {
  std::map<std::string, Area> out;
  for (const auto& a : r.batch.areas) out[a.code] = a;
  return out;
}

KnownRegister after_lookup() {
  KnownRegister known;
  IngestReport report;
  add_to(known, read_data_file(&read_ons_ltla_lookup, "register/ons_uk_topojson_ltla14_lookup.csv",
                               known, report));
  EXPECT_TRUE(report.ok()) << report.format();
  return known;
}

SourceSpec register_spec() {
  SourceSpec s;
  s.published_on = "2025-07-10";
  return s;
}

TEST(LtlaLookupReader, RegionsCountriesCombinedAuthorities) {
  KnownRegister known;
  IngestReport report;
  auto r = read_data_file(&read_ons_ltla_lookup, "register/ons_uk_topojson_ltla14_lookup.csv",
                          known, report);
  ASSERT_TRUE(report.ok()) << report.format();
  std::map<AreaType, int> types;
  for (const auto& a : r.batch.areas) ++types[a.type];
  EXPECT_EQ(types[AreaType::kCountry], 4);
  EXPECT_EQ(types[AreaType::kRegion], 9);
  EXPECT_EQ(types[AreaType::kOther], 6);  // metropolitan counties
  EXPECT_GT(types[AreaType::kCombinedAuthority], 5);
  EXPECT_EQ(types.count(AreaType::kDistrict), 0u);  // councils come from the register
  auto all = by_code(r);
  EXPECT_EQ(all.at("E12000003").name, "Yorkshire and The Humber");
  EXPECT_EQ(all.at("E12000003").region_code, "");
  EXPECT_EQ(all.at("W92000004").type, AreaType::kCountry);  // not also a region
  EXPECT_EQ(all.at("E47000006").name, "Tees Valley");
  EXPECT_EQ(all.at("E47000006").region_code, "E12000001");
  EXPECT_EQ(all.at("E11000001").region_code, "E12000002");  // Greater Manchester: North West
}

TEST(RegisterReader, AreasFromTheRealRegister) {
  KnownRegister known = after_lookup();
  IngestReport report;
  SourceSpec spec = register_spec();
  auto r = read_data_file(&read_register_mysociety, "register/uk_local_authorities.csv", known,
                          report, &spec);
  ASSERT_TRUE(report.ok()) << report.format();
  auto all = by_code(r);
  // 470 rows; 25 pre-2015 NI districts have no GSS code; 13 former codes.
  EXPECT_EQ(all.size(), 470u - 25 + 13);
  EXPECT_EQ(all.at("E09000001").type, AreaType::kLondonBorough);  // City of London (CC)
  EXPECT_EQ(all.at("E61000001").type, AreaType::kOther);          // GLA (SRA)
  EXPECT_EQ(all.at("E47000001").type, AreaType::kCombinedAuthority);
  EXPECT_EQ(all.at("W06000015").type, AreaType::kUnitary);   // WPA
  EXPECT_EQ(all.at("S12000034").type, AreaType::kUnitary);   // SCO
  EXPECT_EQ(all.at("N09000002").type, AreaType::kDistrict);  // NID
  EXPECT_EQ(all.at("N09000002").region_code, "N92000002");
  EXPECT_EQ(all.at("E08000035").region_code, "E12000003");
  EXPECT_EQ(all.at("E07000026").parent_code, "E10000006");
  const Area& bucks = all.at("E10000002");
  EXPECT_EQ(bucks.end_date, "2020-03-31");
  EXPECT_EQ(bucks.successor_codes, std::vector<std::string>{"E06000060"});
  EXPECT_EQ(bucks.region_code, "E12000008");  // not in the row: from its successor
  EXPECT_EQ(all.at("E06000060").start_date, "2020-04-01");
  const Area& old_nbl = all.at("E06000048");  // former code of Northumberland
  EXPECT_EQ(old_nbl.successor_codes, std::vector<std::string>{"E06000057"});
  EXPECT_EQ(old_nbl.end_date, "2025-07-10");
  EXPECT_EQ(old_nbl.type, AreaType::kUnitary);
}

TEST(RegisterReader, PopulationAndAreaKeptAsPublished) {
  KnownRegister known = after_lookup();
  IngestReport report;
  SourceSpec spec = register_spec();
  auto r = read_data_file(&read_register_mysociety, "register/uk_local_authorities.csv", known,
                          report, &spec);
  ASSERT_TRUE(report.ok()) << report.format();
  std::map<std::string, std::string> pop, km2;
  for (const auto& o : r.batch.observations) {
    EXPECT_EQ(o.period_id, "cy2020");
    (o.metric_id == "resident-population" ? pop : km2)[o.area_code] = o.value.text;
  }
  // ABC,...,N09000002,...,area 1338.0, pop-2020 217232.0
  EXPECT_EQ(pop.at("N09000002"), "217232.0");
  EXPECT_EQ(km2.at("N09000002"), "1338.0");
  EXPECT_EQ(pop.count("E10000002"), 0u);  // empty in the register: no value
  EXPECT_EQ(pop.size(), 415u);
  EXPECT_EQ(km2.size(), 415u);
}

TEST(RegisterReader, RegionsMustBeLoadedFirst) {
  KnownRegister empty;
  IngestReport report;
  SourceSpec spec = register_spec();
  read_data_file(&read_register_mysociety, "register/uk_local_authorities.csv", empty, report,
                 &spec);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.errors[0].field, "region");
  EXPECT_NE(report.errors[0].message.find("load the ONS LTLA lookup first"), std::string::npos);
}

TEST(RegisterReader, UnknownTypeAndSuccessor) {
  KnownRegister known = after_lookup();
  IngestReport report;
  read_bytes(&read_register_mysociety,
             "local-authority-code,nice-name,gss-code,start-date,end-date,replaced-by,nation,"
             "region,local-authority-type,county-la,former-gss-codes,area,pop-2020\n"
             "AAA,A,E07999991,,2020-03-31,ZZZ,England,North East,NMD,,,,\n"
             "BBB,B,E07999992,1 April,,,England,North East,XYZ,,,,\n",
             "reg.csv", known, report);
  ASSERT_EQ(report.errors.size(), 3u) << report.format();
  EXPECT_EQ(report.errors[0].line, 2);
  EXPECT_EQ(report.errors[0].field, "replaced-by");
  EXPECT_EQ(report.errors[1].field, "local-authority-type");
  EXPECT_EQ(report.errors[2].field, "start-date");
}

TEST(LaChangesReader, NewCodesSuccessorsAndEndDates) {
  KnownRegister known = after_lookup();
  IngestReport report;
  SourceSpec spec = register_spec();
  add_to(known, read_data_file(&read_register_mysociety, "register/uk_local_authorities.csv", known,
                               report, &spec));
  ASSERT_TRUE(report.ok()) << report.format();
  IngestReport creport;
  auto r = read_data_file(&read_ons_la_changes, "register/ons_uk_topojson_la_changes.csv", known,
                          creport);
  ASSERT_TRUE(creport.ok()) << creport.format();
  auto changed = by_code(r);
  // New codes created, copying the old area's type and region.
  const Area& sheffield = changed.at("E08000039");
  EXPECT_EQ(sheffield.name, "Sheffield");
  EXPECT_EQ(sheffield.type, AreaType::kMetropolitanDistrict);
  EXPECT_EQ(sheffield.region_code, "E12000003");
  EXPECT_EQ(sheffield.start_date, "2025-04-01");
  EXPECT_EQ(changed.at("E08000019").successor_codes, std::vector<std::string>{"E08000039"});
  EXPECT_EQ(changed.at("E08000019").end_date, "2025-03-31");
  // Combined authorities: a merger ends the old ones; new_geo only adds.
  EXPECT_EQ(changed.at("E47000014").type, AreaType::kCombinedAuthority);
  EXPECT_EQ(changed.at("E47000010").successor_codes, std::vector<std::string>{"E47000014"});
  EXPECT_EQ(changed.at("E47000015").name, "Devon and Torbay");
  EXPECT_EQ(changed.at("E47000015").region_code, "E12000009");
  EXPECT_EQ(changed.count("E10000008"), 0u);  // Devon joins, does not end
  // The register's undated former codes get the change list's date.
  EXPECT_EQ(changed.at("S12000015").end_date, "2018-03-31");
  // Areas the list does not change are not in the batch.
  EXPECT_EQ(changed.count("E06000060"), 0u);
  EXPECT_EQ(changed.count("E07000004"), 0u);  // already ended with its successor
}

TEST(LaChangesReader, UnknownOldAreaAndType) {
  KnownRegister known = after_lookup();
  IngestReport report;
  read_bytes(&read_ons_la_changes,
             "oldcd,oldnm,newcd,newnm,type,start\n"
             "E07999999,Nowhere,E06999999,New,merger,2020\n"
             "E92000001,England,,,split,2020\n"
             "E92000001,England,,,termination,20x0\n",
             "changes.csv", known, report);
  ASSERT_EQ(report.errors.size(), 3u) << report.format();
  EXPECT_EQ(report.errors[0].field, "oldcd");
  EXPECT_EQ(report.errors[1].field, "type");
  EXPECT_EQ(report.errors[2].field, "start");
}

}  // namespace
}  // namespace lgb
