// What the SQL stores (sqlite/, postgres/) share about turning domain values
// into rows and back: one rule in one place for the periods a batch needs,
// how stored markers, periods and tag facets read back, how a failing
// observation is named, and the timestamp the store writes.
// Stateless functions; thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/metric.h"
#include "core/period.h"
#include "core/release.h"
#include "core/result.h"
#include "core/value.h"

namespace lgb::store {

// Current UTC time as ISO 8601, e.g. 2026-11-23T09:23:41Z (releases.loaded_at,
// custom_groups.created_at).
std::string utc_now_iso8601();

// The periods a batch's rows need: the batch's own periods, then any period
// an observation names that the batch forgot to list (ids are canonical, so
// parsing gives the same row). Each id once. kInvalidArgument naming the
// observation for an id that is not a period.
Result<std::vector<Period>> periods_of_batch(const ReleaseBatch& batch);

// "observation 3 of 10 (area E08000035, metric claimant-count, period cy2023)";
// index is 0-based.
std::string observation_where(size_t index, size_t total, const Observation& o);

// A period read back from its stored columns; kInternal when they do not
// describe the period id they are stored under.
Result<Period> period_from_columns(const std::string& id, std::string_view kind,
                                   std::string_view start_date, int months);

// A stored marker name ("" for none) read back.
Result<Marker> marker_from_column(std::string_view name);

// marker_from_column for scans of millions of rows that hold a handful of
// distinct names: each is parsed once. One per scan.
class MarkerReader {
 public:
  Result<Marker> read(std::string_view name) {
    if (name.empty()) return Marker::kNone;
    if (name == last_name_) return last_;
    auto m = marker_from_column(name);
    if (m) last_name_.assign(name), last_ = *m;
    return m;
  }

 private:
  std::string last_name_;
  Marker last_ = Marker::kNone;
};

// The error for a release whose file (sha256) was already loaded with the
// same format, as existing_id.
Error already_loaded(const Release& r, int64_t existing_id);

// The four tag facets of a metric, in their stored order and names.
inline constexpr std::array<std::string_view, 4> kTagFacets = {"theme", "service", "directorate",
                                                               "portfolio"};
// The metric's list for a stored facet name, nullptr for an unknown facet.
std::vector<std::string>* tag_list(Metric& m, std::string_view facet);
const std::vector<std::string>& tag_list(const Metric& m, size_t facet_index);

// A JSON array of strings, for one statement shape with any number of codes
// (SQLite: json_each(?); PostgreSQL: json_array_elements_text($n)).
std::string json_string_array(const std::vector<std::string>& items);

// For a stored row no lgbench build writes.
Error corrupt(const std::string& what);

// The first of some rows, or nullopt: the find_* methods.
template <class T>
Result<std::optional<T>> first_row(Result<std::vector<T>> rows) {
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<T>();
  return std::optional<T>(std::move(rows->front()));
}

}  // namespace lgb::store
