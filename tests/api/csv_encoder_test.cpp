#include "api/csv_encoder.h"

#include <gtest/gtest.h>

#include <limits>

namespace lgb::api {
namespace {

TEST(CsvEncoder, QuotesOnlyWhenNeeded) {
  Table t;
  t.header = {"a", "b"};
  t.rows = {{"plain", "with, comma"}, {"say \"hi\"", "line\nbreak"}};
  EXPECT_EQ(encode_csv(t),
            "a,b\r\nplain,\"with, comma\"\r\n\"say \"\"hi\"\"\",\"line\nbreak\"\r\n");
  EXPECT_EQ(encode_csv(t, "\n").substr(0, 4), "a,b\n");
}

TEST(CsvEncoder, DataTableKeepsPublishedText) {
  Metric m;
  m.id = "claimant-count";
  DataResult d;
  d.metric = &m;
  StoredValue v;
  v.area_code = "E08000035";
  v.period_id = "cy2023";
  v.value.text = "12.50";
  v.value.number = 12.5;
  v.release_id = 7;
  d.values.push_back(v);
  auto empty = SnapshotBuilder().finish();
  ASSERT_TRUE(empty.ok());
  Table t = data_table(d, **empty);
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.header[4], "value");
  EXPECT_EQ(t.rows[0][4], "12.50");
  EXPECT_EQ(t.rows[0][5], "12.5");
}

TEST(CsvEncoder, NeutralisesCellsASpreadsheetWouldRunAsFormulas) {
  Table t;
  t.header = {"name", "value"};
  t.verbatim = {"value"};
  t.rows = {{"=HYPERLINK(\"http://x\",\"y\")", "-"},
            {"+1+cmd|' /C calc'!A0", "=1+1"},
            {"@SUM(1+1)", "+2"},
            {"-2+3", "4"},
            {"\tx", "5"},
            {"\rx", "6"},
            {"-3.5", "7"},
            {"+2", "8"},
            {"1e-07", "9"},
            {"-", "10"},
            {"Leeds", "11"},
            {"", "12"}};
  auto rows = [](const std::string& csv) {
    std::vector<std::string> lines;
    size_t pos = 0;
    for (size_t end; (end = csv.find("\r\n", pos)) != std::string::npos; pos = end + 2)
      lines.push_back(csv.substr(pos, end - pos));
    return lines;
  };
  std::vector<std::string> lines = rows(encode_csv(t));
  ASSERT_EQ(lines.size(), 13u);
  EXPECT_EQ(lines[1], "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-");
  EXPECT_EQ(lines[2], "'+1+cmd|' /C calc'!A0,=1+1");  // value: byte for byte
  EXPECT_EQ(lines[3], "'@SUM(1+1),+2");
  EXPECT_EQ(lines[4], "'-2+3,4");
  EXPECT_EQ(lines[5], "'\tx,5");
  EXPECT_EQ(lines[6], "\"'\rx\",6");
  EXPECT_EQ(lines[7], "-3.5,7");  // numbers stay numbers
  EXPECT_EQ(lines[8], "+2,8");
  EXPECT_EQ(lines[9], "1e-07,9");
  EXPECT_EQ(lines[10], "'-,10");
  EXPECT_EQ(lines[11], "Leeds,11");
  EXPECT_EQ(lines[12], ",12");
  // The Table keeps the exact text for JSON, text tables and XLSX.
  EXPECT_EQ(t.rows[0][0], "=HYPERLINK(\"http://x\",\"y\")");
}

TEST(CsvEncoder, DataTableKeepsTheValueColumnExact) {
  Metric m;
  m.id = "claimant-count";
  DataResult d;
  d.metric = &m;
  StoredValue v;
  v.area_code = "E08000035";
  v.period_id = "cy2023";
  v.value.text = "-1.50";
  v.value.number = -1.5;
  v.value.note = "=1+1";
  d.values.push_back(v);
  auto empty = SnapshotBuilder().finish();
  ASSERT_TRUE(empty.ok());
  std::string csv = encode_csv(data_table(d, **empty));
  EXPECT_NE(csv.find(",-1.50,-1.5,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",'=1+1,"), std::string::npos) << csv;
}

TEST(FormatNumber, EmptyWhenAbsent) { EXPECT_EQ(format_number(std::nullopt), ""); }

TEST(FormatNumber, EmptyWhenNotFinite) {
  EXPECT_EQ(format_number(std::numeric_limits<double>::infinity()), "");
  EXPECT_EQ(format_number(-std::numeric_limits<double>::infinity()), "");
  EXPECT_EQ(format_number(std::numeric_limits<double>::quiet_NaN()), "");
  EXPECT_EQ(format_number(2.5), "2.5");
}

}  // namespace
}  // namespace lgb::api
