#include "ingest/csv_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/table_reader.h"

namespace lgb {
namespace {

std::vector<CsvRecord> read_all(std::string_view data) {
  CsvReader r(data);
  std::vector<CsvRecord> out;
  CsvRecord rec;
  while (r.next(rec)) out.push_back(rec);
  return out;
}

using Fields = std::vector<std::string>;

TEST(CsvReader, PlainRecordsAndLines) {
  auto recs = read_all("a,b,c\n1,2,3\n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].fields, (Fields{"a", "b", "c"}));
  EXPECT_EQ(recs[1].fields, (Fields{"1", "2", "3"}));
  EXPECT_EQ(recs[0].line, 1);
  EXPECT_EQ(recs[1].line, 2);
}

TEST(CsvReader, NoTrailingNewline) {
  auto recs = read_all("a,b\n1,2");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[1].fields, (Fields{"1", "2"}));
}

TEST(CsvReader, EmptyFieldsKept) {
  auto recs = read_all(",x,\n");
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].fields, (Fields{"", "x", ""}));
}

TEST(CsvReader, QuotedFieldsWithCommasQuotesAndNewlines) {
  auto recs = read_all("id,text\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,x\n");
  ASSERT_EQ(recs.size(), 5u);
  EXPECT_EQ(recs[1].fields[1], "a, b");
  EXPECT_EQ(recs[2].fields[1], "say \"hi\"");
  EXPECT_EQ(recs[3].fields[1], "two\nlines");
  EXPECT_EQ(recs[3].line, 4);
  // The record after a field with a line break starts one physical line later.
  EXPECT_EQ(recs[4].line, 6);
  EXPECT_EQ(recs[4].fields, (Fields{"4", "x"}));
}

TEST(CsvReader, EmptyQuotedField) {
  auto recs = read_all("\"\",\"\"\"\"\n");
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].fields, (Fields{"", "\""}));
}

TEST(CsvReader, CrlfLineEndings) {
  auto recs = read_all("a,b\r\n1,\"x\r\ny\"\r\n2,3\r\n");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].fields, (Fields{"a", "b"}));
  // A line break inside quotes is field content, kept byte for byte.
  EXPECT_EQ(recs[1].fields[1], "x\r\ny");
  EXPECT_EQ(recs[2].fields, (Fields{"2", "3"}));
  EXPECT_EQ(recs[2].line, 4);
}

TEST(CsvReader, StripsLeadingBomOnly) {
  CsvReader r(
      "\xEF\xBB\xBF"
      "areacd,x\nE1,\xEF\xBB\xBF"
      "y\n");
  CsvRecord rec;
  ASSERT_TRUE(r.next(rec));
  EXPECT_TRUE(r.had_bom());
  EXPECT_EQ(rec.fields[0], "areacd");
  ASSERT_TRUE(r.next(rec));
  EXPECT_EQ(rec.fields[1],
            "\xEF\xBB\xBF"
            "y");  // not at the start: data
}

TEST(CsvReader, KeepsBytesExactly) {
  auto recs = read_all(" 12.50 ,0012,1e3,\"  \"\n");
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].fields, (Fields{" 12.50 ", "0012", "1e3", "  "}));
}

TEST(CsvReader, AcceptsValidUtf8) {
  auto recs = read_all("Ynys Môn,Caerffili – Caerphilly,€,\xF0\x9F\x98\x80\n");
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_TRUE(recs[0].ok()) << recs[0].error;
  EXPECT_EQ(recs[0].fields[0], "Ynys Môn");
}

TEST(CsvReader, BadUtf8ReportsLineAndColumn) {
  auto recs = read_all("a,b,c\n1,2,3\n1,caf\xE9,3\n4,5,6\n");
  ASSERT_EQ(recs.size(), 4u);
  EXPECT_TRUE(recs[1].ok());
  EXPECT_FALSE(recs[2].ok());
  EXPECT_EQ(recs[2].error_line, 3);
  EXPECT_EQ(recs[2].error_column, 2);
  EXPECT_NE(recs[2].error.find("UTF-8"), std::string::npos);
  EXPECT_TRUE(recs[3].ok());  // reading goes on
}

