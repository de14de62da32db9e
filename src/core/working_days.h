// Working days in England and Wales: Monday to Friday except bank holidays,
// for the freshness promise (a release loaded within 5 working days of its
// publication). The holidays come from the caller (GOV.UK's list, bundled in
// data/calendar). Plain value type; thread-safe once built.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace lgb {

// Days since 1970-01-01 of an ISO date (yyyy-mm-dd, a longer timestamp's
// first ten characters); nullopt when it is not a valid date.
std::optional<int64_t> days_since_epoch(std::string_view iso_date);
// The ISO date of a day number.
std::string iso_date_of(int64_t days);

class WorkingDays {
 public:
  explicit WorkingDays(const std::vector<std::string>& bank_holidays);

  bool is_working_day(int64_t day) const;
  // Working days after `from` up to and including `to`: loaded the same day
  // is 0, published on a Friday and loaded on the Monday is 1. Negative when
  // to is before from. nullopt when either date is invalid.
  std::optional<int64_t> between(std::string_view from, std::string_view to) const;
  // The years the holiday list covers (first and last holiday's year; 0
  // when empty): outside them a bank holiday would count as a working day.
  int first_year() const { return first_year_; }
  int last_year() const { return last_year_; }

 private:
  std::set<int64_t> holidays_;
  int first_year_ = 0, last_year_ = 0;
};

}  // namespace lgb
