#include "core/working_days.h"

#include <cstdio>

namespace lgb {
namespace {

// Howard Hinnant's days-from-civil: proleptic Gregorian calendar.
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

// 0 = Monday ... 6 = Sunday.
int weekday(int64_t days) { return static_cast<int>(((days % 7) + 7 + 3) % 7); }

}  // namespace

std::optional<int64_t> days_since_epoch(std::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int v[3] = {0, 0, 0};
  const size_t at[3][2] = {{0, 4}, {5, 2}, {8, 2}};
  for (int k = 0; k < 3; ++k)
    for (size_t i = at[k][0]; i < at[k][0] + at[k][1]; ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      v[k] = v[k] * 10 + (s[i] - '0');
    }
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > kDays[v[1] - 1]) return std::nullopt;
  bool leap = (v[0] % 4 == 0 && v[0] % 100 != 0) || v[0] % 400 == 0;
  if (v[1] == 2 && v[2] == 29 && !leap) return std::nullopt;
  return days_from_civil(v[0], static_cast<unsigned>(v[1]), static_cast<unsigned>(v[2]));
}

std::string iso_date_of(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y + (m <= 2)), m, d);
  return buf;
}

WorkingDays::WorkingDays(const std::vector<std::string>& bank_holidays) {
  for (const auto& h : bank_holidays)
    if (auto d = days_since_epoch(h)) {
      holidays_.insert(*d);
      int year = std::stoi(h.substr(0, 4));
      if (first_year_ == 0 || year < first_year_) first_year_ = year;
      if (year > last_year_) last_year_ = year;
    }
}

bool WorkingDays::is_working_day(int64_t day) const {
  return weekday(day) < 5 && !holidays_.count(day);
}

std::optional<int64_t> WorkingDays::between(std::string_view from, std::string_view to) const {
  auto a = days_since_epoch(from), b = days_since_epoch(to);
  if (!a || !b) return std::nullopt;
  int64_t sign = 1;
  if (*b < *a) {
    std::swap(a, b);
    sign = -1;
  }
  int64_t n = 0;
  for (int64_t d = *a + 1; d <= *b; ++d) n += is_working_day(d);
  return sign * n;
}

}  // namespace lgb
