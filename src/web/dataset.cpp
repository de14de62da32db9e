#include "web/dataset.h"

#include <algorithm>

#include "api/json_writer.h"

namespace lgb::web {

void Dataset::add_source(const Metric& m) {
  DataSource s{m.publisher, m.licence, m.source_url};
  if (std::find(sources.begin(), sources.end(), s) == sources.end()) sources.push_back(s);
}

std::string attribution(const Dataset& d) {
  std::string out =
      "Compiled by lgbench from published open data; values exactly as published. Sources: ";
  for (size_t i = 0; i < d.sources.size(); ++i) {
    if (i) out += "; ";
    out += d.sources[i].publisher + " (" + d.sources[i].licence + ")";
  }
  return out + ". Contains public sector information licensed under the Open Government Licence v3.0.";
}

std::optional<DownloadFormat> parse_download_name(std::string_view file) {
  if (file == "data.csv") return DownloadFormat::kCsv;
  if (file == "data.xlsx") return DownloadFormat::kXlsx;
  if (file == "data.json") return DownloadFormat::kJson;
  return std::nullopt;
}

namespace {

std::string join_sources(const std::vector<DataSource>& sources, std::string DataSource::*field) {
  std::string out;
  for (const auto& s : sources) {
    if ((s.*field).empty()) continue;
    if (out.find(s.*field) != std::string::npos) continue;
    if (!out.empty()) out += "; ";
    out += s.*field;
  }
  return out;
}

// The main table with the provenance columns every row carries.
api::Table csv_table(const Dataset& d) {
  api::Table t = d.sheets.empty() ? api::Table{} : d.sheets.front().table;
  std::string publishers = join_sources(d.sources, &DataSource::publisher);
  std::string licences = join_sources(d.sources, &DataSource::licence);
  t.header.insert(t.header.end(), {"source", "licence", "attribution"});
  std::string attr = attribution(d);
  for (auto& row : t.rows) row.insert(row.end(), {publishers, licences, attr});
  return t;
}

std::string dataset_json(const Dataset& d) {
  api::JsonWriter w;
  w.begin_object();
  w.key("title").str(d.title);
  w.key("page").str(d.page_url);
  w.key("attribution").str(attribution(d));
  w.key("sources").begin_array();
  for (const auto& s : d.sources) {
    w.begin_object();
    w.key("publisher").str(s.publisher);
    w.key("licence").str(s.licence);
    w.key("url").str(s.url);
    w.end_object();
  }
  w.end_array();
  w.key("notes").begin_array();
  for (const auto& n : d.notes) w.str(n);
  w.end_array();
  w.key("tables").begin_array();
  for (const auto& sheet : d.sheets) {
    w.begin_object();
    w.key("name").str(sheet.name);
    w.key("title").str(sheet.title);
    w.key("columns").begin_array();
    for (const auto& h : sheet.table.header) w.str(h);
    w.end_array();
    // Rows as objects keyed by column; cells stay text, as on the page.
    w.key("rows").begin_array();
    for (const auto& row : sheet.table.rows) {
      w.begin_object();
      for (size_t i = 0; i < row.size() && i < sheet.table.header.size(); ++i)
        w.key(sheet.table.header[i]).str(row[i]);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.take();
}

}  // namespace

Result<api::Response> download_response(const Dataset& d, DownloadFormat f) {
  api::Response r;
  r.cache_control = "public, max-age=60";
  std::string ext;
  switch (f) {
    case DownloadFormat::kCsv:
      r.content_type = "text/csv; charset=utf-8; header=present";
      r.body = api::encode_csv(csv_table(d));
      ext = "csv";
      break;
    case DownloadFormat::kJson:
      r.content_type = "application/json";
      r.body = dataset_json(d);
      ext = "json";
      break;
    case DownloadFormat::kXlsx: {
      auto bytes = encode_xlsx(d);
      if (!bytes) return bytes.error();
      r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      r.body = std::move(*bytes);
      ext = "xlsx";
      break;
    }
  }
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"" + d.file_stem + "." + ext + "\"");
  return r;
}

}  // namespace lgb::web