TEST(CsvReader, UnclosedQuoteIsAnError) {
  auto recs = read_all("a,b\n1,\"never closed\n2,3\n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_FALSE(recs[1].ok());
  EXPECT_EQ(recs[1].error_line, 2);
  EXPECT_EQ(recs[1].error_column, 2);
}

TEST(CsvReader, QuoteInsideUnquotedFieldIsAnError) {
  auto recs = read_all("a,b\n1,5'6\"\n2,3\n");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_FALSE(recs[1].ok());
  EXPECT_EQ(recs[1].error_column, 2);
  EXPECT_TRUE(recs[2].ok());
  EXPECT_EQ(recs[2].fields, (Fields{"2", "3"}));
}

TEST(CsvReader, TextAfterClosingQuoteIsAnError) {
  auto recs = read_all("\"a\"b,c\nx,y\n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_FALSE(recs[0].ok());
  EXPECT_EQ(recs[0].error_column, 1);
  EXPECT_EQ(recs[1].fields, (Fields{"x", "y"}));
}

TEST(CsvReader, ReadsLargeInputCompletely) {
  // Throughput is a benchmark (bench/), not a test: here only correctness on
  // a few MB of quoted rows.
  std::string row = "E08000035,claimant-count,cy2023,\"3.5\",,\"a note, quoted\"\n";
  std::string data = "area_code,metric_id,period,value,status,note\n";
  while (data.size() < (8u << 20)) data += row;
  CsvReader r(data);
  CsvRecord rec;
  size_t n = 0, bytes = 0;
  while (r.next(rec)) ++n, bytes += rec.fields[5].size();
  EXPECT_EQ(n, 1 + (data.size() - 45) / row.size());
  EXPECT_EQ(bytes, (n - 1) * 14 + 4);
}

// TableReader: header names, wrong column counts, reporting.

TEST(TableReader, WrongColumnCountReported) {
  IngestReport report;
  TableReader t("a,b,c\n1,2,3\n1,2\n1,2,3,4\n5,6,7\n", "f.csv", report);
  ASSERT_TRUE(t.read_header());
  std::vector<int64_t> lines;
  while (t.next()) lines.push_back(t.line());
  EXPECT_EQ(lines, (std::vector<int64_t>{2, 5}));
  ASSERT_EQ(report.errors.size(), 2u);
  EXPECT_EQ(report.errors[0].file, "f.csv");
  EXPECT_EQ(report.errors[0].line, 3);
  EXPECT_EQ(report.errors[0].column, 3);
  EXPECT_EQ(report.errors[0].field, "c");
  EXPECT_NE(report.errors[0].message.find("expected 3 fields, found 2"), std::string::npos);
  EXPECT_EQ(report.errors[1].line, 4);
  EXPECT_EQ(report.errors[1].column, 4);
}

TEST(TableReader, RepeatedAndMissingColumns) {
  IngestReport report;
  TableReader t("a,b,a\n", "f.csv", report);
  EXPECT_FALSE(t.read_header());
  EXPECT_FALSE(t.require({"a", "z"}));
  ASSERT_EQ(report.errors.size(), 2u);
  EXPECT_EQ(report.errors[0].column, 3);
  EXPECT_EQ(report.errors[1].field, "z");
}

TEST(TableReader, BlankLinesSkippedWithANote) {
  IngestReport report;
  TableReader t("a,b\n1,2\n\n3,4\n\n", "f.csv", report);
  ASSERT_TRUE(t.read_header());
  int rows = 0;
  while (t.next()) ++rows;
  EXPECT_EQ(rows, 2);
  EXPECT_TRUE(report.ok());
  ASSERT_EQ(report.notes.size(), 1u);
  EXPECT_NE(report.notes[0].find("2 blank"), std::string::npos);
}

TEST(TableReader, EmptyFileIsAnError) {
  IngestReport report;
  TableReader t("", "f.csv", report);
  EXPECT_FALSE(t.read_header());
  EXPECT_FALSE(report.ok());
}

TEST(TableReader, ProgressEveryTenThousandRows) {
  std::string data = "a\n";
  for (int i = 0; i < 25000; ++i) data += "1\n";
  IngestReport report;
  std::vector<int64_t> calls;
  std::function<void(int64_t)> progress = [&](int64_t n) { calls.push_back(n); };
  TableReader t(data, "f.csv", report, progress);
  ASSERT_TRUE(t.read_header());
  while (t.next()) {
  }
  EXPECT_EQ(calls, (std::vector<int64_t>{10000, 20000}));
  EXPECT_EQ(report.rows_read, 25000);
}

TEST(IngestReport, FormatsFileLineColumnField) {
  IngestReport r;
  r.error("x.csv", 3, 2, "value", "bad");
  r.error("x.csv", 0, 0, "", "whole file");
  r.error("x.csv", 4, 1, "a", "more");
  EXPECT_EQ(r.format(2), "x.csv:3:2: value: bad\nx.csv: whole file\n... and 1 more\n");
}

}  // namespace
}  // namespace lgb
