#include "core/working_days.h"

#include <gtest/gtest.h>

namespace lgb {
namespace {

TEST(WorkingDays, WeekendsAndBankHolidays) {
  // Easter 2024: Good Friday 29 March, Easter Monday 1 April.
  WorkingDays w({"2024-03-29", "2024-04-01"});
  EXPECT_EQ(w.between("2024-03-28", "2024-03-28"), 0);
  EXPECT_EQ(w.between("2024-03-28", "2024-04-02"), 1);  // only Tuesday counts
  EXPECT_EQ(w.between("2024-03-22", "2024-03-25"), 1);  // Friday to Monday
  EXPECT_EQ(w.between("2024-03-04", "2024-03-11T09:00:00Z"), 5);
  EXPECT_EQ(w.between("2024-03-11", "2024-03-04"), -5);
  EXPECT_FALSE(w.between("2024-02-30", "2024-03-04").has_value());
  EXPECT_EQ(iso_date_of(*days_since_epoch("2000-02-29")), "2000-02-29");
  EXPECT_EQ(w.first_year(), 2024);
}

}  // namespace
}  // namespace lgb
