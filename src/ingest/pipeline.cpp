#include "ingest/pipeline.h"

#include <filesystem>
#include <optional>
#include <unordered_map>
#include <utility>

#include "ingest/file_bytes.h"
#include "ingest/reader.h"
#include "ingest/table_reader.h"
#include "ingest/validate.h"

namespace lgb {
namespace {

std::string basename_of(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

void fill_release(const SourceSpec& spec, const std::string& format, const std::string& sha,
                  ReleaseBatch& batch) {
  Release& r = batch.release;
  // A reader may have found publisher, URL, date and licence in the file's
  // metadata or its recipe; the spec wins where it says something.
  if (!spec.publisher.empty()) r.publisher = spec.publisher;
  if (!spec.source_url.empty()) r.source_url = spec.source_url;
  if (!spec.published_on.empty()) r.published_on = spec.published_on;
  if (!spec.licence.empty()) r.licence = spec.licence;
  r.file_name = basename_of(spec.path);
  r.format = format;
  r.sha256 = sha;
  r.loaded_by = spec.loaded_by;
}

}  // namespace

Result<std::string> release_format(const SourceSpec& spec) {
  if (spec.format != "recipe" || spec.recipe.empty()) return spec.format;
  auto bytes = read_file_bytes(spec.recipe);
  if (!bytes) return bytes.error();
  return "recipe:" + basename_of(spec.recipe) + "@" + sha256_hex(*bytes).substr(0, 12);
}

std::vector<SourceSpec> read_manifest(const std::string& path, IngestReport& report) {
  std::vector<SourceSpec> out;
  auto bytes = read_file_bytes(path);
  if (!bytes) {
    report.error(path, 0, 0, "", bytes.error().message);
    return out;
  }
  TableReader t(*bytes, path, report);
  if (!t.read_header() || !t.require({"path", "format"})) return out;
  const int c_path = t.column("path"), c_format = t.column("format"), c_pub = t.column("publisher"),
            c_url = t.column("source_url"), c_date = t.column("published_on"),
            c_lic = t.column("licence"), c_by = t.column("loaded_by"),
            c_recipe = t.column("recipe");
  const std::filesystem::path base = std::filesystem::path(path).parent_path();
  while (t.next()) {
    SourceSpec s;
    std::filesystem::path p(t.get(c_path));
    if (p.empty()) {
      t.error(c_path, "empty path");
      continue;
    }
    s.path = (p.is_relative() ? base / p : p).lexically_normal().string();
    s.format = t.get(c_format);
    if (!find_reader(s.format)) {
      std::string all;
      for (const auto& f : supported_formats()) all += (all.empty() ? "" : ", ") + f;
      t.error(c_format, "unknown format '" + s.format + "' (supported: " + all + ")");
      continue;
    }
    s.publisher = std::string(t.get_or_empty(c_pub));
    s.source_url = std::string(t.get_or_empty(c_url));
    s.published_on = std::string(t.get_or_empty(c_date));
    s.licence = std::string(t.get_or_empty(c_lic));
    s.loaded_by = std::string(t.get_or_empty(c_by));
    std::filesystem::path recipe(std::string(t.get_or_empty(c_recipe)));
    if (!recipe.empty())
      s.recipe = (recipe.is_relative() ? base / recipe : recipe).lexically_normal().string();
    if (s.format == "recipe" && s.recipe.empty()) {
      t.error(c_recipe < 0 ? c_format : c_recipe, "format 'recipe' needs a recipe file");
      continue;
    }
    out.push_back(std::move(s));
  }
  return out;
}

namespace {

// Streams what a reader finds into the release being written: each
// observation is checked, then handed to the store's writer; areas, metrics
// and periods are written as they appear (before the rows that use them).
class StoreSink final : public ObservationSink {
 public:
  StoreSink(ReleaseWriter& writer, ObservationChecker& checker)
      : writer_(writer), checker_(checker) {}

  void period(const Period& p) override { keep(writer_.add_period(p)); }
  void area(const Area& a, int64_t) override {
    checker_.area_added(a.code);
    keep(writer_.add_area(a));
  }
  void metric(const Metric& m, int64_t) override {
    checker_.metric_added(m.id);
    keep(writer_.add_metric(m));
  }
  void observation(Observation&& o, const ObservationSource& src, const ReadResult& from) override {
    ++observations_;
    if (store_error_ || !checker_.check(from, o, src)) return;
    keep(writer_.add_observation(o, src.line, src.area_column));
  }

  const std::optional<Error>& store_error() const { return store_error_; }
  int64_t observations() const { return observations_; }

 private:
  void keep(const Status& s) {
    if (!s && !store_error_) store_error_ = s.error();
  }

