#include "ingest/period_formats.h"

#include "core/excerpt.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <string>
#include <utility>

namespace lgb {
namespace {

constexpr std::array<std::pair<PeriodFormat, std::string_view>, 9> kNames{{
    {PeriodFormat::kAuto, "auto"},
    {PeriodFormat::kId, "id"},
    {PeriodFormat::kIso, "iso"},
    {PeriodFormat::kCalendarYear, "calendar-year"},
    {PeriodFormat::kFinancialYear, "financial-year"},
    {PeriodFormat::kAcademicYear, "academic-year"},
    {PeriodFormat::kQuarter, "quarter"},
    {PeriodFormat::kMonth, "month"},
    {PeriodFormat::kMultiYear, "multi-year"},
}};

constexpr std::array<std::string_view, 12> kMonths{"jan", "feb", "mar", "apr", "may", "jun",
                                                    "jul", "aug", "sep", "oct", "nov", "dec"};

// A small cursor over lower-cased text.
struct Scan {
  std::string s;
  size_t i = 0;

  bool done() const { return i >= s.size(); }
  void spaces() {
    while (i < s.size() && s[i] == ' ') ++i;
  }
  bool word(std::string_view w) {
    if (s.compare(i, w.size(), w) != 0) return false;
    i += w.size();
    return true;
  }
  // Exactly n digits; -1 otherwise (the cursor does not move).
  int number(size_t n) {
    if (i + n > s.size()) return -1;
    int v = 0;
    for (size_t k = i; k < i + n; ++k) {
      if (!std::isdigit(static_cast<unsigned char>(s[k]))) return -1;
      v = v * 10 + (s[k] - '0');
    }
    if (i + n < s.size() && std::isdigit(static_cast<unsigned char>(s[i + n]))) return -1;
    i += n;
    return v;
  }
  // "-", "/", " to ", "–" (en dash) between two years.
  bool range_separator() {
    size_t save = i;
    spaces();
    if (word("-") || word("/") || word("to") || word("\xE2\x80\x93")) {
      spaces();
      return true;
    }
    i = save;
    return false;
  }
};

std::string normalise(std::string_view text) {
  std::string out;
  for (char c : text) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t a = out.find_first_not_of(' '), b = out.find_last_not_of(' ');
  return a == std::string::npos ? std::string() : out.substr(a, b - a + 1);
}

Result<Period> from_id(const char* fmt, int a, int b = 0) {
  char buf[32];
  std::snprintf(buf, sizeof buf, fmt, a, b);
  return parse_period_id(buf);
}

// "2022-23", "2022/2023", "2022 to 2023", "202223": the start year of a
// span of years, or -1 (the cursor does not move); *end_year its last year.
int year_pair(Scan& sc, int* end_year) {
  size_t save = sc.i;
  int y = sc.number(4);
  if (y < 0) {
    // "202223": six digits, as Explore Education Statistics writes them.
    const std::string& s = sc.s;
    size_t k = sc.i;
    if (k + 6 > s.size() || (k + 6 < s.size() && std::isdigit(static_cast<unsigned char>(s[k + 6]))))
      return -1;
    for (size_t j = k; j < k + 6; ++j)
      if (!std::isdigit(static_cast<unsigned char>(s[j]))) return -1;
    int y6 = std::stoi(s.substr(k, 4)), e2 = std::stoi(s.substr(k + 4, 2));
    sc.i += 6;
    *end_year = y6 / 100 * 100 + e2 + (e2 < y6 % 100 ? 100 : 0);
    return y6;
  }
  if (!sc.range_separator()) {
    sc.i = save;
    return -1;
  }
  int e = sc.number(4);
  if (e < 0) {
    int e2 = sc.number(2);
    if (e2 < 0) {
      sc.i = save;
      return -1;
    }
    e = y / 100 * 100 + e2 + (e2 < y % 100 ? 100 : 0);
  }
  *end_year = e;
  return y;
}

Result<Period> bad(std::string_view text, PeriodFormat f) {
  std::string shapes;
  switch (f) {
    case PeriodFormat::kAuto: shapes = "a year, financial year, quarter, month, ISO date or interval, or an lgbench period id"; break;
    case PeriodFormat::kId: shapes = "an lgbench period id such as fy2022-23, cy2023, ay2022-23, 2023-q1"; break;
    case PeriodFormat::kIso: shapes = "an ISO 8601 date or interval such as 2022-04-01/P1Y"; break;
    case PeriodFormat::kCalendarYear: shapes = "a year such as 2023"; break;
    case PeriodFormat::kFinancialYear: shapes = "a financial year such as 2022-23, 2022/23 or FY 2022/23"; break;
    case PeriodFormat::kAcademicYear: shapes = "an academic year such as 2022/23 or 202223"; break;
    case PeriodFormat::kQuarter: shapes = "a quarter such as Q1 2023, 2023 Q1 or 2023-24 Q1"; break;
    case PeriodFormat::kMonth: shapes = "a month such as 2023-01 or January 2023"; break;
    case PeriodFormat::kMultiYear: shapes = "a span of years such as 2019-2021 or 2019 to 2021"; break;
  }
  return invalid("period " + quoted_excerpt(text) + " is not " + shapes);
}

Result<Period> two_year(std::string_view text, std::string_view norm, bool academic) {
  Scan sc{std::string(norm)};
  for (std::string_view prefix : {"financial year", "academic year", "fy", "ay"})
    if (sc.word(prefix)) break;
  sc.spaces();
  int end = 0;
  int y = year_pair(sc, &end);
  sc.spaces();
  if (y < 0 || !sc.done() || end != y + 1)
    return bad(text, academic ? PeriodFormat::kAcademicYear : PeriodFormat::kFinancialYear);
  return from_id(academic ? "ay%04d-%02d" : "fy%04d-%02d", y, (y + 1) % 100);
}

Result<Period> calendar_year(std::string_view text, std::string_view norm) {
  Scan sc{std::string(norm)};
  for (std::string_view prefix : {"calendar year", "cy"})
    if (sc.word(prefix)) break;
  sc.spaces();
  int y = sc.number(4);
  sc.spaces();
  if (y < 0 || !sc.done()) return bad(text, PeriodFormat::kCalendarYear);
  return from_id("cy%04d", y);
}

Result<Period> quarter(std::string_view text, std::string_view norm) {
  Scan sc{std::string(norm)};
  int q = -1, y = -1, end = 0;
  bool financial = false;
  auto read_q = [&] {
    if (!sc.word("q")) return false;
    q = sc.number(1);
    return q >= 1 && q <= 4;
  };
  auto read_year = [&] {
    size_t save = sc.i;
    int fy = year_pair(sc, &end);
    if (fy >= 0 && end == fy + 1) {
      y = fy;
      financial = true;
      return true;
    }
    sc.i = save;
    y = sc.number(4);
    return y >= 0;
  };
  if (read_q()) {  // Q1 2023
    sc.spaces();
    if (!read_year()) return bad(text, PeriodFormat::kQuarter);
  } else {  // 2023 Q1, 2023-Q1, 2023Q1, 2023-24 Q1
    if (!read_year()) return bad(text, PeriodFormat::kQuarter);
    sc.spaces();
    sc.word("-");
    sc.spaces();
    if (!read_q()) return bad(text, PeriodFormat::kQuarter);
  }
  sc.spaces();
  if (!sc.done()) return bad(text, PeriodFormat::kQuarter);
  if (financial) {  // Q1 of 2023-24 is April to June 2023
    int month = 4 + (q - 1) * 3;
    if (month > 12) return from_id("%04d-q%d", y + 1, 1);
    return from_id("%04d-q%d", y, (month - 1) / 3 + 1);
  }
  return from_id("%04d-q%d", y, q);
}

Result<Period> month(std::string_view text, std::string_view norm) {
  Scan sc{std::string(norm)};
  int y = sc.number(4);
  if (y >= 0) {  // 2023-01
    if (!sc.word("-")) return bad(text, PeriodFormat::kMonth);
    int m = sc.number(2);
    if (m < 1 || m > 12 || !sc.done()) return bad(text, PeriodFormat::kMonth);
    return from_id("%04d-%02d", y, m);
  }
  for (size_t m = 0; m < kMonths.size(); ++m) {
    if (!sc.word(kMonths[m])) continue;
    while (!sc.done() && std::isalpha(static_cast<unsigned char>(sc.s[sc.i]))) ++sc.i;
    sc.spaces();
    y = sc.number(4);
    sc.spaces();
    if (y < 0 || !sc.done()) break;
    return from_id("%04d-%02d", y, static_cast<int>(m) + 1);
  }
  return bad(text, PeriodFormat::kMonth);
}

Result<Period> multi_year(std::string_view text, std::string_view norm) {
  Scan sc{std::string(norm)};
  int y = sc.number(4);
  if (y < 0 || !sc.range_separator()) return bad(text, PeriodFormat::kMultiYear);
  int e = sc.number(4);
  sc.spaces();
  if (e <= y || !sc.done()) return bad(text, PeriodFormat::kMultiYear);
  return from_id("cy%04d-%04d", y, e);
}

Result<Period> iso(std::string_view text, std::string_view trimmed) {
  auto p = parse_iso_period(trimmed);
  return p ? p : bad(text, PeriodFormat::kIso);
}

}  // namespace

std::optional<PeriodFormat> parse_period_format(std::string_view name) {
  for (const auto& [f, n] : kNames)
    if (n == name) return f;
  return std::nullopt;
}

std::vector<std::string> period_format_names() {
  std::vector<std::string> out;
  for (const auto& [f, n] : kNames) out.emplace_back(n);
  return out;
}

Result<Period> parse_published_period(std::string_view text, PeriodFormat format) {
  const std::string norm = normalise(text);
  size_t a = text.find_first_not_of(' '), b = text.find_last_not_of(' ');
  std::string_view trimmed = a == std::string_view::npos ? std::string_view() : text.substr(a, b - a + 1);
  switch (format) {
    case PeriodFormat::kId: {
      auto p = parse_period_id(trimmed);
      return p ? p : bad(text, format);
    }
    case PeriodFormat::kIso: return iso(text, trimmed);
    case PeriodFormat::kCalendarYear: return calendar_year(text, norm);
    case PeriodFormat::kFinancialYear: return two_year(text, norm, false);
    case PeriodFormat::kAcademicYear: return two_year(text, norm, true);
    case PeriodFormat::kQuarter: return quarter(text, norm);
    case PeriodFormat::kMonth: return month(text, norm);
    case PeriodFormat::kMultiYear: return multi_year(text, norm);
    case PeriodFormat::kAuto: break;
  }
  if (auto p = parse_period_id(trimmed)) return p;
  if (trimmed.size() >= 10 && trimmed[4] == '-' && trimmed[7] == '-')
    if (auto p = iso(text, trimmed)) return p;
  if (norm.rfind("ay", 0) == 0 || norm.rfind("academic", 0) == 0)
    if (auto p = two_year(text, norm, true)) return p;
  if (auto p = two_year(text, norm, false)) return p;
  if (auto p = calendar_year(text, norm)) return p;
  if (auto p = quarter(text, norm)) return p;
  if (auto p = month(text, norm)) return p;
  if (auto p = multi_year(text, norm)) return p;
  return bad(text, format);
}

}  // namespace lgb
