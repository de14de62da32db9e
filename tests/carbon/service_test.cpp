// A council's inventory through CarbonService on a real SQLite store: access
// for every role (decided by engine/access.h), nothing saved on error, the
// factor-year choice recorded, and publication as metric values with their
// provenance.
#include <gtest/gtest.h>

#include "carbon/factor_loader.h"
#include "carbon/service.h"
#include "carbon_fixture.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store_fixture.h"

namespace lgb::testing {
namespace {

using carbon::CarbonCaller;
using carbon::CarbonService;

constexpr const char* kLeeds = "E08000035";
constexpr const char* kBradford = "E08000032";

CarbonCaller user(Role role, std::string org) {
  return {Access::for_user(role, org), role_at_least(role, Role::kAnalyst), "user:" + org + "@test"};
}

class CarbonServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = SqliteStore::open(dir_.file("lgb.db"));
    ASSERT_TRUE(s.ok()) << s.error().message;
    store_ = std::move(*s);
    ReleaseBatch areas;
    areas.release = {0, "test", "", "areas.csv", "test", std::string(64, 'a'), "", "", "test", "OGL-UK-3.0", 0};
    areas.areas = {area(kLeeds, "Leeds", AreaType::kMetropolitanDistrict),
                   area(kBradford, "Bradford", AreaType::kMetropolitanDistrict)};
    ASSERT_TRUE(store_->load_release(areas).ok());
    ASSERT_TRUE(store_->accounts()->add_organisation({kLeeds, "Leeds City Council", ""}).ok());
    ASSERT_TRUE(store_->accounts()->add_organisation({kBradford, "City of Bradford MDC", ""}).ok());
    ASSERT_TRUE(store_->accounts()->add_organisation({"lga", "Local Government Association", ""}).ok());
    auto manifest = carbon::read_factor_manifest(std::string(LGB_SOURCE_DIR) +
                                                 "/data/ghg_conversion_factors/factor_sets.csv");
    ASSERT_TRUE(manifest.ok());
    for (const auto& source : *manifest) {
      IngestReport report;
      ASSERT_TRUE(carbon::load_factor_file(*store_, source, "test", report).ok()) << report.format();
    }
    service_ = std::make_unique<CarbonService>(*store_);
  }

  CarbonYear year(std::string period = "fy2022-23") {
    CarbonYear y;
    y.organisation_id = kLeeds;
    y.period_id = std::move(period);
    y.scope_sheet.boundary = "Operational control";
    ActivityLine gas;
    gas.category = "buildings";
    gas.description = "Civic Hall gas";
    gas.factor = kGasGross;
    gas.quantity = 250000;
    gas.quantity_text = "250000";
    ActivityLine power = gas;
    power.description = "Civic Hall electricity";
    power.factor = kElectricity;
    power.quantity = 1000000;
    y.activity = {gas, power};
    y.waste = {{"Household residual waste", "landfill", "10000", 10000}};
    y.net_revenue_expenditure = 500;
    return y;
  }

  TempDir dir_;
  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<CarbonService> service_;
};

