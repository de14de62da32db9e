// The themed reports under data/reports load, and malformed definitions are
// rejected naming the file and the field.
#include "web/reports.h"

#include <gtest/gtest.h>

#include <fstream>

#include "support/temp_dir.h"

namespace lgb::web {
namespace {

TEST(Reports, BundledReportsLoad) {
  auto r = load_reports(std::string(LGB_SOURCE_DIR) + "/data/reports");
  ASSERT_TRUE(r.ok()) << r.error().message;
  std::vector<std::string> ids;
  for (const auto& rep : *r) ids.push_back(rep.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"climate-change", "council-overview", "economy",
                                            "housing", "transport", "waste"}));
  EXPECT_EQ(r->back().title, "Waste and recycling");
  EXPECT_EQ(r->back().sections.front().metrics.front(), "waste-reused-recycled-composted");
}

TEST(Reports, MalformedFileIsAnErrorNamingFileAndField) {
  testing::TempDir dir;
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir.file(name)) << text;
  };
  write("bad.json", R"({"title":"T","sections":[{"title":"S","metrics":[]}]})");
  auto r = load_reports(dir.path());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("bad.json: sections[0]: field 'metrics'"), std::string::npos)
      << r.error().message;
  write("bad.json", R"({"title":"T","sections":[{"title":"S","metrics":["a"]}],"colour":"red"})");
  r = load_reports(dir.path());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("unknown field 'colour'"), std::string::npos);
}

TEST(Reports, MissingFolderGivesNoReports) {
  auto r = load_reports("/no/such/folder");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
}

}  // namespace
}  // namespace lgb::web
