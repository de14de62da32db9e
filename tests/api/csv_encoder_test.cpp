#include "api/csv_encoder.h"

#include <gtest/gtest.h>

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
  Catalog c;
  Table t = data_table(d, c);
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.header[4], "value");
  EXPECT_EQ(t.rows[0][4], "12.50");
  EXPECT_EQ(t.rows[0][5], "12.5");
}

TEST(FormatNumber, EmptyWhenAbsent) { EXPECT_EQ(format_number(std::nullopt), ""); }

}  // namespace
}  // namespace lgb::api
