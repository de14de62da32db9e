#include "engine/engine.h"

namespace lgb {

Engine::Engine(Store& store, SnapshotOptions options)
    : store_(store), options_(std::move(options)) {}

Status Engine::reload() {
  std::lock_guard lock(write_mu_);
  auto s = build_snapshot(store_, options_);
  if (!s) return s.error();
  holder_.publish(std::move(s).value());
  return ok_status();
}

Result<std::shared_ptr<const Snapshot>> Engine::snapshot() const {
  auto s = holder_.get();
  if (!s) return internal("the engine has no snapshot yet (reload not called or failed)");
  return s;
}

Result<Comparison> Engine::compare(const Access& access, const std::string& metric,
                                   const std::string& area, const std::string& group,
                                   const std::string& period) const {
  auto s = snapshot();
  if (!s) return s.error();
  return lgb::compare(**s, access, metric, area, group, period);
}

Result<Ranking> Engine::rank(const Access& access, const std::string& metric,
                             const std::string& group, const std::string& period, int top,
                             const std::string& area) const {
  auto s = snapshot();
  if (!s) return s.error();
  return lgb::rank(**s, access, metric, group, period, top, area);
}

Result<OutlierScan> Engine::outliers(const Access& access, const OutlierQuery& q) const {
  auto s = snapshot();
  if (!s) return s.error();
  return scan_outliers(**s, access, q);
}

Result<NeighbourList> Engine::neighbours(const Access& access, const std::string& area) const {
  auto s = snapshot();
  if (!s) return s.error();
  return lgb::neighbours(**s, access, area);
}

Result<std::vector<CustomGroup>> Engine::list_groups() const { return store_.list_groups(); }

Status Engine::create_group(const CustomGroup& g) {
  std::lock_guard lock(write_mu_);
  auto s = snapshot();
  if (!s) return s.error();
  if (auto st = validate_custom_group(**s, g); !st) return st;
  if (auto st = store_.save_group(g); !st) return st;
  auto groups = store_.list_groups();
  if (!groups) return groups.error();
  holder_.publish((*s)->with_custom_groups(*groups));
  return ok_status();
}

Status Engine::delete_group(const std::string& id) {
  std::lock_guard lock(write_mu_);
  auto s = snapshot();
  if (!s) return s.error();
  if (auto st = store_.delete_group(id); !st) return st;
  auto groups = store_.list_groups();
  if (!groups) return groups.error();
  holder_.publish((*s)->with_custom_groups(*groups));
  return ok_status();
}

Result<std::vector<RatioDefinition>> Engine::list_ratios(const Access& access) const {
  auto s = snapshot();
  if (!s) return s.error();
  return visible_ratios(**s, access);
}

Status Engine::create_ratio(const Access& access, const RatioDefinition& r) {
  std::lock_guard lock(write_mu_);
  auto s = snapshot();
  if (!s) return s.error();
  if (auto st = validate_ratio(**s, access, r); !st) return st;
  auto next = (*s)->with_ratio(r);
  if (!next) return next.error();
  if (auto st = store_.save_ratio(r); !st) return st;
  holder_.publish(std::move(next).value());
  return ok_status();
}

}  // namespace lgb
