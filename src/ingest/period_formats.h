// Periods as publishers write them ("2022-23", "FY 2022/23", "Q1 2023",
// "2019-2021", "2022-04-01/P1Y", ...) read into a canonical Period (the one
// parse_period_id gives for its id). A recipe names the format a column uses;
// kAuto tries every shape in a fixed order.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/period.h"
#include "core/result.h"

namespace lgb {

enum class PeriodFormat {
  kAuto,           // any shape below; "2022-23" is read as a financial year
  kId,             // lgbench ids: fy2022-23, cy2023, ay2022-23, 2023-q1, ...
  kIso,            // ISO 8601 date or start/duration interval
  kCalendarYear,   // 2023, CY 2023
  kFinancialYear,  // 2022-23, 2022/23, 2022-2023, 2022 to 2023, 202223, FY 2022/23
  kAcademicYear,   // the same shapes as a financial year, read as academic years
  kQuarter,        // Q1 2023, 2023 Q1, 2023-Q1; 2023-24 Q1 / Q1 2023/24 (financial quarters)
  kMonth,          // 2023-01, January 2023, Jan 2023
  kMultiYear,      // 2019-2021, 2019 to 2021 (pooled calendar years)
};

// The recipe names: auto, id, iso, calendar-year, financial-year,
// academic-year, quarter, month, multi-year.
std::optional<PeriodFormat> parse_period_format(std::string_view name);
std::vector<std::string> period_format_names();

// Reads text (surrounding spaces ignored) in the given format; the error
// names the text and the shapes the format accepts.
Result<Period> parse_published_period(std::string_view text, PeriodFormat format);

}  // namespace lgb
