#include "api/json_encoder.h"

#include <charconv>
#include <cmath>

#include "core/utf8.h"

namespace lgb::api {
namespace json = boost::json;
namespace {

json::array strings(const std::vector<std::string>& v) {
  json::array a;
  a.reserve(v.size());
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

json::value text_or_null(const std::string& s) {
  return s.empty() ? json::value(nullptr) : json::value(s);
}

json::value area_ref(const std::string& code, const Snapshot& s) {
  if (code.empty()) return nullptr;
  json::object o;
  o["code"] = code;
  const Area* a = area_by_code(s, code);
  o["name"] = a ? json::value(a->name) : json::value(nullptr);
  return o;
}

}  // namespace

json::object area_json(const Area& a) {
  json::object o;
  o["code"] = a.code;
  o["name"] = a.name;
  o["type"] = to_string(a.type);
  o["region_code"] = text_or_null(a.region_code);
  o["parent_code"] = text_or_null(a.parent_code);
  o["start_date"] = text_or_null(a.start_date);
  o["end_date"] = text_or_null(a.end_date);
  o["current"] = a.is_current();
  return o;
}

json::object area_detail_json(const Area& a, const Snapshot& s) {
  json::object o = area_json(a);
  o["region"] = area_ref(a.region_code, s);
  o["parent"] = area_ref(a.parent_code, s);
  json::array succ;
  for (const auto& code : a.successor_codes) succ.push_back(area_ref(code, s));
  o["successors"] = std::move(succ);
  return o;
}

json::object metric_json(const Metric& m) {
  json::object o;
  o["id"] = m.id;
  o["title"] = m.title;
  o["description"] = m.description;
  o["unit"] = m.unit;
  o["polarity"] = to_string(m.polarity);
  o["measure"] = to_string(m.measure);
  o["decimals"] = m.decimals;
  o["themes"] = strings(m.themes);
  o["services"] = strings(m.services);
  o["directorates"] = strings(m.directorates);
  o["portfolios"] = strings(m.portfolios);
  o["publisher"] = m.publisher;
  o["source_url"] = text_or_null(m.source_url);
  o["licence"] = m.licence;
  o["visibility"] = to_string(m.visibility);
  return o;
}

json::object metric_detail_json(const Metric& m, const std::vector<std::string>& period_ids,
                                const Snapshot& s) {
  json::object o = metric_json(m);
  json::array periods;
  for (const auto& id : period_ids) {
    json::object p;
    p["id"] = id;
    const Period* period = period_by_id(s, id);
    p["label"] = period ? period->label() : id;
    periods.push_back(std::move(p));
  }
  o["periods"] = std::move(periods);
  return o;
}

json::object release_json(const Release& r) {
  json::object o;
  o["id"] = r.id;
  o["publisher"] = r.publisher;
  o["source_url"] = text_or_null(r.source_url);
  o["file_name"] = r.file_name;
  o["format"] = r.format;
  o["sha256"] = r.sha256;
  o["published_on"] = text_or_null(r.published_on);
  o["loaded_at"] = r.loaded_at;
  o["loaded_by"] = r.loaded_by;
  o["licence"] = r.licence;
  o["rows"] = r.row_count;
  return o;
}

void append_json_string(std::string& out, std::string_view s) {
  // JSON text must be UTF-8. Stored text was checked at ingest, but errors
  // echo what clients send (a path of "%ff"): replace what is not UTF-8.
  if (find_invalid_utf8(s) != std::string_view::npos) {
    append_json_string(out, replace_invalid_utf8(s));
    return;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  // Runs of characters that need no escape (nearly all of them) are
  // appended whole.
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  out.append(s.data() + run, s.size() - run);  // UTF-8 passes through, unchanged
  out += '"';
}

void append_json_number(std::string& out, double n) {
  if (!std::isfinite(n)) {
    out += "null";
    return;
  }
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  if (ec != std::errc()) {
    out += "null";
    return;
  }
  out.append(buf, end);
}

namespace {

void append_key(std::string& out, std::string_view key) {
  out += '"';
  out += key;
  out += "\":";
}

void append_text_or_null(std::string& out, std::string_view s) {
  if (s.empty()) out += "null";
  else append_json_string(out, s);
}

}  // namespace

std::string encode_data(const DataResult& d, const Snapshot& s) {
  std::string out;
  out.reserve(256 + d.values.size() * 220);
  out += "{\"metric\":{";
  append_key(out, "id");
  append_json_string(out, d.metric->id);
  out += ',';
  append_key(out, "title");
  append_json_string(out, d.metric->title);
  out += ',';
  append_key(out, "unit");
  append_json_string(out, d.metric->unit);
  out += ',';
  append_key(out, "polarity");
  append_json_string(out, to_string(d.metric->polarity));
  out += ',';
  append_key(out, "decimals");
  out += std::to_string(d.metric->decimals);
  out += "},\"count\":";
  out += std::to_string(d.values.size());
  out += ",\"values\":[";
  bool first = true;
  for (const StoredValue& v : d.values) {
    if (!first) out += ',';
    first = false;
    const Area* a = area_by_code(s, v.area_code);
    const Period* p = period_by_id(s, v.period_id);
    out += '{';
    append_key(out, "area_code");
    append_json_string(out, v.area_code);
    out += ',';
    append_key(out, "area_name");
    if (a) append_json_string(out, a->name);
    else out += "null";
    out += ',';
    append_key(out, "period");
    append_json_string(out, v.period_id);
    out += ',';
    append_key(out, "period_label");
    append_json_string(out, p ? p->label() : v.period_id);
    out += ',';
    append_key(out, "value");
    append_json_string(out, v.value.text);  // exactly as published, always a string
    out += ',';
    append_key(out, "number");
    if (v.value.number) append_json_number(out, *v.value.number);
    else out += "null";
    out += ',';
    append_key(out, "status");
    append_text_or_null(out, to_string(v.value.marker));
    out += ',';
    append_key(out, "marker");
    append_text_or_null(out, v.value.marker_text);
    out += ',';
    append_key(out, "note");
    append_text_or_null(out, v.value.note);
    out += ',';
    append_key(out, "release");
    out += std::to_string(v.release_id);
    out += ',';
    append_key(out, "current");
    out += v.current ? "true" : "false";
    out += '}';
  }
  out += "]}";
  return out;
}

std::string encode_list(json::array items) {
  json::object o;
  o["count"] = items.size();
  o["items"] = std::move(items);
  return json::serialize(o);
}

std::string encode(const json::object& o) { return json::serialize(o); }

}  // namespace lgb::api
