// The LG Inform-compatible endpoints under /lginform/ (docs/lginform-compat.md):
// metricTypes, and data / data.csv / data.table with LG Inform's parameters,
// so a council's existing script needs only a new base URL and our metric
// ids. Callers sign URLs as for LG Inform Plus (ApplicationKey + Signature,
// checked in ApiService) or send a bearer key; without either they see
// public metrics. Visibility is the engine's, as on every route.
#include <boost/json.hpp>

#include "api/handlers/handlers.h"
#include "engine/area_sets.h"
#include "engine/catalogue.h"

namespace lgb::api {
namespace {

namespace json = boost::json;

struct LgColumn {
  const Metric* metric = nullptr;
  std::string period_id, period_label;
};

struct LgCell {
  std::optional<double> value;
  std::string formatted;
};

struct LgTable {
  std::vector<LgColumn> columns;
  std::vector<const Area*> rows;
  std::vector<std::vector<LgCell>> cells;  // [row][column]
  bool labels = true;                      // headerCellType=label
};

Status check_lginform_params(const Request& req) {
  static const std::vector<std::string_view> kKnown = {
      "metricType", "area", "period", "columnGrouping", "rowGrouping", "value.valueType",
      "value1.valueType", "outputType", "headerCellType"};
  for (const auto& [key, value] : req.query.items()) {
    if (std::find(kKnown.begin(), kKnown.end(), key) == kKnown.end())
      return invalid("unknown parameter '" + key +
                     "'; /lginform/data takes metricType, area, period, columnGrouping, "
                     "rowGrouping, value.valueType, outputType, headerCellType, "
                     "ApplicationKey and Signature");
    if ((key == "value.valueType" || key == "value1.valueType") && value != "raw")
      return invalid("only " + key + "=raw is supported, not '" + value + "'");
    if (key == "columnGrouping" && value != "metricType" && value != "period" &&
        value != "valueType")
      return invalid("columnGrouping must be metricType, period or valueType, not '" + value + "'");
    if (key == "rowGrouping" && value != "area")
      return invalid("rowGrouping must be area, not '" + value + "'");
    if (key == "outputType" && value != "table")
      return invalid("outputType must be table, not '" + value + "'");
    if (key == "headerCellType" && value != "label" && value != "identifier")
      return invalid("headerCellType must be label or identifier, not '" + value + "'");
  }
  return ok_status();
}

Result<LgTable> build_table(const ApiContext& ctx, const Request& req) {
  if (auto s = check_lginform_params(req); !s) return s.error();
  auto snap = engine_snapshot(ctx);
  if (!snap) return snap.error();
  const Snapshot& s = **snap;
  const Access& access = caller_access(req);
  const std::vector<std::string> metric_ids = split_list(req.query.get("metricType"));
  if (metric_ids.empty())
    return invalid("parameter 'metricType' is required, e.g. metricType=claimant-count");
  auto areas = resolve_area_list(s, access, req.query.get("area"));
  if (!areas) return areas.error();

  // Columns: metric-major unless period is grouped before metricType.
  bool period_first = false;
  for (const auto& [key, value] : req.query.items()) {
    if (key != "columnGrouping") continue;
    if (value == "period") { period_first = true; break; }
    if (value == "metricType") break;
  }
  LgTable t;
  t.labels = req.query.get("headerCellType", "label") == "label";
  std::vector<std::pair<const Metric*, std::vector<std::string>>> per_metric;
  for (const std::string& id : metric_ids) {
    auto m = lookup_metric(s, access, id);
    if (!m) return m.error();
    auto periods = resolve_period_list(s, access, id, req.query.get("period", "latest"));
    if (!periods) return periods.error();
    per_metric.emplace_back(*m, std::move(*periods));
  }
  auto label_of = [&](const std::string& pid) {
    const Period* p = period_by_id(s, pid);
    return p ? p->label() : pid;
  };
  if (!period_first) {
    for (const auto& [m, periods] : per_metric)
      for (const std::string& p : periods) t.columns.push_back({m, p, label_of(p)});
  } else {
    std::vector<std::string> all;
    for (const auto& [m, periods] : per_metric)
      for (const std::string& p : periods)
        if (std::find(all.begin(), all.end(), p) == all.end()) all.push_back(p);
    std::sort(all.begin(), all.end(), [&](const std::string& a, const std::string& b) {
      const Period *pa = period_by_id(s, a), *pb = period_by_id(s, b);
      return pa && pb ? pa->sort_key() < pb->sort_key() : a < b;
    });
    for (const std::string& p : all)
      for (const auto& [m, periods] : per_metric)
        if (std::find(periods.begin(), periods.end(), p) != periods.end())
          t.columns.push_back({m, p, label_of(p)});
  }

  std::unordered_map<std::string, size_t> row_of;
  for (const std::string& code : *areas) {
    row_of.emplace(code, t.rows.size());
    t.rows.push_back(area_by_code(s, code));
  }
  t.cells.assign(t.rows.size(), std::vector<LgCell>(t.columns.size()));
  for (const auto& [m, periods] : per_metric) {
    DataRequest dr;
    dr.metric = m->id;
    dr.areas = *areas;
    auto data = fetch_values(*ctx.store, s, access, dr);
    if (!data) return data.error();
    for (const StoredValue& v : data->values) {
      auto r = row_of.find(v.area_code);
      if (r == row_of.end()) continue;
      for (size_t c = 0; c < t.columns.size(); ++c) {
        if (t.columns[c].metric != m || t.columns[c].period_id != v.period_id) continue;
        t.cells[r->second][c] = {v.value.number, v.value.text};
      }
    }
  }
  return t;
}

std::string column_header(const LgTable& t, const LgColumn& c) {
  return t.labels ? c.metric->title + " " + c.period_label : c.metric->id + " " + c.period_id;
}

std::string encode_json(const LgTable& t) {
  json::object out;
  json::array columns;
  for (const LgColumn& c : t.columns) {
    json::object col;
    col["metricType"] = {{"identifier", c.metric->id}, {"label", c.metric->title}};
    col["period"] = {{"identifier", c.period_id}, {"label", c.period_label}};
    col["valueType"] = {{"identifier", "raw"}, {"label", "Raw value"}};
    columns.push_back(std::move(col));
  }
  out["columns"] = std::move(columns);
  json::array rows;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    json::object row;
    row["area"] = {{"identifier", t.rows[r]->code}, {"label", t.rows[r]->name}};
    json::array values;
    for (const LgCell& cell : t.cells[r]) {
      json::object v;
      if (cell.value) v["value"] = *cell.value;
      else v["value"] = nullptr;
      v["formatted"] = cell.formatted;
      values.push_back(std::move(v));
    }
    row["values"] = std::move(values);
    rows.push_back(std::move(row));
  }
  out["rows"] = std::move(rows);
  return json::serialize(out);
}

Table to_table(const LgTable& t) {
  Table out;
  out.header = {"area identifier", "area label"};
  for (const LgColumn& c : t.columns) out.header.push_back(column_header(t, c));
  for (size_t r = 0; r < t.rows.size(); ++r) {
    std::vector<std::string> row = {t.rows[r]->code, t.rows[r]->name};
    for (const LgCell& cell : t.cells[r]) row.push_back(cell.formatted);
    out.rows.push_back(std::move(row));
  }
  return out;
}

std::string escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string encode_html_table(const Table& t) {
  std::string out = "<table>\n<thead><tr>";
  for (const auto& h : t.header) out += "<th scope=\"col\">" + escape(h) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : t.rows) {
    out += "<tr>";
    for (size_t i = 0; i < row.size(); ++i)
      out += (i == 1 ? "<th scope=\"row\">" : "<td>") + escape(row[i]) + (i == 1 ? "</th>" : "</td>");
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

// Answers for one caller: a signed-in caller's answers are private (see
// ApiService), an anonymous caller's are public like the rest of the API.
constexpr std::string_view kLgCache = "public, max-age=60";

}  // namespace

void add_lginform_routes(Router& router, const ApiContext& ctx) {
  router.get("/lginform/metricTypes", "LG Inform-compatible list of metric types",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {}); !s) return s.error();
               auto snap = engine_snapshot(ctx);
               if (!snap) return snap.error();
               json::array items;
               for (const Metric* m : list_metrics(**snap, caller_access(req), {}))
                 items.push_back({{"identifier", m->id}, {"label", m->title}});
               json::object out;
               out["metricType-array"] = std::move(items);
               return json_response(json::serialize(out), kLgCache);
             });
  router.get("/lginform/data", "LG Inform-compatible data table (JSON)",
             [ctx](const Request& req) -> Result<Response> {
               auto t = build_table(ctx, req);
               if (!t) return t.error();
               return json_response(encode_json(*t), kLgCache);
             },
             "columnGrouping");
  router.get("/lginform/data.csv", "LG Inform-compatible data table (CSV)",
             [ctx](const Request& req) -> Result<Response> {
               auto t = build_table(ctx, req);
               if (!t) return t.error();
               return csv_response(to_table(*t), kLgCache);
             },
             "columnGrouping");
  router.get("/lginform/data.table", "LG Inform-compatible data table (HTML table)",
             [ctx](const Request& req) -> Result<Response> {
               auto t = build_table(ctx, req);
               if (!t) return t.error();
               Response r;
               r.content_type = "text/html; charset=utf-8";
               r.body = encode_html_table(to_table(*t));
               r.cache_control = kLgCache;
               return r;
             },
             "columnGrouping");
}

}  // namespace lgb::api
