#include "api/catalog.h"

#include <algorithm>

namespace lgb::api {
namespace {

template <class Map>
auto lookup(const Map& index, const std::string& key) -> const typename Map::mapped_type* {
  auto it = index.find(key);
  return it == index.end() ? nullptr : &it->second;
}

Generation generation_of(const std::vector<Release>& releases) {
  Generation g;
  g.releases = static_cast<int64_t>(releases.size());
  for (const Release& r : releases) g.max_release_id = std::max(g.max_release_id, r.id);
  return g;
}

}  // namespace

const Area* Catalog::find_area(const std::string& code) const {
  const size_t* i = lookup(area_index, code);
  return i ? &areas[*i] : nullptr;
}
const Metric* Catalog::find_metric(const std::string& id) const {
  const size_t* i = lookup(metric_index, id);
  return i ? &metrics[*i] : nullptr;
}
const Period* Catalog::find_period(const std::string& id) const {
  const size_t* i = lookup(period_index, id);
  return i ? &periods[*i] : nullptr;
}
const Release* Catalog::find_release(int64_t id) const {
  auto it = std::lower_bound(releases.begin(), releases.end(), id,
                             [](const Release& r, int64_t v) { return r.id < v; });
  return it != releases.end() && it->id == id ? &*it : nullptr;
}

Result<Generation> read_generation(Store& store) {
  // The release list is small (one row per loaded file), so this is cheap
  // enough to poll; every write to the store goes through a release.
  auto releases = store.list_releases();
  if (!releases) return releases.error();
  return generation_of(*releases);
}

Result<std::shared_ptr<const Catalog>> load_catalog(Store& store) {
  auto c = std::make_shared<Catalog>();
  auto releases = store.list_releases();
  if (!releases) return releases.error();
  auto areas = store.list_areas();
  if (!areas) return areas.error();
  auto metrics = store.list_metrics();
  if (!metrics) return metrics.error();
  auto periods = store.list_periods();
  if (!periods) return periods.error();

  c->releases = std::move(*releases);
  c->areas = std::move(*areas);
  c->metrics = std::move(*metrics);
  c->periods = std::move(*periods);
  std::sort(c->releases.begin(), c->releases.end(),
            [](const Release& a, const Release& b) { return a.id < b.id; });
  std::sort(c->areas.begin(), c->areas.end(),
            [](const Area& a, const Area& b) { return a.code < b.code; });
  std::sort(c->metrics.begin(), c->metrics.end(),
            [](const Metric& a, const Metric& b) { return a.id < b.id; });
  std::stable_sort(c->periods.begin(), c->periods.end(),
                   [](const Period& a, const Period& b) { return a.sort_key() < b.sort_key(); });
  c->generation = generation_of(c->releases);
  for (const Release& r : c->releases) c->value_count += r.row_count;
  for (size_t i = 0; i < c->areas.size(); ++i) c->area_index.emplace(c->areas[i].code, i);
  for (size_t i = 0; i < c->metrics.size(); ++i) c->metric_index.emplace(c->metrics[i].id, i);
  for (size_t i = 0; i < c->periods.size(); ++i) c->period_index.emplace(c->periods[i].id(), i);
  return std::shared_ptr<const Catalog>(std::move(c));
}

}  // namespace lgb::api
