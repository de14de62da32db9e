// Search across councils (name, GSS code, including abolished councils and
// what replaced them) and public metrics (title, id, theme, service,
// portfolio), best match first. Serves GET /api/v1/search and the web
// app's search page and autocomplete, so both rank results the same way.
// Pure function of an immutable engine Snapshot (the catalogue); thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/access.h"
#include "engine/snapshot.h"

namespace lgb::api {

struct SearchHit {
  std::string kind;    // "area" | "metric"
  std::string id;      // GSS code or metric id
  std::string label;   // name or title
  std::string detail;  // "Metropolitan district, Yorkshire and The Humber" / "Economy · Employment support"
  std::string path;    // the web page: "/areas/E08000035", "/metrics/claimant-count"
  bool current = true; // false for an abolished council
  int score = 0;       // higher is better
};

// Every hit for q (case-insensitive; at least 2 characters after trimming,
// otherwise none), councils and metrics interleaved by score, then current
// before abolished, then label.
// Only metrics the caller may see are found.
std::vector<SearchHit> search_catalog(const Snapshot& s, const Access& access, std::string_view q);

// "Metropolitan district" etc.
std::string area_type_label(AreaType t);

}  // namespace lgb::api
