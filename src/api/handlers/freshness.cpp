// GET /api/v1/freshness: how soon after publication each metric's latest
// release was loaded, in working days (store/freshness.h).
#include "api/handlers/handlers.h"
#include "api/json_encoder.h"
#include "store/freshness.h"

namespace lgb::api {
namespace {

boost::json::value optional_int(const std::optional<int64_t>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

boost::json::object freshness_json(const FreshnessReport& f) {
  boost::json::object o;
  o["as_of"] = f.as_of;
  o["target_working_days"] = f.target_working_days;
  o["metric_count"] = f.metric_count;
  o["metrics_updated_last_30_days"] = f.metrics_updated_last_30_days;
  o["releases"] = f.releases;
  o["releases_dated"] = f.releases_dated;
  o["releases_within_target"] = f.releases_within_target;
  o["share_within_target"] =
      f.share_within_target ? boost::json::value(*f.share_within_target) : nullptr;
  o["calendar"] = {{"division", "england-and-wales"},
                   {"first_year", f.calendar_first_year},
                   {"last_year", f.calendar_last_year}};
  boost::json::array warnings;
  for (const auto& w : f.warnings) warnings.emplace_back(w);
  o["warnings"] = std::move(warnings);
  boost::json::array metrics;
  for (const auto& m : f.metrics) {
    boost::json::object x;
    x["metric_id"] = m.metric_id;
    x["release_id"] = m.release_id;
    x["publisher"] = m.publisher;
    x["published_on"] = m.published_on.empty() ? boost::json::value(nullptr)
                                                : boost::json::value(m.published_on);
    x["loaded_on"] = m.loaded_on;
    x["days_since_publication"] = optional_int(m.days_since_publication);
    x["working_days_to_load"] = optional_int(m.working_days_to_load);
    x["within_target"] = m.within_target ? boost::json::value(*m.within_target) : nullptr;
    metrics.push_back(std::move(x));
  }
  o["metrics"] = std::move(metrics);
  return o;
}

}  // namespace

Table freshness_table(const FreshnessReport& f) {
  Table t;
  t.header = {"metric_id", "release_id", "publisher", "published_on", "loaded_on",
              "days_since_publication", "working_days_to_load", "within_target"};
  auto num = [](const std::optional<int64_t>& v) { return v ? std::to_string(*v) : ""; };
  for (const auto& m : f.metrics)
    t.rows.push_back({m.metric_id, std::to_string(m.release_id), m.publisher, m.published_on,
                      m.loaded_on, num(m.days_since_publication), num(m.working_days_to_load),
                      m.within_target ? (*m.within_target ? "true" : "false") : ""});
  return t;
}

void add_freshness_routes(Router& router, const ApiContext& ctx) {
  router.get("/api/v1/freshness",
             "How soon after publication each metric was loaded, in working days",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {"as_of", "format"}); !s) return s.error();
               auto format = parse_format(req);
               if (!format) return format.error();
               static const WorkingDays kWeekendsOnly({});
               const WorkingDays& calendar = ctx.calendar ? *ctx.calendar : kWeekendsOnly;
               auto report = compute_freshness(*ctx.store, calendar, req.query.get("as_of"));
               if (!report) return report.error();
               // Ages change with the day, not only with a new release: not cached.
               if (*format == Format::kCsv) return csv_response(freshness_table(*report), "no-store");
               return json_response(encode(freshness_json(*report)), "no-store");
             });
}

}  // namespace lgb::api
