#include "api/csv_encoder.h"

#include <algorithm>
#include <cmath>

#include "api/json_encoder.h"
#include "core/value.h"

namespace lgb::api {
namespace {

std::string join(const std::vector<std::string>& v, char sep = ';') {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += v[i];
  }
  return out;
}

// True when a spreadsheet would take the cell for a formula.
bool looks_like_formula(std::string_view cell) {
  return !cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos &&
         !parse_number(cell);
}

void append_field(std::string& out, std::string_view f, bool guard_formula) {
  std::string_view guard = guard_formula && looks_like_formula(f) ? "'" : "";
  if (f.find_first_of(",\"\r\n") == std::string::npos) {
    out.append(guard).append(f);
    return;
  }
  out += '"';
  out += guard;
  for (char c : f) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

std::string format_number(const std::optional<double>& n) {
  if (!n || !std::isfinite(*n)) return {};  // as JSON's null
  std::string out;
  append_json_number(out, *n);  // the same text as the JSON "number"
  return out;
}

Table areas_table(const std::vector<const Area*>& areas) {
  Table t;
  t.header = {"code", "name", "type", "region_code", "parent_code", "start_date", "end_date", "current"};
  t.rows.reserve(areas.size());
  for (const Area* a : areas)
    t.rows.push_back({a->code, a->name, std::string(to_string(a->type)), a->region_code,
                      a->parent_code, a->start_date, a->end_date,
                      a->is_current() ? "true" : "false"});
  return t;
}

Table metrics_table(const std::vector<const Metric*>& metrics) {
  Table t;
  t.header = {"id", "title", "unit", "polarity", "measure", "decimals", "themes", "publisher",
              "licence"};
  for (const Metric* m : metrics)
    t.rows.push_back({m->id, m->title, m->unit, std::string(to_string(m->polarity)),
                      std::string(to_string(m->measure)), std::to_string(m->decimals),
                      join(m->themes), m->publisher, m->licence});
  return t;
}

Table releases_table(const std::vector<Release>& releases) {
  Table t;
  t.header = {"id", "publisher", "source_url", "file_name", "format", "sha256",
              "published_on", "loaded_at", "loaded_by", "licence", "rows"};
  for (const Release& r : releases)
    t.rows.push_back({std::to_string(r.id), r.publisher, r.source_url, r.file_name, r.format,
                      r.sha256, r.published_on, r.loaded_at, r.loaded_by, r.licence,
                      std::to_string(r.row_count)});
  return t;
}

Table periods_table(const std::vector<std::string>& period_ids, const Snapshot& s) {
  Table t;
  t.header = {"id", "label"};
  for (const auto& id : period_ids) {
    const Period* p = period_by_id(s, id);
    t.rows.push_back({id, p ? p->label() : id});
  }
  return t;
}

Table data_table(const DataResult& d, const Snapshot& s) {
  Table t;
  t.header = {"area_code", "area_name", "period", "period_label", "value", "number",
              "status", "marker", "note", "release", "current"};
  t.verbatim = {"value"};
  t.rows.reserve(d.values.size());
  for (const StoredValue& v : d.values) {
    const Area* a = area_by_code(s, v.area_code);
    const Period* p = period_by_id(s, v.period_id);
    t.rows.push_back({v.area_code, a ? a->name : "", v.period_id,
                      p ? p->label() : v.period_id, v.value.text,
                      format_number(v.value.number), std::string(to_string(v.value.marker)),
                      v.value.marker_text, v.value.note, std::to_string(v.release_id),
                      v.current ? "true" : "false"});
  }
  return t;
}

std::string encode_csv(const Table& t, std::string_view eol) {
  std::vector<bool> verbatim(t.header.size());
  for (size_t i = 0; i < t.header.size(); ++i)
    verbatim[i] = std::find(t.verbatim.begin(), t.verbatim.end(), t.header[i]) != t.verbatim.end();
  std::string out;
  auto row = [&](const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i) out += ',';
      append_field(out, fields[i], i >= verbatim.size() || !verbatim[i]);
    }
    out += eol;
  };
  row(t.header);
  for (const auto& r : t.rows) row(r);
  return out;
}

}  // namespace lgb::api
