// Period: a typed, ordered time period with a stable human-readable id.
//   fy2022-23   financial year (April to March)
//   cy2023      calendar year
//   ay2022-23   academic year (August/September to July/August)
//   2023-q1     calendar quarter (January to March)
//   2023-01     month
//   2024-05-15  a dated snapshot
//   cy2019-2023 a multi-year (pooled) calendar-year period
//   anything else from an ISO 8601 interval keeps that interval as its id,
//   lower-cased, e.g. "2012-02-01/p1y".
// Plain value type; no I/O.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace lgb {

enum class PeriodKind {
  kFinancialYear,
  kCalendarYear,
  kAcademicYear,
  kQuarter,
  kMonth,
  kDate,
  kMultiYear,
  kOther,
};

std::string_view to_string(PeriodKind kind);

struct Period {
  PeriodKind kind = PeriodKind::kOther;
  int year = 0;    // start year
  int month = 1;   // start month 1-12
  int day = 1;     // start day
  int months = 0;  // length in months; 0 for a dated snapshot

  std::string id() const;
  std::string label() const;      // "2022/23", "2023", "Q1 2023", "15 May 2024"
  std::string start_date() const; // ISO yyyy-mm-dd
  // Orders by start date, then length. Unique per id.
  int64_t sort_key() const;

  friend bool operator==(const Period& a, const Period& b) { return a.id() == b.id(); }
};

// Parses one of the ids listed above.
Result<Period> parse_period_id(std::string_view id);
// Parses an ISO 8601 date or "start/duration" interval (P1Y, P5Y, P3M, P1M).
Result<Period> parse_iso_period(std::string_view text);
// Parses "2015/16" (financial year) or "2015" (calendar year): the forms used
// in many government spreadsheets.
Result<Period> parse_year_period(std::string_view text);

}  // namespace lgb
