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

TEST(FormatNumber, EmptyWhenAbsent) { EXPECT_EQ(format_number(std::nullopt), ""); }

TEST(FormatNumber, EmptyWhenNotFinite) {
  EXPECT_EQ(format_number(std::numeric_limits<double>::infinity()), "");
  EXPECT_EQ(format_number(-std::numeric_limits<double>::infinity()), "");
  EXPECT_EQ(format_number(std::numeric_limits<double>::quiet_NaN()), "");
  EXPECT_EQ(format_number(2.5), "2.5");
}

}  // namespace
}  // namespace lgb::api
