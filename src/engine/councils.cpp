#include "engine/councils.h"

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <unordered_map>

namespace lgb {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days (public domain).
int32_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

void civil_from_days(int32_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

}  // namespace

std::optional<int32_t> day_number(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int v[3] = {0, 0, 0};
  const size_t at[3] = {0, 5, 8}, len[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k)
    for (size_t i = at[k]; i < at[k] + len[k]; ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      v[k] = v[k] * 10 + (s[i] - '0');
    }
  if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31) return std::nullopt;
  return days_from_civil(v[0], static_cast<unsigned>(v[1]), static_cast<unsigned>(v[2]));
}

std::string iso_date(int32_t day) {
  int y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(day, y, m, d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

DaySpan period_span(const Period& p) {
  const int32_t first = days_from_civil(p.year, static_cast<unsigned>(p.month),
                                        static_cast<unsigned>(p.day));
  if (p.months <= 0) return {first, first};
  const int months = p.month - 1 + p.months;
  const int32_t next = days_from_civil(p.year + months / 12, static_cast<unsigned>(months % 12 + 1),
                                       static_cast<unsigned>(p.day));
  return {first, next - 1};
}

bool is_english_council(const Area& a) {
  return a.code.size() == 9 && a.code[0] == 'E' && (is_upper_tier(a.type) || is_lower_tier(a.type));
}

CouncilRegister CouncilRegister::build(const std::vector<Area>& areas) {
  CouncilRegister r;
  const size_t n = areas.size();
  r.council_of_.assign(n, -1);
  r.spans_.resize(n);
  std::unordered_map<std::string_view, uint32_t> index;
  for (uint32_t i = 0; i < n; ++i) index.emplace(areas[i].code, i);

  // Each code's days, and who replaced whom among English councils.
  std::vector<std::vector<uint32_t>> preds(n);
  for (uint32_t i = 0; i < n; ++i) {
    const Area& a = areas[i];
    DaySpan& sp = r.spans_[i];
    if (auto d = day_number(a.start_date)) sp.first = *d;
    if (auto d = day_number(a.end_date)) {
      sp.last = *d;
      for (const auto& code : a.successor_codes) {
        auto s = index.find(code);
        if (s != index.end() && areas[s->second].start_date == a.end_date) sp.last = *d - 1;
      }
    }
    if (!is_english_council(a)) continue;
    for (const auto& code : a.successor_codes) {
      auto s = index.find(code);
      if (s != index.end() && is_english_council(areas[s->second])) preds[s->second].push_back(i);
    }
  }
  // One-to-one successions (a code change): A's only successor is B and B's
  // only predecessor is A. next[A] = B.
  std::vector<int64_t> next(n, -1), prev(n, -1);
  for (uint32_t i = 0; i < n; ++i) {
    const Area& a = areas[i];
    if (!is_english_council(a) || a.successor_codes.size() != 1) continue;
    auto s = index.find(a.successor_codes[0]);
    if (s == index.end() || !is_english_council(areas[s->second])) continue;
    if (preds[s->second].size() == 1 && s->second != i) {
      next[i] = s->second;
      prev[s->second] = i;
    }
  }
  // Chains from their oldest code, in code order of the oldest for stability.
  for (uint32_t i = 0; i < n; ++i) {
    if (!is_english_council(areas[i]) || prev[i] >= 0 || r.council_of_[i] >= 0) continue;
    Council c;
    c.span = {kMaxDay, kMinDay};
    for (int64_t a = i; a >= 0 && r.council_of_[a] < 0; a = next[a]) {
      r.council_of_[a] = static_cast<int32_t>(r.councils_.size());
      c.codes.push_back(static_cast<uint32_t>(a));
      c.span.first = std::min(c.span.first, r.spans_[a].first);
      c.span.last = std::max(c.span.last, r.spans_[a].last);
    }
    c.current = areas[c.codes.back()].is_current();
    r.councils_.push_back(std::move(c));
  }
  // Every other area (and each code of a cycle of code changes, which has
  // no oldest code) is a council of its own.
  for (uint32_t i = 0; i < n; ++i) {
    if (r.council_of_[i] >= 0) continue;
    r.council_of_[i] = static_cast<int32_t>(r.councils_.size());
    r.councils_.push_back({{i}, r.spans_[i], {}, areas[i].is_current()});
  }
  for (Council& c : r.councils_) {
    for (uint32_t a : c.codes)
      for (uint32_t p : preds[a])
        if (std::find(c.codes.begin(), c.codes.end(), p) == c.codes.end()) c.predecessors.push_back(p);
    std::sort(c.predecessors.begin(), c.predecessors.end(),
              [&](uint32_t x, uint32_t y) { return areas[x].code < areas[y].code; });
    c.predecessors.erase(std::unique(c.predecessors.begin(), c.predecessors.end()),
                         c.predecessors.end());
  }
  return r;
}

uint32_t CouncilRegister::code_in(uint32_t c, const DaySpan& p) const {
  const auto& codes = councils_[c].codes;
  for (auto it = codes.rbegin(); it != codes.rend(); ++it)
    if (spans_[*it].contains(p.last)) return *it;
  for (auto it = codes.rbegin(); it != codes.rend(); ++it)
    if (spans_[*it].overlaps(p)) return *it;
  return codes.back();
}

}  // namespace lgb
