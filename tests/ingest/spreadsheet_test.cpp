// The .xlsx and .ods readers: cell text as stored, sheets by name or number,
// repeated ODS rows and cells, and refusals (not a zip, no such sheet, an
// entry that inflates past the limit) that name the file and the problem.
#include "ingest/spreadsheet.h"

#include <gtest/gtest.h>

#include "ingest_test_util.h"
#include "workbook_writer.h"

namespace lgb {
namespace {

using testing::data_path;
using testing::TempDir;

TEST(Spreadsheet, RealOdsFromDefra) {
  auto sheet = read_ods_sheet(data_path("defra/LA_collection.ods"), SheetSelector{"Table_3", 0});
  ASSERT_TRUE(sheet.ok()) << sheet.error().message;
  EXPECT_EQ(sheet->name, "Table_3");
  ASSERT_GT(sheet->rows.size(), 4000u);
  EXPECT_EQ(sheet->rows[0].cells[0], "Table 3: Selected Waste Indicators 2010-11 to 2022-23");
  const SheetRow& header = sheet->rows[2];
  EXPECT_EQ(header.cells[2], "ONS code");
  EXPECT_EQ(header.cells[7],
            "Percentage of household waste sent for reuse, recycling or composting (Ex NI192)");
  // The first data row: Adur 2010-11, numbers as the file stores them.
  const SheetRow& adur = sheet->rows[3];
  EXPECT_EQ(adur.cells[0], "2010-11");
  EXPECT_EQ(adur.cells[2], "E07000223");
  EXPECT_EQ(adur.cells[6], "454.3");
  EXPECT_EQ(adur.cells[7], "0.36699999999999999");
  EXPECT_EQ(adur.cells[8], "-");
  EXPECT_LT(sheet->rows[2].number, adur.number);
}

TEST(Spreadsheet, SheetsByNameOrNumberAndMissingOnes) {
  auto second = read_ods_sheet(data_path("defra/flytipping_la.ods"), SheetSelector{"", 4});
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->name, "LA_incidents");
  auto missing = read_ods_sheet(data_path("defra/flytipping_la.ods"), SheetSelector{"Table 9", 0});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("no sheet named 'Table 9'"), std::string::npos);
  EXPECT_NE(missing.error().message.find("'LA_actions'"), std::string::npos);
}

TEST(Spreadsheet, XlsxSharedInlineAndNumbers) {
  TempDir dir;
  std::string path = dir.path() + "/book.xlsx";
  ASSERT_TRUE(testing::write_xlsx(
      path, {{"Cover", {{"About this workbook"}}},
             {"Data", {{"Code", "Name", "2022-23"},
                       {"E08000035", "~Leeds", "12.50"},
                       {},
                       {"E08000025", "Birmingham & Solihull", "", "[c]"}}}}));
  auto sheet = read_xlsx_sheet(path, SheetSelector{"Data", 0});
  ASSERT_TRUE(sheet.ok()) << sheet.error().message;
  ASSERT_EQ(sheet->rows.size(), 3u);  // the empty row is not a row
  EXPECT_EQ(sheet->rows[1].cells, (std::vector<std::string>{"E08000035", "Leeds", "12.50"}));
  EXPECT_EQ(sheet->rows[2].number, 4);
  EXPECT_EQ(sheet->rows[2].cells,
            (std::vector<std::string>{"E08000025", "Birmingham & Solihull", "", "[c]"}));
  auto first = read_xlsx_sheet(path, SheetSelector{});
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->name, "Cover");
}

TEST(Spreadsheet, OdsRepeatsExpandButEmptyRepeatsCostNothing) {
  TempDir dir;
  std::string path = dir.path() + "/t.ods";
  ASSERT_TRUE(testing::write_ods(
      path, "T",
      "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>a<text:s "
      "text:c=\"2\"/>b</text:p></table:table-cell><table:table-cell "
      "table:number-columns-repeated=\"3\"/><table:table-cell office:value-type=\"float\" "
      "office:value=\"0.5\"><text:p>50%</text:p></table:table-cell></table:table-row>"
      "<table:table-row table:number-rows-repeated=\"1048000\"><table:table-cell "
      "table:number-columns-repeated=\"16384\"/></table:table-row>"
      "<table:table-row table:number-rows-repeated=\"2\"><table:table-cell "
      "office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row>"));
  auto sheet = read_ods_sheet(path, SheetSelector{});
  ASSERT_TRUE(sheet.ok()) << sheet.error().message;
  ASSERT_EQ(sheet->rows.size(), 3u);
  EXPECT_EQ(sheet->rows[0].cells, (std::vector<std::string>{"a  b", "", "", "", "0.5"}));
  EXPECT_EQ(sheet->rows[1].number, 1048002);
  EXPECT_EQ(sheet->rows[2].number, 1048003);
}

TEST(Spreadsheet, RefusalsNameTheFileAndTheProblem) {
  TempDir dir;
  std::string not_zip = dir.write("fake.xlsx", "area_code,value\nE1,2\n");
  auto a = read_xlsx_sheet(not_zip, SheetSelector{});
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.error().message.find("fake.xlsx: not a readable spreadsheet"), std::string::npos)
      << a.error().message;

  // A zip bomb: 65 MB of one byte compresses to a few kilobytes.
  std::string bomb = dir.path() + "/bomb.ods";
  std::string zeros(65u << 20, '0');
  ASSERT_TRUE(testing::write_zip(
      bomb, {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, {"content.xml", zeros}}));
  zeros.clear();
  auto b = read_ods_sheet(bomb, SheetSelector{});
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.error().message.find("inflates to more than 64 MB"), std::string::npos)
      << b.error().message;

  std::string broken = dir.path() + "/broken.ods";
  ASSERT_TRUE(testing::write_zip(broken, {{"content.xml", "<office:document-content><table"}}));
  auto c = read_ods_sheet(broken, SheetSelector{});
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("not well-formed XML"), std::string::npos) << c.error().message;

  std::string no_workbook = dir.path() + "/empty.xlsx";
  ASSERT_TRUE(testing::write_zip(no_workbook, {{"hello.txt", "hi"}}));
  auto d = read_xlsx_sheet(no_workbook, SheetSelector{});
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.error().message.find("no part 'xl/workbook.xml'"), std::string::npos)
      << d.error().message;
}

}  // namespace
}  // namespace lgb
