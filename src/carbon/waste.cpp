#include "carbon/waste.h"

namespace lgb::carbon {

const WasteRoute* find_waste_route(std::string_view id_or_text) {
  for (const auto& r : kWasteRoutes)
    if (r.id == id_or_text || (!r.column_text.empty() && r.column_text == id_or_text)) return &r;
  return nullptr;
}

std::vector<const WasteRoute*> routes_for(const FactorTable& factors, const std::string& material) {
  std::vector<const WasteRoute*> out;
  for (const auto& r : kWasteRoutes)
    if (!r.column_text.empty() && factors.waste_key(material, std::string(r.column_text)))
      out.push_back(&r);
  return out;
}

Result<WasteResult> compute_waste(const std::vector<WasteLine>& lines, const FactorTable& factors,
                                  std::vector<LineProblem>& problems) {
  WasteResult out;
  out.factor_year = factors.year();
  const size_t problems_before = problems.size();
  for (size_t i = 0; i < lines.size(); ++i) {
    const WasteLine& l = lines[i];
    auto problem = [&](std::string field, std::string message) {
      problems.push_back({i, std::move(field), std::move(message)});
    };
    if (!(l.tonnes >= 0)) problem("tonnes", "the tonnes must be zero or more");
    const auto* stream = factors.find_waste_stream(l.stream);
    const WasteRoute* route = find_waste_route(l.route);
    if (!stream)
      problem("stream", "the " + std::to_string(factors.year()) +
                            " factors have no waste stream '" + l.stream + "'");
    if (!route) problem("route", "unknown management route '" + l.route + "'");
    if (!stream || !route) continue;
    auto key = route->column_text.empty()
                   ? std::nullopt
                   : factors.waste_key(l.stream, std::string(route->column_text));
    if (!key) {
      std::string allowed;
      for (const WasteRoute* r : routes_for(factors, l.stream))
        allowed += (allowed.empty() ? "" : ", ") + std::string(r->label);
      problem("route", "DESNZ publishes no " + std::to_string(factors.year()) + " factor for " +
                           l.stream + " by " + std::string(route->label) +
                           "; routes with a factor: " + (allowed.empty() ? "none" : allowed));
      continue;
    }
    if (problems.size() > problems_before) continue;
    const FactorEntry* e = factors.find(*key);
    WasteLineResult r;
    r.stream = l.stream;
    r.route = std::string(route->id);
    r.factor_kg = *e->co2e();
    r.factor_text = e->co2e_text();
    r.co2e = l.tonnes * r.factor_kg / 1000.0;
    out.by_stream[r.stream] += r.co2e;
    out.by_route[r.route] += r.co2e;
    out.total += r.co2e;
    out.tonnes += l.tonnes;
    out.lines.push_back(std::move(r));
  }
  if (problems.size() > problems_before)
    return invalid(describe({problems.begin() + problems_before, problems.end()}, "waste line"));
  if (out.tonnes > 0) out.average_kg_per_tonne = out.total * 1000.0 / out.tonnes;
  return out;
}

}  // namespace lgb::carbon
