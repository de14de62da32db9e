#include "web/reports.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/json.hpp>

namespace lgb::web {
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

Result<std::string> text_field(const json::object& o, std::string_view key,
                               const std::string& where, bool required) {
  auto* v = o.if_contains(key);
  if (!v) {
    if (required) return invalid(where + ": field '" + std::string(key) + "' is required");
    return std::string();
  }
  if (!v->is_string()) return invalid(where + ": field '" + std::string(key) + "' must be text");
  return std::string(v->as_string());
}

Result<Report> parse_report(const std::string& id, const std::string& file,
                            const std::string& text) {
  boost::system::error_code ec;
  json::value doc = json::parse(text, ec);
  if (ec) return invalid(file + ": not valid JSON: " + ec.message());
  if (!doc.is_object()) return invalid(file + ": the report must be a JSON object");
  const json::object& o = doc.as_object();
  for (const auto& [k, _] : o)
    if (k != "title" && k != "summary" && k != "sections")
      return invalid(file + ": unknown field '" + std::string(k) + "'");
  Report r;
  r.id = id;
  r.source_file = file;
  auto title = text_field(o, "title", file, true);
  if (!title) return title.error();
  r.title = *title;
  auto summary = text_field(o, "summary", file, false);
  if (!summary) return summary.error();
  r.summary = *summary;
  auto* sections = o.if_contains("sections");
  if (!sections || !sections->is_array() || sections->as_array().empty())
    return invalid(file + ": field 'sections' must be a non-empty list");
  int n = 0;
  for (const auto& s : sections->as_array()) {
    std::string where = file + ": sections[" + std::to_string(n++) + "]";
    if (!s.is_object()) return invalid(where + " must be an object");
    ReportSection sec;
    auto st = text_field(s.as_object(), "title", where, true);
    if (!st) return st.error();
    sec.title = *st;
    auto ss = text_field(s.as_object(), "summary", where, false);
    if (!ss) return ss.error();
    sec.summary = *ss;
    auto* metrics = s.as_object().if_contains("metrics");
    if (!metrics || !metrics->is_array() || metrics->as_array().empty())
      return invalid(where + ": field 'metrics' must be a non-empty list of metric ids");
    for (const auto& m : metrics->as_array()) {
      if (!m.is_string()) return invalid(where + ": every metric id must be text");
      sec.metrics.emplace_back(m.as_string());
    }
    r.sections.push_back(std::move(sec));
  }
  return r;
}

}  // namespace

Result<std::vector<Report>> load_reports(const std::string& dir) {
  std::vector<Report> out;
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir, ec)) return out;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    std::ostringstream ss;
    ss << in.rdbuf();
    auto r = parse_report(entry.path().stem().string(), entry.path().string(), ss.str());
    if (!r) return r.error();
    out.push_back(std::move(*r));
  }
  std::sort(out.begin(), out.end(), [](const Report& a, const Report& b) { return a.id < b.id; });
  return out;
}

}  // namespace lgb::web
