// GHG accounting against hand-worked examples from the published 2023 and
// 2022 factor tables: each line is quantity x the factor as the condensed
// set shows it (5 decimal places), so each result must agree to within half
// a unit of that fifth decimal place times the quantity.
#include <gtest/gtest.h>

#include "carbon/footprint.h"
#include "carbon_fixture.h"

namespace lgb::testing {
namespace {

using carbon::compute_footprint;
using carbon::Footprint;
using carbon::LineProblem;

const FactorKey kTandD{"Transmission and distribution", "T&D- UK electricity", "Electricity: UK", "kWh", "", "kWh"};
const FactorKey kDiesel{"Fuels", "Liquid fuels", "Diesel (average biofuel blend)", "", "", "litres"};
const FactorKey kRail{"Business travel- land", "Rail", "National rail", "", "", "passenger.km"};
const FactorKey kWater{"Water supply", "Water supply", "Water supply", "", "", "cubic metres"};

ActivityLine line(std::string category, FactorKey key, double quantity) {
  ActivityLine l;
  l.category = std::move(category);
  l.factor = std::move(key);
  l.quantity = quantity;
  l.quantity_text = std::to_string(quantity);
  return l;
}


std::vector<ActivityLine> a_year() {
  return {line("buildings", kGasGross, 250000),   line("buildings", kElectricity, 1000000),
          line("buildings", kTandD, 1000000),     line("fleet", kDiesel, 40000),
          line("business-travel", kRail, 12000),  line("water", kWater, 8000),
          line("street-lighting", kElectricity, 500000)};
}

TEST(Footprint, HandWorkedLines2023) {
  std::vector<LineProblem> problems;
  auto fp = compute_footprint(a_year(), factors(2023), problems);
  ASSERT_TRUE(fp.ok()) << fp.error().message;
  ASSERT_EQ(fp->lines.size(), 7u);
  // 250,000 kWh x 0.18293 kg = 45,732.5 kg
  EXPECT_NEAR(fp->lines[0].co2e(), 45.7325, precision(250000));
  EXPECT_EQ(fp->lines[0].scope, Scope::k1);
  // 1,000,000 kWh x 0.20707 kg = 207,070 kg
  EXPECT_NEAR(fp->lines[1].co2e(), 207.070, precision(1000000));
  EXPECT_EQ(fp->lines[1].scope, Scope::k2);
  // 1,000,000 kWh x 0.01792 kg = 17,920 kg
  EXPECT_NEAR(fp->lines[2].co2e(), 17.920, precision(1000000));
  EXPECT_EQ(fp->lines[2].scope, Scope::k3);
  // 40,000 litres x 2.51206 kg = 100,482.4 kg
  EXPECT_NEAR(fp->lines[3].co2e(), 100.4824, precision(40000));
  // 12,000 passenger km x 0.03546 kg = 425.52 kg
  EXPECT_NEAR(fp->lines[4].co2e(), 0.42552, precision(12000));
  // 8,000 m3 x 0.17668 kg = 1,413.44 kg
  EXPECT_NEAR(fp->lines[5].co2e(), 1.41344, precision(8000));
  // Exactly quantity x the stored value: nothing rounded on the way.
  EXPECT_EQ(fp->lines[0].co2e(), 250000 * 0.18292892617449666 / 1000.0);
  EXPECT_EQ(fp->lines[0].factor_text, "0.18292892617449666");

  const double all = 250000 + 1000000 + 1000000 + 40000 + 12000 + 8000 + 500000;
  EXPECT_NEAR(fp->by_scope.at(Scope::k1), 45.7325 + 100.4824, precision(290000));
  EXPECT_NEAR(fp->by_scope.at(Scope::k2), 207.070 + 103.535, precision(1500000));
  EXPECT_NEAR(fp->by_scope.at(Scope::k3), 17.920 + 0.42552 + 1.41344, precision(1020000));
  EXPECT_NEAR(fp->total, 476.57886, precision(all));
  EXPECT_NEAR(fp->by_category.at("buildings"), 45.7325 + 207.070 + 17.920, precision(2250000));
  EXPECT_NEAR(fp->by_category.at("street-lighting"), 103.535, precision(500000));
  EXPECT_FALSE(fp->scope2_market.has_value()) << "no instrument recorded";
}

TEST(Footprint, ByGas) {
  std::vector<LineProblem> problems;
  auto fp = compute_footprint({line("buildings", kGasGross, 250000), line("water", kWater, 8000)},
                              factors(2023), problems);
  ASSERT_TRUE(fp.ok());
  // Natural gas: CO2 0.18256, CH4 0.00028, N2O 0.00009 kg per kWh.
  EXPECT_NEAR(fp->co2, 45.640, precision(250000));
  EXPECT_NEAR(fp->ch4, 0.070, precision(250000));
  EXPECT_NEAR(fp->n2o, 0.0225, precision(250000));
  // Water supply is published as CO2e only.
  EXPECT_NEAR(fp->co2e_not_split, 1.41344, precision(8000));
  EXPECT_FALSE(fp->lines[1].tonnes[static_cast<size_t>(Gas::kCO2)].has_value());
  EXPECT_DOUBLE_EQ(fp->co2 + fp->ch4 + fp->n2o + fp->co2e_not_split,
                   fp->co2 + fp->ch4 + fp->n2o + fp->lines[1].co2e());
}

TEST(Footprint, FactorYearSwitching) {
  std::vector<LineProblem> problems;
  const std::vector<ActivityLine> lines = {line("buildings", kGasGross, 250000),
                                           line("buildings", kElectricity, 1000000)};
  auto in2023 = compute_footprint(lines, factors(2023), problems);
  auto in2022 = compute_footprint(lines, factors(2022), problems);
  ASSERT_TRUE(in2023.ok());
  ASSERT_TRUE(in2022.ok()) << in2022.error().message;
  EXPECT_EQ(in2022->factor_year, 2022);
  // 2022: natural gas 0.18254, UK electricity 0.19338 kg per kWh (as published).
  EXPECT_DOUBLE_EQ(in2022->lines[0].co2e(), 250000 * 0.18254 / 1000.0);
  EXPECT_DOUBLE_EQ(in2022->lines[1].co2e(), 1000000 * 0.19338 / 1000.0);
  // The 2022 file calls UK electricity's Level 4 "2020", the 2023 file "kWh":
  // the line still finds the one factor that differs only there.
  EXPECT_EQ(in2022->lines[1].factor.level4, "2020");
  EXPECT_NEAR(in2023->total - in2022->total, (0.18293 - 0.18254) * 250 + (0.20707 - 0.19338) * 1000,
              precision(1250000) * 2);
}

TEST(Footprint, MarketBasedBesideLocationBased) {
  auto lines = a_year();
  lines[1].market_factor = 0.0;  // a REGO-backed renewable tariff for the buildings
  std::vector<LineProblem> problems;
  auto fp = compute_footprint(lines, factors(2023), problems);
  ASSERT_TRUE(fp.ok());
  ASSERT_TRUE(fp->scope2_market.has_value());
  // Street lighting has no instrument: it stays at the location-based factor.
  EXPECT_NEAR(*fp->scope2_market, 103.535, precision(500000));
  EXPECT_DOUBLE_EQ(*fp->total_market, fp->total - fp->lines[1].co2e());
  EXPECT_EQ(*fp->lines[1].market_tonnes, 0.0);
}

TEST(Footprint, ProblemsAreNamedByLineAndField) {
  auto lines = a_year();
  lines[0].category = "parks";
  lines[2].factor.unit = "furlongs";
  lines[3].quantity = -5;
  lines[4].market_factor = 0.1;
  std::vector<LineProblem> problems;
  auto fp = compute_footprint(lines, factors(2023), problems);
  ASSERT_FALSE(fp.ok());
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_EQ(problems[0].index, 0u);
  EXPECT_EQ(problems[0].field, "category");
  EXPECT_EQ(problems[1].index, 2u);
  EXPECT_EQ(problems[1].field, "factor");
  EXPECT_NE(problems[1].message.find("per furlongs"), std::string::npos);
  EXPECT_EQ(problems[2].field, "quantity");
  EXPECT_EQ(problems[3].field, "market_factor");
  EXPECT_NE(fp.error().message.find("line 3: factor:"), std::string::npos) << fp.error().message;
}

TEST(Footprint, OutsideOfScopesIsReportedButNotTotalled) {
  const FactorKey biogenic{"Outside of scopes", "Forecourt fuels containing biofuel",
                           "Diesel (average biofuel blend)", "", "", "litres"};
  std::vector<LineProblem> problems;
  auto fp = compute_footprint({line("fleet", kDiesel, 1000), line("fleet", biogenic, 1000)},
                              factors(2023), problems);
  ASSERT_TRUE(fp.ok()) << fp.error().message;
  // Biogenic CO2 is published as CO2 only: 1,000 litres x 0.14 kg = 140 kg.
  EXPECT_NEAR(fp->by_scope.at(Scope::kOutside), 0.140, precision(1000));
  EXPECT_DOUBLE_EQ(fp->total, fp->lines[0].co2e());
  EXPECT_EQ(fp->by_category.at("fleet"), fp->lines[0].co2e());
}

}  // namespace
}  // namespace lgb::testing
