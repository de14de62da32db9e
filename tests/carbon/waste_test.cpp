// Waste emissions against hand-worked examples from the published 2023
// waste-disposal factors (kg CO2e per tonne, 5 decimal places), disallowed
// stream-route pairs, and the average factor.
#include <gtest/gtest.h>

#include "carbon/waste.h"
#include "carbon_fixture.h"

namespace lgb::testing {
namespace {

using carbon::compute_waste;
using carbon::LineProblem;

WasteLine waste(std::string stream, std::string route, double tonnes) {
  return {std::move(stream), std::move(route), std::to_string(tonnes), tonnes};
}

TEST(Waste, HandWorkedStreamsAndRoutes2023) {
  std::vector<LineProblem> problems;
  auto r = compute_waste({waste("Household residual waste", "landfill", 10000),
                          waste("Household residual waste", "combustion", 20000),
                          waste("Organic: food and drink waste", "anaerobic-digestion", 5000),
                          waste("Paper and board: mixed", "Closed-loop", 6000)},
                         factors(2023), problems);
  ASSERT_TRUE(r.ok()) << r.error().message;
  // 10,000 t x 497.04471 kg = 4,970,447.1 kg
  EXPECT_NEAR(r->lines[0].co2e, 4970.4471, precision(10000));
  EXPECT_EQ(r->lines[0].factor_text, "497.04470652803235");
  // 20,000 t x 21.28081 kg = 425,616.2 kg
  EXPECT_NEAR(r->lines[1].co2e, 425.6162, precision(20000));
  // 5,000 t x 8.91242 kg = 44,562.1 kg
  EXPECT_NEAR(r->lines[2].co2e, 44.5621, precision(5000));
  // 6,000 t x 21.28081 kg = 127,684.86 kg (route given as the column text)
  EXPECT_NEAR(r->lines[3].co2e, 127.68486, precision(6000));
  EXPECT_EQ(r->lines[3].route, "closed-loop");

  EXPECT_NEAR(r->total, 5568.31026, precision(41000));
  EXPECT_EQ(r->tonnes, 41000);
  EXPECT_NEAR(r->by_stream.at("Household residual waste"), 4970.4471 + 425.6162, precision(30000));
  EXPECT_NEAR(r->by_route.at("landfill"), 4970.4471, precision(10000));
  EXPECT_NEAR(r->by_route.at("combustion"), 425.6162, precision(20000));
  // Average factor: 5,568,310.26 kg / 41,000 t = 135.812445 kg per tonne.
  ASSERT_TRUE(r->average_kg_per_tonne.has_value());
  EXPECT_NEAR(*r->average_kg_per_tonne, 135.812445, 0.5e-5);
}

TEST(Waste, FactorYear2022) {
  std::vector<LineProblem> problems;
  auto r = compute_waste({waste("Household residual waste", "landfill", 10000)}, factors(2022),
                         problems);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_DOUBLE_EQ(r->total, 10000 * 446.20411 / 1000.0);  // the 2022 value as rendered
}

TEST(Waste, DisallowedPairsAreRefusedNamingTheAllowedRoutes) {
  std::vector<LineProblem> problems;
  auto r = compute_waste({waste("Household residual waste", "composting", 100),
                          waste("Glass", "incineration-without-energy-recovery", 100),
                          waste("Moon rock", "landfill", 1),
                          waste("Glass", "landfill", -1)},
                         factors(2023), problems);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_EQ(problems[0].field, "route");
  EXPECT_EQ(problems[0].message,
            "DESNZ publishes no 2023 factor for Household residual waste by Composting; routes "
            "with a factor: Landfill, Incineration with energy recovery");
  EXPECT_NE(problems[1].message.find("by Incineration without energy recovery"), std::string::npos);
  EXPECT_EQ(problems[2].field, "stream");
  EXPECT_EQ(problems[3].field, "tonnes");
  EXPECT_NE(r.error().message.find("waste line 1: route:"), std::string::npos) << r.error().message;
}

TEST(Waste, StreamsComeFromTheFactorYear) {
  const auto& streams = factors(2023).waste_streams();
  EXPECT_EQ(streams.size(), 42u);
  auto routes = carbon::routes_for(factors(2023), "Organic: garden waste");
  ASSERT_EQ(routes.size(), 4u);
  EXPECT_EQ(routes[0]->id, "landfill");
}

TEST(Waste, NoTonnesNoAverage) {
  std::vector<LineProblem> problems;
  auto r = compute_waste({}, factors(2023), problems);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->average_kg_per_tonne.has_value());
  EXPECT_EQ(r->total, 0);
}

}  // namespace
}  // namespace lgb::testing
