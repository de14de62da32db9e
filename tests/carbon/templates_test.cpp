// Uploads of the CSV templates: a good file gives its lines; a malformed one
// is refused whole with every problem named by row and column.
#include <gtest/gtest.h>

#include "carbon/common_factors.h"
#include "carbon/templates.h"
#include "carbon_fixture.h"

namespace lgb::testing {
namespace {

using carbon::read_activity_csv;
using carbon::read_waste_csv;

const char* kHeader =
    "category,description,level_1,level_2,level_3,level_4,column_text,unit,quantity,market_factor,"
    "source_note,evidence_url\n";

TEST(Templates, ActivityUploadGivesItsLinesAndSkipsBlankQuantities) {
  const std::string csv = std::string(kHeader) +
                          "buildings,Civic Hall gas,Fuels,Gaseous fuels,Natural gas,,,kWh (Gross CV),\"250,000\",,meter reads,https://example.org/gas\n"
                          "buildings,Unused template row,Fuels,Liquid fuels,Gas oil,,,litres,,,,\n"
                          "buildings,Civic Hall power,UK electricity,Electricity generated,Electricity: UK,kWh,,kWh,1000000,0,REGO tariff,\n";
  IngestReport report;
  auto lines = read_activity_csv(csv, "activity.csv", factors(2023), report);
  ASSERT_TRUE(lines.ok()) << report.format();
  ASSERT_EQ(lines->size(), 2u);
  EXPECT_EQ((*lines)[0].quantity, 250000);
  EXPECT_EQ((*lines)[0].quantity_text, "250,000");
  EXPECT_EQ((*lines)[0].evidence_url, "https://example.org/gas");
  EXPECT_EQ(*(*lines)[1].market_factor, 0);
}

TEST(Templates, MalformedActivityUploadNamesRowAndColumn) {
  const std::string csv = std::string(kHeader) +
                          "buildings,ok,Fuels,Gaseous fuels,Natural gas,,,kWh (Gross CV),100,,,\n"
                          "parks,bad category,Fuels,Gaseous fuels,Natural gas,,,kWh (Gross CV),100,,,\n"
                          "buildings,bad number,Fuels,Gaseous fuels,Natural gas,,,kWh (Gross CV),12a,,,\n"
                          "buildings,bad factor,Fuels,Gaseous fuels,Natural gas,,,furlongs,5,,,\n"
                          "fleet,bad market,Fuels,Liquid fuels,Gas oil,,,litres,5,0.2,,\n";
  IngestReport report;
  auto lines = read_activity_csv(csv, "activity.csv", factors(2023), report);
  ASSERT_FALSE(lines.ok());
  const std::string text = report.format();
  EXPECT_NE(text.find("activity.csv:3:1: category: unknown category 'parks'"), std::string::npos) << text;
  EXPECT_NE(text.find("activity.csv:4:9: quantity: '12a' is not a number"), std::string::npos) << text;
  EXPECT_NE(text.find("activity.csv:5:3: factor: the 2023 factors have no"), std::string::npos) << text;
  EXPECT_NE(text.find("activity.csv:6:10: market_factor: a market-based factor applies only to UK electricity"),
            std::string::npos)
      << text;
  EXPECT_EQ(report.error_count(), 4);
}

TEST(Templates, MissingColumnsAreNamed) {
  IngestReport report;
  ASSERT_FALSE(read_activity_csv("category,quantity\nbuildings,1\n", "a.csv", factors(2023), report).ok());
  EXPECT_NE(report.format().find("the header has no column 'level_1'"), std::string::npos);
}

TEST(Templates, WasteUploadRefusesDisallowedPairsByRow) {
  const std::string csv =
      "stream,route,tonnes\n"
      "Household residual waste,landfill,\"10,000\"\n"
      "Household residual waste,Composting,5\n"
      "Glass,landfill,x\n";
  IngestReport report;
  auto lines = read_waste_csv(csv, "waste.csv", factors(2023), report);
  ASSERT_FALSE(lines.ok());
  const std::string text = report.format();
  EXPECT_NE(text.find("waste.csv:3:2: route: DESNZ publishes no 2023 factor for Household residual waste by Composting"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("waste.csv:4:3: tonnes: 'x' is not a number"), std::string::npos) << text;
}

TEST(Templates, TemplatesRoundTrip) {
  auto rows = carbon::waste_template_rows(factors(2023));
  EXPECT_EQ(rows.size(), 42u);
  EXPECT_EQ(carbon::activity_template_rows().size(), std::size(carbon::kCommonFactors));
  // Every common factor exists in both bundled years.
  for (const auto& f : carbon::kCommonFactors) {
    EXPECT_NE(factors(2023).resolve(f.key()), nullptr) << f.id;
    EXPECT_NE(factors(2022).resolve(f.key()), nullptr) << f.id;
  }
}

TEST(Templates, Quantities) {
  EXPECT_EQ(*carbon::parse_quantity("1,234,567.5"), 1234567.5);
  EXPECT_EQ(*carbon::parse_quantity(" 42 "), 42);
  EXPECT_FALSE(carbon::parse_quantity("1,23").has_value());
  EXPECT_FALSE(carbon::parse_quantity("12,3456").has_value());
  EXPECT_FALSE(carbon::parse_quantity(",123").has_value());
  EXPECT_FALSE(carbon::parse_quantity("").has_value());
}

}  // namespace
}  // namespace lgb::testing
