#include "ingest/verify.h"

#include <map>
#include <set>
#include <tuple>

#include "ingest/file_bytes.h"
#include "ingest/reader.h"

namespace lgb {
namespace {

constexpr size_t kMaxProblems = 20;

using Key = std::tuple<std::string, std::string, std::string>;  // metric, period, area

struct Cell {
  std::string text, marker, marker_text, note;
  bool operator==(const Cell&) const = default;
};

Cell cell_of(const Value& v) {
  return Cell{v.text, std::string(to_string(v.marker)), v.marker_text, v.note};
}

std::string show(const Cell& c) {
  std::string s = "'" + c.text + "'";
  if (!c.marker.empty()) s += " [" + c.marker + " '" + c.marker_text + "']";
  if (!c.note.empty()) s += " note '" + c.note + "'";
  return s;
}

}  // namespace

VerifyResult verify_source(const SourceSpec& spec, Store& store) {
  VerifyResult out;
  out.file = spec.path;
  auto problem = [&](std::string p) {
    ++out.mismatches;
    if (out.problems.size() < kMaxProblems) out.problems.push_back(std::move(p));
  };
  ReaderFn reader = find_reader(spec.format);
  auto mapped = MappedFile::open(spec.path);
  auto format = release_format(spec);
  if (!reader || !mapped || !format) {
    problem(!reader   ? "unknown format '" + spec.format + "'"
            : !mapped ? mapped.error().message
                      : format.error().message);
    return out;
  }
  auto release = store.find_release(mapped->sha256(), *format);
  if (!release || !release->has_value()) {
    problem(release ? "these bytes were never loaded (no release with this SHA-256 and format)"
                    : release.error().message);
    return out;
  }
  out.release_id = (*release)->id;
  auto known = KnownRegister::from_store(store);
  if (!known) {
    problem(known.error().message);
    return out;
  }

  // What the file says.
  IngestReport report;
  ReaderInput in{spec, spec.path, mapped->bytes(), *known, {}};
  ReadResult read = reader(in, report);
  if (!report.ok()) problem("the file no longer reads cleanly: " + report.format(1));
  std::map<Key, Cell> expected;
  for (const auto& o : read.batch.observations)
    expected.emplace(Key{o.metric_id, o.period_id, o.area_code}, cell_of(o.value));
  out.values = static_cast<int64_t>(expected.size());

  // What the store holds for this release.
  auto metrics = store.list_release_metrics();
  if (!metrics) {
    problem(metrics.error().message);
    return out;
  }
  std::set<Key> seen;
  for (const auto& rm : *metrics) {
    if (rm.release_id != out.release_id) continue;
    ValueQuery q;
    q.metric_id = rm.metric_id;
    q.include_history = true;
    auto values = store.query_values(q);
    if (!values) {
      problem(values.error().message);
      continue;
    }
    for (const auto& v : *values) {
      if (v.release_id != out.release_id) continue;
      Key k{v.metric_id, v.period_id, v.area_code};
      seen.insert(k);
      auto it = expected.find(k);
      const std::string where = v.metric_id + " " + v.area_code + " " + v.period_id + ": ";
      if (it == expected.end())
        problem(where + "stored " + show(cell_of(v.value)) + " but not in the file");
      else if (!(it->second == cell_of(v.value)))
        problem(where + "file " + show(it->second) + ", stored " + show(cell_of(v.value)));
    }
  }
  for (const auto& [k, c] : expected)
    if (!seen.count(k))
      problem(std::get<0>(k) + " " + std::get<2>(k) + " " + std::get<1>(k) + ": file " + show(c) +
              " but not stored");
  return out;
}

}  // namespace lgb
