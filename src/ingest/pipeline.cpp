#include "ingest/pipeline.h"

#include <filesystem>
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

// The format a release records: a recipe release names its recipe and the
// first 12 hex digits of the recipe's SHA-256, so the same file read with a
// changed recipe is a new release and every release says how it was read.
Result<std::string> release_format(const SourceSpec& spec) {
  if (spec.format != "recipe" || spec.recipe.empty()) return spec.format;
  auto bytes = read_file_bytes(spec.recipe);
  if (!bytes) return bytes.error();
  return "recipe:" + basename_of(spec.recipe) + "@" + sha256_hex(*bytes).substr(0, 12);
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
  r.row_count = static_cast<int64_t>(batch.observations.size());
}

}  // namespace

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
  auto bytes = read_published_bytes(spec.path);
  if (!bytes) {
    report.error(file, 0, 0, "", bytes.error().message);
    return result;
  }
  const std::string sha = sha256_hex(*bytes);
  auto format = release_format(spec);
  if (!format) {
    report.error(spec.recipe, 0, 0, "", format.error().message);
    return result;
  }
  auto existing = store.find_release(sha, *format);
  if (!existing) {
    report.error(file, 0, 0, "", "store: " + existing.error().message);
    return result;
  }
  if (existing->has_value()) {
    result.outcome = IngestOutcome::kAlreadyLoaded;
    result.release_id = (*existing)->id;
    return result;
  }
  auto known = KnownRegister::from_store(store);
  if (!known) {
    report.error(file, 0, 0, "", "store: " + known.error().message);
    return result;
  }

  ReaderInput in{spec, file, *bytes, *known, progress};
  ReadResult read = reader(in, report);
  validate_batch(read, *known, file, report);
  if (report.ok() && read.batch.observations.empty() && read.batch.areas.empty() &&
      read.batch.metrics.empty())
    report.error(file, 0, 0, "", "the file holds no observations, areas or metrics");
  if (!report.ok()) return result;  // rejected whole: nothing reaches the store

  fill_release(spec, *format, sha, read.batch);
  if (progress) progress(report.rows_read);
  auto id = store.load_release(read.batch);
  if (!id) {
    if (id.error().code == ErrorCode::kConflict) {
      // Loaded by someone else since we looked: same bytes, same format.
      auto again = store.find_release(sha, *format);
      if (again && again->has_value()) {
        result.outcome = IngestOutcome::kAlreadyLoaded;
        result.release_id = (*again)->id;
        return result;
      }
    }
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
