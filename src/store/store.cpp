#include "store/store.h"

namespace lgb {

Result<int64_t> Store::load_release(const ReleaseBatch& b) {
  auto w = begin_release(b.release);
  if (!w) return w.error();
  ReleaseWriter& writer = **w;
  for (const Area& a : b.areas)
    if (auto s = writer.add_area(a); !s) return s.error();
  for (const Metric& m : b.metrics)
    if (auto s = writer.add_metric(m); !s) return s.error();
  for (const Period& p : b.periods)
    if (auto s = writer.add_period(p); !s) return s.error();
  for (size_t i = 0; i < b.observations.size(); ++i)
    if (auto s = writer.add_observation(b.observations[i], static_cast<int64_t>(i) + 1, -1); !s)
      return s.error();
  if (auto s = writer.flush(); !s) return s.error();
  if (writer.problem_count() > 0) {
    const WriteProblem& p = writer.problems().front();
    return invalid("observation " + std::to_string(p.line) + " of " +
                   std::to_string(b.observations.size()) + " (area " + p.area_code + ", metric " +
                   p.metric_id + ", period " + p.period_id + "): " + p.message);
  }
  return writer.commit(b.release);
}

}  // namespace lgb
