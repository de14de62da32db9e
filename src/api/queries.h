// Queries shared by the HTTP handlers and the CLI: parse and validate filters,
// then select areas, metrics and values. Validation errors are kInvalidArgument
// (HTTP 400), unknown things kNotFound (404). Stateless; thread-safe given a
// thread-safe Store.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/catalog.h"
#include "core/result.h"
#include "store/store.h"

namespace lgb::api {

struct AreaFilter {
  std::optional<AreaType> type;
  std::string region;  // region GSS code (E12...)
  std::string q;       // case-insensitive substring of the name
  std::optional<bool> current;  // empty: current and past areas
};

// current: "true" | "false" | "all" (or empty, meaning all).
Result<AreaFilter> make_area_filter(const std::string& type, const std::string& region,
                                    const std::string& q, const std::string& current);
std::vector<const Area*> filter_areas(const Catalog& catalog, const AreaFilter& f);

struct MetricFilter {
  std::string q;      // case-insensitive substring of id, title or description
  std::string theme;  // exact theme tag
};
// Only public metrics: restricted and draft ones need sign-in, which the API
// does not offer yet, so they are treated as absent.
std::vector<const Metric*> filter_metrics(const Catalog& catalog, const MetricFilter& f);
// A public metric by id, or kNotFound (also for restricted and draft ones).
Result<const Metric*> find_public_metric(const Catalog& catalog, const std::string& id);
// Area by code: kInvalidArgument for a malformed code, kNotFound if unknown.
Result<const Area*> find_area(const Catalog& catalog, const std::string& code);

struct DataRequest {
  std::string metric;
  std::vector<std::string> areas;  // empty: all
  std::string period;              // empty: all
  bool history = false;
};

// Builds a DataRequest from raw parameters ("E08000035,E08000036").
Result<DataRequest> make_data_request(const std::string& metric, const std::string& areas,
                                      const std::string& period, const std::string& history);

struct DataResult {
  const Metric* metric = nullptr;
  std::vector<StoredValue> values;
};

Result<DataResult> fetch_values(Store& store, const Catalog& catalog, const DataRequest& req);

// Syntax checks: a GSS code is a letter and 8 digits; ids are slugs.
bool is_area_code(const std::string& s);
bool is_slug(const std::string& s);
// "true"/"false"/"1"/"0"/"" -> bool; anything else kInvalidArgument.
Result<bool> parse_bool(const std::string& name, const std::string& value);

}  // namespace lgb::api
