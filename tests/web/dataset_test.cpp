// Downloads: CSV rows carry source and licence; XLSX has a cover sheet and
// writes text that looks like a formula as a plain string.
#include "web/dataset.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "support/temp_dir.h"

namespace lgb::web {
namespace {

Dataset sample() {
  Dataset d;
  d.title = "Sample";
  d.file_stem = "lgbench-sample";
  d.page_url = "/metrics/x";
  d.notes = {"A note."};
  Metric m;
  m.publisher = "Office for National Statistics";
  m.licence = "OGL-UK-3.0";
  d.add_source(m);
  d.add_source(m);  // once only
  DataSheet s;
  s.name = "Ranking";
  s.title = "Ranking";
  s.table.header = {"name", "value"};
  s.table.rows = {{"=HYPERLINK(\"http://evil\")", "4.5"}, {"Leeds", "[c]"}};
  s.numeric = {false, true};
  d.sheets.push_back(s);
  return d;
}

std::string unzip(const std::string& bytes, const std::string& member) {
  testing::TempDir dir;
  std::string path = dir.file("f.xlsx");
  std::ofstream(path, std::ios::binary) << bytes;
  std::string cmd = "unzip -p '" + path + "' '" + member + "'";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

TEST(Dataset, CsvRowsCarrySourceLicenceAndAttribution) {
  auto r = download_response(sample(), DownloadFormat::kCsv);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->headers.at(0).second, "attachment; filename=\"lgbench-sample.csv\"");
  auto first_line = r->body.substr(0, r->body.find("\r\n"));
  EXPECT_EQ(first_line, "name,value,source,licence,attribution");
  EXPECT_NE(r->body.find("Office for National Statistics,OGL-UK-3.0,"), std::string::npos);
}

TEST(Dataset, XlsxHasACoverSheetAndNoFormulas) {
  auto bytes = encode_xlsx(sample());
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  ASSERT_EQ(bytes->substr(0, 2), "PK");
  std::string workbook = unzip(*bytes, "xl/workbook.xml");
  EXPECT_NE(workbook.find("name=\"Cover_sheet\""), std::string::npos);
  EXPECT_NE(workbook.find("name=\"Notes\""), std::string::npos);
  EXPECT_NE(workbook.find("name=\"Ranking\""), std::string::npos);
  std::string strings = unzip(*bytes, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("Office for National Statistics"), std::string::npos);
  EXPECT_NE(strings.find("=HYPERLINK"), std::string::npos);  // kept as text
  std::string data = unzip(*bytes, "xl/worksheets/sheet3.xml");
  EXPECT_EQ(data.find("<f>"), std::string::npos);
  EXPECT_NE(data.find("<v>4.5</v>"), std::string::npos);  // a number, as a number
}

TEST(Dataset, DownloadNames) {
  EXPECT_EQ(parse_download_name("data.csv"), DownloadFormat::kCsv);
  EXPECT_EQ(parse_download_name("data.xlsx"), DownloadFormat::kXlsx);
  EXPECT_EQ(parse_download_name("data.json"), DownloadFormat::kJson);
  EXPECT_FALSE(parse_download_name("data.pdf"));
  EXPECT_FALSE(parse_download_name("outliers"));
}

}  // namespace
}  // namespace lgb::web
