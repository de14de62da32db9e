// Councils as they stood (docs/methods.md): the register's areas grouped
// into councils that keep their identity across one-to-one code changes
// (Sheffield E08000019 -> E08000039), the days each code was in operation,
// and, for any period, which councils were in operation and under which
// code. Built once per snapshot from the area table; immutable afterwards
// and shared read-only between threads.
#pragma once

#include <climits>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/area.h"
#include "core/period.h"

namespace lgb {

// Days since 1970-01-01. kMinDay / kMaxDay stand for "no start date" and
// "still in operation".
inline constexpr int32_t kMinDay = INT32_MIN;
inline constexpr int32_t kMaxDay = INT32_MAX;
// An ISO date yyyy-mm-dd as a day number; nullopt when malformed.
std::optional<int32_t> day_number(std::string_view iso);
// The ISO date of a day number.
std::string iso_date(int32_t day);

// First and last day, inclusive.
struct DaySpan {
  int32_t first = kMinDay;
  int32_t last = kMaxDay;
  bool overlaps(const DaySpan& o) const { return first <= o.last && o.first <= last; }
  bool covers(const DaySpan& o) const { return first <= o.first && last >= o.last; }
  bool contains(int32_t day) const { return first <= day && day <= last; }
};
// The days a period runs: its start to the day before start + length (a
// dated snapshot is its one day).
DaySpan period_span(const Period& p);

// An English council (GSS code E..., a council type), current or not.
bool is_english_council(const Area& a);

struct Council {
  std::vector<uint32_t> codes;         // area indices of its codes, oldest first
  DaySpan span;                        // in operation, over all its codes
  std::vector<uint32_t> predecessors;  // other areas it replaced (a merger or split)
  bool current = false;                // its newest code has no end date
};

class CouncilRegister {
 public:
  // areas: every area, indexed as the caller indexes them (any order).
  static CouncilRegister build(const std::vector<Area>& areas);

  size_t size() const { return councils_.size(); }
  const Council& council(uint32_t c) const { return councils_[c]; }
  // The council an area belongs to. Only English councils share a council
  // across codes; every other area is a council of its own.
  int32_t council_of(uint32_t area) const { return council_of_[area]; }
  // The days one code was in operation: start date to end date, except that
  // an end date on which a successor starts is that successor's first day,
  // so the code's last day is the day before (the register records both
  // conventions).
  const DaySpan& span_of(uint32_t area) const { return spans_[area]; }
  // The code council c had in period p: the one in operation on the
  // period's last day, else the newest in operation during it, else its
  // newest code.
  uint32_t code_in(uint32_t c, const DaySpan& p) const;

 private:
  std::vector<Council> councils_;
  std::vector<int32_t> council_of_;
  std::vector<DaySpan> spans_;
};

}  // namespace lgb
