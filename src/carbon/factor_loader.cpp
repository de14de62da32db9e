#include "carbon/factor_loader.h"

#include "carbon/factor_reader.h"
#include "ingest/csv_reader.h"
#include "ingest/file_bytes.h"

namespace lgb::carbon {

Result<LoadedYear> load_factor_file(CarbonStore& store, const FactorSource& source,
                                    const std::string& loaded_by, IngestReport& report) {
  auto file = read_factor_file(source.path, report);
  if (!file) return file.error();
  FactorSet set = file->set;
  set.publisher = source.publisher;
  set.source_url = source.source_url;
  set.licence = source.licence;
  set.loaded_by = loaded_by;
  if (!source.published_on.empty())
    set.note = "published " + source.published_on + (set.note.empty() ? "" : "; " + set.note);
  auto sets = store.list_factor_sets();
  if (!sets) return sets.error();
  for (const auto& s : *sets)
    if (s.year == set.year && s.sha256 == set.sha256) return LoadedYear{s, true};
  if (auto s = store.add_factor_set(set, file->factors); !s) return s.error();
  return LoadedYear{set, false};
}

Result<std::vector<FactorSource>> read_factor_manifest(const std::string& path) {
  auto bytes = read_file_bytes(path);
  if (!bytes) return bytes.error();
  const auto slash = path.find_last_of('/');
  const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  CsvReader reader(*bytes);
  CsvRecord rec;
  const std::vector<std::string> header = {"path", "publisher", "source_url", "published_on",
                                           "licence"};
  if (!reader.next(rec) || !rec.ok() || rec.fields != header)
    return invalid(path + ":1: the header must be " +
                   "path,publisher,source_url,published_on,licence");
  std::vector<FactorSource> out;
  while (reader.next(rec)) {
    if (rec.is_blank()) continue;
    if (!rec.ok()) return invalid(path + ":" + std::to_string(rec.error_line) + ": " + rec.error);
    if (rec.fields.size() != header.size() || rec.fields[0].empty())
      return invalid(path + ":" + std::to_string(rec.line) + ": expected " +
                     std::to_string(header.size()) + " fields with a path");
    out.push_back({dir + rec.fields[0], rec.fields[1], rec.fields[2], rec.fields[3], rec.fields[4]});
  }
  return out;
}

}  // namespace lgb::carbon
