#include "core/period.h"
#include "core/excerpt.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>

namespace lgb {
namespace {

constexpr std::array<std::string_view, 12> kMonthNames{
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

// Reads exactly n digits at s[pos]; -1 on failure.
int digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

bool valid_date(int y, int m, int d) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  if (d > kDays[m - 1]) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

// "2022-23" style pair: second is the last two digits of first + 1.
bool consecutive_pair(int first, int second2) { return (first + 1) % 100 == second2; }

Error bad(std::string_view text, std::string_view why) {
  return invalid("bad period " + quoted_excerpt(text) + ": " + std::string(why));
}

Period make(PeriodKind k, int y, int m, int d, int months) {
  Period p;
  p.kind = k;
  p.year = y;
  p.month = m;
  p.day = d;
  p.months = months;
  return p;
}

}  // namespace

std::string_view to_string(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kFinancialYear: return "financial-year";
    case PeriodKind::kCalendarYear: return "calendar-year";
    case PeriodKind::kAcademicYear: return "academic-year";
    case PeriodKind::kQuarter: return "quarter";
    case PeriodKind::kMonth: return "month";
    case PeriodKind::kDate: return "date";
    case PeriodKind::kMultiYear: return "multi-year";
    case PeriodKind::kOther: return "other";
  }
  return "other";
}

std::string Period::start_date() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string Period::id() const {
  char buf[48];
  switch (kind) {
    case PeriodKind::kFinancialYear:
      std::snprintf(buf, sizeof buf, "fy%04d-%02d", year, (year + 1) % 100);
      return buf;
    case PeriodKind::kCalendarYear:
      std::snprintf(buf, sizeof buf, "cy%04d", year);
      return buf;
    case PeriodKind::kAcademicYear:
      std::snprintf(buf, sizeof buf, "ay%04d-%02d", year, (year + 1) % 100);
      return buf;
    case PeriodKind::kQuarter:
      std::snprintf(buf, sizeof buf, "%04d-q%d", year, (month - 1) / 3 + 1);
      return buf;
    case PeriodKind::kMonth:
      std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
      return buf;
    case PeriodKind::kDate:
      return start_date();
    case PeriodKind::kMultiYear:
      std::snprintf(buf, sizeof buf, "cy%04d-%04d", year, year + months / 12 - 1);
      return buf;
    case PeriodKind::kOther:
      break;
  }
  // ISO interval, lower-cased: "2012-02-01/p1y" or "/p18m".
  if (months % 12 == 0)
    std::snprintf(buf, sizeof buf, "%s/p%dy", start_date().c_str(), months / 12);
  else
    std::snprintf(buf, sizeof buf, "%s/p%dm", start_date().c_str(), months);
  return buf;
}

std::string Period::label() const {
  char buf[64];
  switch (kind) {
    case PeriodKind::kFinancialYear:
    case PeriodKind::kAcademicYear:
      std::snprintf(buf, sizeof buf, "%04d/%02d", year, (year + 1) % 100);
      return buf;
    case PeriodKind::kCalendarYear:
      return std::to_string(year);
    case PeriodKind::kQuarter:
      std::snprintf(buf, sizeof buf, "Q%d %04d", (month - 1) / 3 + 1, year);
      return buf;
    case PeriodKind::kMonth:
      return std::string(kMonthNames[month - 1]) + " " + std::to_string(year);
    case PeriodKind::kDate:
      return std::to_string(day) + " " + std::string(kMonthNames[month - 1]) + " " +
             std::to_string(year);
    case PeriodKind::kMultiYear:
      std::snprintf(buf, sizeof buf, "%04d to %04d", year, year + months / 12 - 1);
      return buf;
    case PeriodKind::kOther:
      break;
  }
  return id();
}

int64_t Period::sort_key() const {
  // Start date, then length: yyyymmdd * 1000 + months.
  return (static_cast<int64_t>(year) * 10000 + month * 100 + day) * 1000 + months;
}

Result<Period> parse_period_id(std::string_view id) {
  auto n = id.size();
  if (n == 9 && (id.substr(0, 2) == "fy" || id.substr(0, 2) == "ay") && id[6] == '-') {
    int y = digits(id, 2, 4), y2 = digits(id, 7, 2);
    if (y < 0 || y2 < 0 || !consecutive_pair(y, y2)) return bad(id, "years must be consecutive, e.g. fy2022-23");
    if (!valid_date(y, 1, 1)) return bad(id, "year out of range");
    return id[0] == 'f' ? make(PeriodKind::kFinancialYear, y, 4, 1, 12)
                        : make(PeriodKind::kAcademicYear, y, 9, 1, 12);
  }
  if (n == 6 && id.substr(0, 2) == "cy") {
    int y = digits(id, 2, 4);
    if (y < 0 || !valid_date(y, 1, 1)) return bad(id, "expected cyYYYY");
    return make(PeriodKind::kCalendarYear, y, 1, 1, 12);
  }
  if (n == 11 && id.substr(0, 2) == "cy" && id[6] == '-') {
    int y = digits(id, 2, 4), y2 = digits(id, 7, 4);
    if (y < 0 || y2 <= y || !valid_date(y, 1, 1) || y2 - y > 50) return bad(id, "expected cyYYYY-YYYY");
    return make(PeriodKind::kMultiYear, y, 1, 1, (y2 - y + 1) * 12);
  }
  if (n == 7 && id[4] == '-' && id[5] == 'q') {
    int y = digits(id, 0, 4), q = digits(id, 6, 1);
    if (y < 0 || q < 1 || q > 4 || !valid_date(y, 1, 1)) return bad(id, "expected YYYY-qN");
    return make(PeriodKind::kQuarter, y, (q - 1) * 3 + 1, 1, 3);
  }
  if (n == 7 && id[4] == '-') {
    int y = digits(id, 0, 4), m = digits(id, 5, 2);
    if (y < 0 || m < 0 || !valid_date(y, m, 1)) return bad(id, "expected YYYY-MM");
    return make(PeriodKind::kMonth, y, m, 1, 1);
  }
  if (n == 10 && id[4] == '-' && id[7] == '-') {
    int y = digits(id, 0, 4), m = digits(id, 5, 2), d = digits(id, 8, 2);
    if (y < 0 || m < 0 || d < 0 || !valid_date(y, m, d)) return bad(id, "not a valid date");
    return make(PeriodKind::kDate, y, m, d, 0);
  }
  if (n > 11 && id[10] == '/') {
    auto p = parse_iso_period(id);
    if (!p) return p;
    if (p->id() != id) return bad(id, "not in canonical form, expected '" + p->id() + "'");
    return p;
  }
  return bad(id, "expected fy2022-23, cy2023, ay2022-23, 2023-q1, 2023-01, 2024-05-15 or cy2019-2023");
}

Result<Period> parse_iso_period(std::string_view text) {
  if (text.size() < 10) return bad(text, "expected an ISO 8601 date or interval");
  int y = digits(text, 0, 4), m = digits(text, 5, 2), d = digits(text, 8, 2);
  if (y < 0 || m < 0 || d < 0 || text[4] != '-' || text[7] != '-' || !valid_date(y, m, d))
    return bad(text, "expected an ISO 8601 date yyyy-mm-dd");
  if (text.size() == 10) return make(PeriodKind::kDate, y, m, d, 0);
  std::string_view dur = text.substr(10);
  if (dur.size() < 4 || dur[0] != '/' || (dur[1] != 'P' && dur[1] != 'p'))
    return bad(text, "expected a duration such as /P1Y");
  char unit = static_cast<char>(std::toupper(static_cast<unsigned char>(dur.back())));
  int count = 0;
  auto body = dur.substr(2, dur.size() - 3);
  auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), count);
  if (ec != std::errc() || ptr != body.data() + body.size() || count <= 0 || count > 600 ||
      (unit != 'Y' && unit != 'M'))
    return bad(text, "duration must be a whole number of years or months, e.g. P1Y or P3M");
  int months = unit == 'Y' ? count * 12 : count;
  // The sort key keeps three digits for the length, and a multi-year id
  // spans at most 50 years.
  if (months > 600) return bad(text, "duration must be at most 50 years (P50Y or P600M)");
  if (d == 1) {
    if (months == 12 && m == 1) return make(PeriodKind::kCalendarYear, y, 1, 1, 12);
    if (months == 12 && m == 4) return make(PeriodKind::kFinancialYear, y, 4, 1, 12);
    // Schools' years start in September, colleges' in August: one id, so one
    // Period (the one parse_period_id gives), or the sort key would not be
    // a function of the id.
    if (months == 12 && (m == 8 || m == 9)) return make(PeriodKind::kAcademicYear, y, 9, 1, 12);
    if (months > 12 && months % 12 == 0 && m == 1) return make(PeriodKind::kMultiYear, y, 1, 1, months);
    if (months == 3 && (m - 1) % 3 == 0) return make(PeriodKind::kQuarter, y, m, 1, 3);
    if (months == 1) return make(PeriodKind::kMonth, y, m, 1, 1);
  }
  return make(PeriodKind::kOther, y, m, d, months);
}

Result<Period> parse_year_period(std::string_view text) {
  if (text.size() == 4) {
    int y = digits(text, 0, 4);
    if (y < 0 || !valid_date(y, 1, 1)) return bad(text, "expected a year such as 2023");
    return make(PeriodKind::kCalendarYear, y, 1, 1, 12);
  }
  if (text.size() == 7 && (text[4] == '/' || text[4] == '-')) {
    int y = digits(text, 0, 4), y2 = digits(text, 5, 2);
    if (y < 0 || y2 < 0 || !consecutive_pair(y, y2) || !valid_date(y, 1, 1))
      return bad(text, "expected a financial year such as 2015/16");
    return make(PeriodKind::kFinancialYear, y, 4, 1, 12);
  }
  return bad(text, "expected a year (2023) or a financial year (2015/16)");
}

}  // namespace lgb