TEST_F(CarbonServiceTest, AccessForEveryRole) {
  const CarbonCaller analyst = user(Role::kAnalyst, kLeeds);
  ASSERT_TRUE(service_->save_year(analyst, year()).ok());
  // Anonymous: sign in first.
  CarbonCaller anonymous{Access::anonymous(), false, "anonymous"};
  EXPECT_EQ(service_->results(anonymous, kLeeds, "fy2022-23").error().code,
            ErrorCode::kUnauthenticated);
  // The council's member sees it but may not change or publish it.
  const CarbonCaller member = user(Role::kMember, kLeeds);
  EXPECT_TRUE(service_->results(member, kLeeds, "fy2022-23").ok());
  EXPECT_EQ(service_->save_year(member, year()).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(service_->publish(member, kLeeds, "fy2022-23", {}).error().code, ErrorCode::kForbidden);
  // Another council's analyst and administrator-less member: as if it did not exist.
  for (Role r : {Role::kMember, Role::kAnalyst}) {
    const CarbonCaller other = user(r, kBradford);
    EXPECT_EQ(service_->results(other, kLeeds, "fy2022-23").error().code, ErrorCode::kNotFound);
    EXPECT_EQ(service_->years(other, kLeeds).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(service_->save_year(other, year()).error().code, ErrorCode::kNotFound);
  }
  // Data managers see every restricted metric, so they see the year, but
  // only the council's own analysts change it.
  for (Role r : {Role::kDataManager, Role::kAdministrator}) {
    const CarbonCaller manager = user(r, "lga");
    EXPECT_TRUE(service_->results(manager, kLeeds, "fy2022-23").ok());
    EXPECT_EQ(service_->save_year(manager, year()).error().code, ErrorCode::kForbidden);
  }
  // The council's data manager and administrator may change it.
  EXPECT_TRUE(service_->save_year(user(Role::kAdministrator, kLeeds), year()).ok());
}

TEST_F(CarbonServiceTest, FactorYearIsChosenRecordedAndSwitchable) {
  const CarbonCaller analyst = user(Role::kAnalyst, kLeeds);
  ASSERT_TRUE(service_->save_year(analyst, year("fy2022-23")).ok());
  auto r = service_->results(analyst, kLeeds, "fy2022-23");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->year.factor_year, 2022);
  EXPECT_EQ(r->basis, "2022 factors (the reporting year's own)");
  EXPECT_DOUBLE_EQ(r->footprint.total, (250000 * 0.18254 + 1000000 * 0.19338) / 1000);
  EXPECT_EQ(r->year.updated_by, "user:E08000035@test");
  // Re-based on 2023: recorded, and the footprint follows.
  CarbonYear rebased = year("fy2022-23");
  rebased.factor_year = 2023;
  ASSERT_TRUE(service_->save_year(analyst, rebased).ok());
  r = service_->results(analyst, kLeeds, "fy2022-23");
  EXPECT_EQ(r->year.factor_year, 2023);
  EXPECT_EQ(r->basis, "re-based on the 2023 factors");
  // A later year with no factors of its own takes the latest before it.
  ASSERT_TRUE(service_->save_year(analyst, year("fy2025-26")).ok());
  EXPECT_EQ(service_->results(analyst, kLeeds, "fy2025-26")->basis,
            "2023 factors (2025 factors not loaded)");
}

TEST_F(CarbonServiceTest, NothingIsSavedOnError) {
  const CarbonCaller analyst = user(Role::kAnalyst, kLeeds);
  ASSERT_TRUE(service_->save_year(analyst, year()).ok());
  CarbonYear bad = year();
  bad.activity.push_back(bad.activity[0]);
  bad.activity.back().factor.unit = "furlongs";
  bad.waste.push_back({"Household residual waste", "composting", "5", 5});
  auto s = service_->save_year(analyst, bad);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(s.error().message.find("line 3: factor:"), std::string::npos) << s.error().message;
  auto r = service_->results(analyst, kLeeds, "fy2022-23");
  EXPECT_EQ(r->year.activity.size(), 2u);
  EXPECT_EQ(r->year.waste.size(), 1u);
  CarbonYear unknown_year = year();
  unknown_year.factor_year = 2019;
  EXPECT_EQ(service_->save_year(analyst, unknown_year).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(service_->save_year(analyst, year("cy2022")).error().code, ErrorCode::kInvalidArgument);
}

TEST_F(CarbonServiceTest, PublishWritesMetricsWithProvenance) {
  const CarbonCaller analyst = user(Role::kAnalyst, kLeeds);
  ASSERT_TRUE(service_->save_year(analyst, year()).ok());
  auto id = service_->publish(analyst, kLeeds, "fy2022-23", {"Leeds City Council", 800000.0});
  ASSERT_TRUE(id.ok()) << id.error().message;
  auto release = store_->get_release(*id);
  ASSERT_TRUE(release.ok());
  EXPECT_EQ(release->loaded_by, "user:E08000035@test");
  EXPECT_EQ(release->publisher, "Leeds City Council (self-reported with the lgbench carbon calculator)");
  auto values = store_->query_values({"carbon-footprint-total", {kLeeds}, "fy2022-23", false});
  ASSERT_TRUE(values.ok());
  ASSERT_EQ(values->size(), 1u);
  const double total = (250000 * 0.18254 + 1000000 * 0.19338) / 1000;  // 239.015 t
  EXPECT_EQ((*values)[0].value.text, "239.015");
  EXPECT_NEAR(*(*values)[0].value.number, total, 0.0005);
  EXPECT_NE((*values)[0].value.note.find("DESNZ 2022 factors"), std::string::npos);
  EXPECT_NE((*values)[0].value.note.find("entered by user:E08000035@test"), std::string::npos);
  auto per_resident = store_->query_values({"carbon-footprint-per-resident", {kLeeds}, "", false});
  EXPECT_EQ((*per_resident)[0].value.text, "0.299");  // 239,015 kg / 800,000 residents
  auto waste = store_->query_values({"carbon-waste-services-total", {kLeeds}, "", false});
  EXPECT_EQ((*waste)[0].value.text, "4462.041");  // 10,000 t x 446.20411 kg
  auto metrics = store_->list_metrics();
  ASSERT_TRUE(metrics.ok());
  for (const auto& m : *metrics)
    if (m.id.starts_with("carbon-")) {
      EXPECT_EQ(m.visibility, Visibility::kPublic) << m.id;
    }
  // The year records it; the same results again are refused; changed results
  // publish a new revision and keep the old one.
  auto stored = store_->find_carbon_year(kLeeds, "fy2022-23");
  EXPECT_EQ((*stored)->published_release_id, *id);
  EXPECT_EQ(service_->publish(analyst, kLeeds, "fy2022-23", {"Leeds City Council", 800000.0})
                .error()
                .code,
            ErrorCode::kConflict);
  CarbonYear changed = year();
  changed.activity[0].quantity = 200000;
  ASSERT_TRUE(service_->save_year(analyst, changed).ok());
  ASSERT_TRUE(service_->publish(analyst, kLeeds, "fy2022-23", {"Leeds City Council", 800000.0}).ok());
  auto history = store_->query_values({"carbon-footprint-total", {kLeeds}, "fy2022-23", true});
  EXPECT_EQ(history->size(), 2u);
}

TEST_F(CarbonServiceTest, OnlyACouncilCanPublish) {
  ASSERT_TRUE(store_->accounts()->add_organisation({"E08000099", "Not an area", ""}).ok());
  const CarbonCaller analyst = user(Role::kAnalyst, "E08000099");
  CarbonYear y = year();
  y.organisation_id = "E08000099";
  ASSERT_TRUE(service_->save_year(analyst, y).ok());
  auto id = service_->publish(analyst, "E08000099", "fy2022-23", {});
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE((*store_->find_carbon_year("E08000099", "fy2022-23"))->published_release_id);
}

TEST_F(CarbonServiceTest, Target) {
  const CarbonCaller analyst = user(Role::kAnalyst, kLeeds);
  EXPECT_TRUE(service_->save_target(analyst, {kLeeds, "fy2019-20", 13.1, 2038, "", ""}).ok());
  auto t = service_->target(analyst, kLeeds);
  ASSERT_TRUE(t.ok() && t->has_value());
  EXPECT_EQ((*t)->annual_reduction_percent, 13.1);
  EXPECT_EQ(service_->save_target(analyst, {kLeeds, "fy2019-20", 130, 2038, "", ""}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(service_->save_target(user(Role::kAnalyst, kBradford), {kLeeds, "fy2019-20", 13.1, 2038, "", ""})
                .error()
                .code,
            ErrorCode::kNotFound);
}

}  // namespace
}  // namespace lgb::testing
