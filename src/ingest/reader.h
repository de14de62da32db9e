// Readers: one function per source format, each turning the bytes of one file
// into a ReleaseBatch plus where each item came from, and adding every problem
// found to an IngestReport. Readers never touch the store: what they need of
// it (the register of areas, the catalogue of metric ids) comes in a
// KnownRegister snapshot taken before reading.
// Thread-safety: readers are pure functions of their input.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/area.h"
#include "core/period.h"
#include "core/release.h"
#include "core/result.h"
#include "ingest/ingest_report.h"
#include "ingest/pipeline.h"
#include "store/store.h"

namespace lgb {

// What the store held before this file: areas by code, metric ids.
struct KnownRegister {
  std::unordered_map<std::string, Area> areas;
  std::unordered_set<std::string> metric_ids;

  static Result<KnownRegister> from_store(Store& store);
  const Area* find_area(const std::string& code) const;
};

// Where an observation came from: its physical line and the 0-based columns
// that gave its area, metric and period (-1 when not from a column, e.g. a
// metric implied by the reader).
struct ObservationSource {
  int64_t line = 0;
  int32_t area_column = -1;
  int32_t metric_column = -1;
  int32_t period_column = -1;
};

// Where a streaming load sends what a reader finds, as it finds it, instead
// of keeping it (ReadResult::sink). Periods come before the first
// observation that uses them; areas and metrics are also kept in the batch.
struct ReadResult;
class ObservationSink {
 public:
  virtual ~ObservationSink() = default;
  virtual void period(const Period& p) = 0;
  virtual void area(const Area& a, int64_t line) = 0;
  virtual void metric(const Metric& m, int64_t line) = 0;
  // from: the reader's result so far (header, sheet, periods), for messages.
  virtual void observation(Observation&& obs, const ObservationSource& source,
                           const ReadResult& from) = 0;
};

struct ReaderInput {
  const SourceSpec& spec;
  std::string file;        // as named in reports (the path given)
  std::string_view bytes;  // the whole file
  const KnownRegister& known;
  const std::function<void(int64_t)>& progress;
  ObservationSink* sink = nullptr;  // streaming: where observations go
  // Called now and then with how far into bytes the reader has got (so the
  // pipeline can drop the pages behind); may be empty.
  std::function<void(size_t)> consumed = {};
};

struct ReadResult {
  ReadResult() = default;
  explicit ReadResult(const ReaderInput& in) : sink(in.sink) {}

  ReleaseBatch batch;
  std::vector<ObservationSource> sources;  // parallel to batch.observations
  std::vector<int64_t> area_lines;         // parallel to batch.areas (0: not from a row)
  std::vector<int64_t> metric_lines;       // parallel to batch.metrics
  std::vector<std::string> header;         // column names, for messages
  std::string sheet;                       // spreadsheets: the sheet read (lines are its rows)

  // Streaming: observations go to the sink and are not kept here.
  ObservationSink* sink = nullptr;

  // Reserves room for about as many observations as the bytes have lines,
  // so a large file does not move its observations while growing (not
  // when streaming).
  void reserve_for(std::string_view bytes);
  // Appends an observation and records its period once per id.
  void add(Observation obs, const Period& period, ObservationSource source);
  void add_area(Area area, int64_t line);
  void add_metric(Metric metric, int64_t line);
  bool has_period(const std::string& id) const { return period_ids_.count(id) > 0; }

 private:
  std::unordered_set<std::string> period_ids_;
};

// A period in its canonical form: the one parse_period_id gives for its id
// (so "2022-08-01/P1Y" and "ay2022-23" become the same Period, and every file
// stores the same start date and sort key for one id).
Period canonical_period(const Period& p);

using ReaderFn = ReadResult (*)(const ReaderInput&, IngestReport&);

ReadResult read_tidy(const ReaderInput& in, IngestReport& report);
ReadResult read_metrics_catalogue(const ReaderInput& in, IngestReport& report);
ReadResult read_ons_els(const ReaderInput& in, IngestReport& report);
ReadResult read_trafford(const ReaderInput& in, IngestReport& report);
ReadResult read_register_mysociety(const ReaderInput& in, IngestReport& report);
ReadResult read_ons_ltla_lookup(const ReaderInput& in, IngestReport& report);
ReadResult read_ons_la_changes(const ReaderInput& in, IngestReport& report);
// Any table a recipe describes (in.spec.recipe): ingest/recipe.h.
ReadResult read_recipe(const ReaderInput& in, IngestReport& report);

// nullptr for an unknown format.
ReaderFn find_reader(std::string_view format);

}  // namespace lgb