  ReleaseWriter& writer_;
  ObservationChecker& checker_;
  std::optional<Error> store_error_;
  int64_t observations_ = 0;
};

std::string key_of(const std::string& area, const std::string& metric, const std::string& period) {
  return area + '\x1f' + metric + '\x1f' + period;
}

// A second read of a rejected file, to find the first line of each key the
// store found repeated (the store only sees the later one).
class FirstLines final : public ObservationSink {
 public:
  explicit FirstLines(std::unordered_map<std::string, int64_t>& wanted) : wanted_(wanted) {}
  void period(const Period&) override {}
  void area(const Area&, int64_t) override {}
  void metric(const Metric&, int64_t) override {}
  void observation(Observation&& o, const ObservationSource& src, const ReadResult&) override {
    auto it = wanted_.find(key_of(o.area_code, o.metric_id, o.period_id));
    if (it != wanted_.end() && it->second == 0) it->second = src.line;
  }

 private:
  std::unordered_map<std::string, int64_t>& wanted_;
};

void report_write_problems(const ReleaseWriter& writer, const ReaderInput& in, ReaderFn reader,
                           const ReadResult& read, IngestReport& report) {
  std::unordered_map<std::string, int64_t> first;
  for (const auto& p : writer.problems())
    if (p.duplicate) first.emplace(key_of(p.area_code, p.metric_id, p.period_id), 0);
  if (!first.empty()) {
    FirstLines finder(first);
    ReaderInput again = in;
    again.sink = &finder;
    IngestReport ignored;
    (void)reader(again, ignored);
  }
  const char* lines = read.sheet.empty() ? ": lines " : ": rows ";
  for (const auto& p : writer.problems()) {
    std::string message = p.message;
    if (p.duplicate) {
      int64_t earlier = first[key_of(p.area_code, p.metric_id, p.period_id)];
      message = "duplicate observation for area " + p.area_code + ", metric " + p.metric_id +
                ", period " + p.period_id + lines + std::to_string(earlier) + " and " +
                std::to_string(p.line);
    }
    report_at(read, in.file, report, p.line, p.column, std::move(message));
  }
  report.more_errors += writer.problem_count() - static_cast<int64_t>(writer.problems().size());
}

}  // namespace

IngestResult ingest_file(const SourceSpec& spec, Store& store,
                         const std::function<void(int64_t)>& progress) {
  IngestResult result;
  IngestReport& report = result.report;
  const std::string& file = spec.path;
  ReaderFn reader = find_reader(spec.format);
  if (!reader) {
    report.error(file, 0, 0, "", "unknown format '" + spec.format + "'");
    return result;
  }
  // Mapped, not read: only the pages near the reader's cursor stay resident.
  auto mapped = MappedFile::open(spec.path);
  if (!mapped) {
    report.error(file, 0, 0, "", mapped.error().message);
    return result;
  }
  const std::string sha = mapped->sha256();
  auto format = release_format(spec);
  if (!format) {
    report.error(spec.recipe, 0, 0, "", format.error().message);
    return result;
  }
  auto already = [&]() {
    auto existing = store.find_release(sha, *format);
    if (!existing) {
      report.error(file, 0, 0, "", "store: " + existing.error().message);
      return true;
    }
    if (!existing->has_value()) return false;
    result.outcome = IngestOutcome::kAlreadyLoaded;
    result.release_id = (*existing)->id;
    return true;
  };
  if (already()) return result;
  auto known = KnownRegister::from_store(store);
  if (!known) {
    report.error(file, 0, 0, "", "store: " + known.error().message);
    return result;
  }

  // The release is written as it is read, in one transaction that commits
  // only if the whole file is clean.
  ReleaseBatch provisional;
  fill_release(spec, *format, sha, provisional);
  auto writer = store.begin_release(provisional.release);
  if (!writer) {
    // Loaded by someone else since we looked: same bytes, same format.
    if (writer.error().code == ErrorCode::kConflict && already()) return result;
    report.error(file, 0, 0, "", "store: " + writer.error().message);
    return result;
  }
  ObservationChecker checker(*known, file, report);
  StoreSink sink(**writer, checker);
  ReaderInput in{spec, file, mapped->bytes(), *known, progress, &sink,
                 [&mapped](size_t offset) { mapped->release_before(offset); }};
  ReadResult read = reader(in, report);
  validate_areas(read, *known, file, report);
  if (auto st = (*writer)->flush(); !st && !sink.store_error())
    report.error(file, 0, 0, "", "store: " + st.error().message);
  if (sink.store_error()) report.error(file, 0, 0, "", "store: " + sink.store_error()->message);
  report_write_problems(**writer, in, reader, read, report);
  if (report.ok() && sink.observations() == 0 && read.batch.areas.empty() &&
      read.batch.metrics.empty())
    report.error(file, 0, 0, "", "the file holds no observations, areas or metrics");
  if (!report.ok()) return result;  // rejected whole: the writer rolls back

  fill_release(spec, *format, sha, read.batch);
  if (progress) progress(report.rows_read);
  auto id = (*writer)->commit(read.batch.release);
  if (!id) {
    report.error(file, 0, 0, "", "store: " + id.error().message);
    return result;
  }
  result.outcome = IngestOutcome::kLoaded;
  result.release_id = *id;
  for (const Metric& m : read.batch.metrics)
    if (!known->metric_ids.count(m.id)) report.new_metrics.push_back(m.id);
  return result;
}

}  // namespace lgb
