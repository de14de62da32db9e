// The XLSX template round trip: a workbook written the way the site writes
// downloads (web/xlsx.cpp: title row, header on row 3) and read back by the
// carbon upload reader, whose problems name the sheet, row and column.
#include <gtest/gtest.h>

#include "carbon/factor_reader.h"
#include "carbon/factor_table.h"
#include "carbon/templates.h"
#include "web/dataset.h"

namespace lgb::web {
namespace {

const carbon::FactorTable& factors2023() {
  static const carbon::FactorTable table = [] {
    IngestReport report;
    auto f = carbon::read_factor_file(std::string(LGB_SOURCE_DIR) +
                                          "/data/ghg_conversion_factors/ghg-conversion-factors-2023-flat-file-update.xlsx",
                                      report);
    EXPECT_TRUE(f.ok()) << report.format();
    return f ? carbon::FactorTable(f->set.year, f->factors) : carbon::FactorTable();
  }();
  return table;
}

std::string workbook(carbon::Rows activity, carbon::Rows waste) {
  Dataset d;
  d.title = "template";
  d.file_stem = "t";
  DataSheet a{"Activity", "Activity lines", {carbon::header_of(carbon::kActivityColumns), std::move(activity), {}}, {}};
  a.numeric.assign(a.table.header.size(), false);
  a.numeric[8] = true;  // quantity, as a spreadsheet user would type it
  DataSheet w{"Waste", "Waste", {carbon::header_of(carbon::kWasteColumns), std::move(waste), {}}, {}};
  w.numeric.assign(w.table.header.size(), false);
  w.numeric[2] = true;
  d.sheets = {std::move(a), std::move(w)};
  auto bytes = encode_xlsx(d);
  EXPECT_TRUE(bytes.ok());
  return bytes ? *bytes : std::string();
}

TEST(CarbonWorkbook, FilledTemplateReadsBack) {
  carbon::Rows activity = carbon::activity_template_rows();
  activity[0][8] = "250000";  // electricity, kWh
  activity[2][8] = "1500.5";  // natural gas, kWh (Gross CV)
  carbon::Rows waste = carbon::waste_template_rows(factors2023());
  for (auto& row : waste)
    if (row[0] == "Household residual waste") row[2] = "10000";
  IngestReport report;
  auto tables = carbon::workbook_tables(workbook(activity, waste), "mine.xlsx", report);
  ASSERT_TRUE(tables.ok()) << report.format();
  ASSERT_EQ(tables->size(), 2u);
  auto lines = carbon::read_activity((*tables)[0], factors2023(), report);
  ASSERT_TRUE(lines.ok()) << report.format();
  ASSERT_EQ(lines->size(), 2u);
  EXPECT_EQ((*lines)[0].quantity, 250000);
  EXPECT_EQ((*lines)[1].quantity, 1500.5);
  auto w = carbon::read_waste((*tables)[1], factors2023(), report);
  ASSERT_TRUE(w.ok()) << report.format();
  ASSERT_EQ(w->size(), 1u);
  EXPECT_EQ((*w)[0].tonnes, 10000);
}

TEST(CarbonWorkbook, ProblemsNameSheetRowAndColumn) {
  carbon::Rows activity = carbon::activity_template_rows();
  activity[1][8] = "lots";       // row 5 of the sheet (title, blank, header, row 4 is the first)
  activity[3][0] = "parks";      // row 7
  activity[3][8] = "10";
  IngestReport report;
  auto tables = carbon::workbook_tables(workbook(activity, {}), "mine.xlsx", report);
  ASSERT_TRUE(tables.ok()) << report.format();
  ASSERT_FALSE(carbon::read_activity((*tables)[0], factors2023(), report).ok());
  const std::string text = report.format();
  EXPECT_NE(text.find("mine.xlsx:Activity!I5: quantity: 'lots' is not a number"), std::string::npos) << text;
  EXPECT_NE(text.find("mine.xlsx:Activity!A7: category: unknown category 'parks'"), std::string::npos) << text;
}

TEST(CarbonWorkbook, NotAWorkbookIsNamed) {
  IngestReport report;
  EXPECT_FALSE(carbon::workbook_tables("category,quantity\n", "mine.xlsx", report).ok());
  EXPECT_NE(report.format().find("mine.xlsx: not the XLSX template"), std::string::npos) << report.format();
}

}  // namespace
}  // namespace lgb::web
