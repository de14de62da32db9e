#include "core/metric.h"

#include <gtest/gtest.h>

#include "core/area.h"

namespace lgb {
namespace {

TEST(Metric, Slugify) {
  EXPECT_EQ(slugify("Apprenticeship starts (England)"), "apprenticeship-starts-england");
  EXPECT_EQ(slugify("  GCSEs in English & Maths "), "gcses-in-english-maths");
}

TEST(Metric, PolarityRoundTrip) {
  for (auto p : {Polarity::kHigherIsBetter, Polarity::kLowerIsBetter, Polarity::kNeither})
    EXPECT_EQ(parse_polarity(to_string(p)), p);
  EXPECT_FALSE(parse_polarity("up").has_value());
}

TEST(Area, TypesRoundTripAndTiers) {
  for (auto t : {AreaType::kCountry, AreaType::kRegion, AreaType::kCounty, AreaType::kDistrict,
                 AreaType::kUnitary, AreaType::kMetropolitanDistrict, AreaType::kLondonBorough,
                 AreaType::kCombinedAuthority, AreaType::kFireAuthority, AreaType::kOther})
    EXPECT_EQ(parse_area_type(to_string(t)), t);
  EXPECT_TRUE(is_upper_tier(AreaType::kCounty));
  EXPECT_FALSE(is_lower_tier(AreaType::kCounty));
  EXPECT_TRUE(is_lower_tier(AreaType::kDistrict));
  EXPECT_TRUE(is_upper_tier(AreaType::kUnitary) && is_lower_tier(AreaType::kUnitary));
}

}  // namespace
}  // namespace lgb
