#include "carbon/footprint.h"

namespace lgb::carbon {

const Category* find_category(std::string_view id) {
  for (const auto& c : kCategories)
    if (c.id == id) return &c;
  return nullptr;
}

Result<Footprint> compute_footprint(const std::vector<ActivityLine>& lines,
                                    const FactorTable& factors,
                                    std::vector<LineProblem>& problems) {
  Footprint fp;
  fp.factor_year = factors.year();
  bool any_market = false;
  double electricity_location = 0, electricity_market = 0;
  const size_t problems_before = problems.size();
  for (size_t i = 0; i < lines.size(); ++i) {
    const ActivityLine& l = lines[i];
    auto problem = [&](std::string field, std::string message) {
      problems.push_back({i, std::move(field), std::move(message)});
    };
    if (!find_category(l.category)) problem("category", "unknown category '" + l.category + "'");
    if (!(l.quantity >= 0)) problem("quantity", "the quantity must be zero or more");
    const auto* found = factors.resolve(l.factor);
    const FactorEntry* e = found ? &found->second : nullptr;
    if (!e || !e->co2e()) {
      problem("factor", "the " + std::to_string(factors.year()) + " factors have no " +
                            l.factor.label() + " per " + l.factor.unit);
      continue;
    }
    const bool electricity = l.factor.level1 == kElectricityLevel1;
    if (l.market_factor && !electricity)
      problem("market_factor", "a market-based factor applies only to UK electricity");
    if (l.market_factor && !(*l.market_factor >= 0))
      problem("market_factor", "the market-based factor must be zero or more");
    if (problems.size() > problems_before) continue;

    LineResult r;
    r.factor = found->first;
    r.scope = e->scope;
    r.category = l.category;
    r.factor_kg = *e->co2e();
    r.factor_text = e->co2e_text();
    for (Gas g : kGases)
      if (const auto& kg = e->kg[static_cast<size_t>(g)])
        r.tonnes[static_cast<size_t>(g)] = l.quantity * *kg / 1000.0;
    r.tonnes[static_cast<size_t>(Gas::kCO2e)] = l.quantity * *e->co2e() / 1000.0;
    const double t = r.co2e();
    if (electricity) {
      electricity_location += t;
      const double market = l.market_factor ? l.quantity * *l.market_factor / 1000.0 : t;
      electricity_market += market;
      if (l.market_factor) {
        any_market = true;
        r.market_tonnes = market;
      }
    }
    fp.by_scope[r.scope] += t;
    if (r.scope != Scope::kOutside) {
      fp.total += t;
      fp.by_category[r.category] += t;
      if (e->split_by_gas()) {
        fp.co2 += *r.tonnes[static_cast<size_t>(Gas::kCO2)];
        fp.ch4 += *r.tonnes[static_cast<size_t>(Gas::kCH4)];
        fp.n2o += *r.tonnes[static_cast<size_t>(Gas::kN2O)];
      } else {
        fp.co2e_not_split += t;
      }
    }
    fp.lines.push_back(std::move(r));
  }
  if (problems.size() > problems_before)
    return invalid(describe({problems.begin() + problems_before, problems.end()}));
  if (any_market) {
    const double scope2 = fp.by_scope.count(Scope::k2) ? fp.by_scope[Scope::k2] : 0.0;
    fp.scope2_market = scope2 - electricity_location + electricity_market;
    fp.total_market = fp.total - electricity_location + electricity_market;
  }
  return fp;
}

std::string describe(const std::vector<LineProblem>& problems, std::string_view what) {
  std::string out = std::to_string(problems.size()) +
                    (problems.size() == 1 ? " problem" : " problems");
  for (const auto& p : problems) {
    out += "; " + std::string(what) + " " + std::to_string(p.index + 1) + ": " + p.field + ": " +
           p.message;
  }
  return out;
}

}  // namespace lgb::carbon
