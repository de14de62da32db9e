#include "synth/synth.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

namespace lgb {

uint64_t synth_mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

namespace {

// Counter-based randomness: a value is a pure function of its coordinates,
// so output does not depend on the order of generation or the standard
// library (std::*_distribution differ between implementations).
struct Rng {
  uint64_t seed;
  uint64_t bits(uint64_t purpose, uint64_t a = 0, uint64_t b = 0, uint64_t c = 0) const {
    uint64_t h = synth_mix(seed ^ synth_mix(purpose));
    h = synth_mix(h ^ a);
    h = synth_mix(h ^ (b * 0x9E3779B97F4A7C15ull));
    return synth_mix(h ^ (c * 0xD1B54A32D192ED03ull));
  }
  double uniform(uint64_t p, uint64_t a = 0, uint64_t b = 0, uint64_t c = 0) const {
    return static_cast<double>(bits(p, a, b, c) >> 11) * 0x1.0p-53;
  }
  // Irwin-Hall(12) - 6: close to N(0,1), additions only, so bit-exact anywhere.
  double normal(uint64_t p, uint64_t a = 0, uint64_t b = 0, uint64_t c = 0) const {
    double s = 0;
    for (uint64_t i = 0; i < 12; ++i) s += uniform(p * 16 + i, a, b, c);
    return s - 6.0;
  }
};

enum Purpose : uint64_t {
  kKind = 1, kPolarity, kCentre, kSpread, kTrend, kLoading, kAreaQuality, kAreaMetric,
  kNoise, kGap, kSuppress, kTheme, kService, kPortfolio, kSign, kAreaTrend,
};

enum class Kind { kPercentage, kRate, kCount, kMoney };

struct MetricSpec {
  Kind kind;
  int polarity;  // +1 higher is better, -1 lower, 0 neither
  double centre, spread, trend, loading;
  int decimals;
};

const char* kThemes[] = {"adult-social-care", "children", "education", "environment", "housing",
                         "economy", "health", "transport", "finance", "community-safety",
                         "culture", "waste", "planning", "workforce"};
const char* kServices[] = {"Adult social care", "Children's services", "Schools", "Waste collection",
                           "Housing services", "Planning", "Highways", "Public health",
                           "Libraries", "Revenues and benefits", "Leisure", "Environmental health"};
const char* kDirectorates[] = {"Adults", "Children", "Place", "Resources", "Public health",
                               "Communities"};
const char* kPortfolios[] = {"Adult social care", "Children and families", "Environment",
                             "Finance", "Housing", "Health and wellbeing", "Economy and skills",
                             "Transport", "Communities"};
template <size_t N>
constexpr size_t count_of(const char* (&)[N]) { return N; }

MetricSpec spec_of(const Rng& r, uint64_t m) {
  MetricSpec s{};
  const double k = r.uniform(kKind, m);
  s.kind = k < 0.4 ? Kind::kPercentage : k < 0.7 ? Kind::kRate : k < 0.9 ? Kind::kCount : Kind::kMoney;
  const double p = r.uniform(kPolarity, m);
  s.polarity = p < 0.45 ? 1 : p < 0.85 ? -1 : 0;
  s.loading = 0.2 + 0.6 * r.uniform(kLoading, m);  // how much the area's quality shows
  s.trend = 0.03 * r.normal(kTrend, m);           // per year, in spreads
  switch (s.kind) {
    case Kind::kPercentage:
      s.centre = 10 + 80 * r.uniform(kCentre, m);
      s.spread = 2 + 10 * r.uniform(kSpread, m);
      s.decimals = 1;
      break;
    case Kind::kRate:
      s.centre = 2 + 6 * r.uniform(kCentre, m);  // log scale
      s.spread = 0.15 + 0.35 * r.uniform(kSpread, m);
      s.decimals = 1;
      break;
    case Kind::kCount:
      s.centre = 4 + 7 * r.uniform(kCentre, m);
      s.spread = 0.3 + 0.6 * r.uniform(kSpread, m);
      s.decimals = 0;
      break;
    case Kind::kMoney:
      s.centre = 3 + 4 * r.uniform(kCentre, m);
      s.spread = 0.1 + 0.3 * r.uniform(kSpread, m);
      s.decimals = 2;
      break;
  }
  return s;
}

// Fixed-decimal text from an integer, so formatting is exact and portable.
void format_fixed(double v, int decimals, std::string& out) {
  double scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  long long n = std::llround(v * scale);
  if (n < 0) {
    out += '-';
    n = -n;
  }
  const long long p = static_cast<long long>(scale);
  out += std::to_string(n / p);
  if (decimals > 0) {
    std::string frac = std::to_string(n % p);
    out += '.';
    out.append(static_cast<size_t>(decimals) - frac.size(), '0');
    out += frac;
  }
}

std::string metric_id(int m) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "synth-%05d", m + 1);
  return buf;
}

std::string period_id(int year) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "fy%d-%02d", year, (year + 1) % 100);
  return buf;
}

struct FileCloser {
  void operator()(FILE* f) const { if (f) std::fclose(f); }
};
using File = std::unique_ptr<FILE, FileCloser>;

}  // namespace

Result<SynthSummary> write_synthetic_cube(const SynthOptions& o, const std::string& out_dir) {
  if (o.metrics < 1 || o.metrics > 1000000) return invalid("synth: metrics must be 1..1000000");
  if (o.periods < 1 || o.periods > 100) return invalid("synth: periods must be 1..100");
  if (o.area_codes.empty()) return invalid("synth: give at least one area code");
  SynthSummary sum;
  sum.catalogue_path = out_dir + "/synthetic-metrics.csv";
  sum.observations_path = out_dir + "/synthetic-observations.csv";
  const Rng r{o.seed};

  File cat(std::fopen(sum.catalogue_path.c_str(), "wb"));
  if (!cat) return io_error("synth: cannot write '" + sum.catalogue_path + "'");
  std::fputs("id,title,description,unit,polarity,decimals,themes,services,directorates,"
             "portfolios,publisher,source_url,licence,visibility,measure\n", cat.get());
  std::vector<MetricSpec> specs;
  std::string line;
  for (int m = 0; m < o.metrics; ++m) {
    const MetricSpec s = spec_of(r, m);
    specs.push_back(s);
    static const char* kKindNames[] = {"percentage", "rate", "count", "spend"};
    static const char* kUnits[] = {"%", "rate per 100,000 population", "count", "£ per head"};
    static const char* kPol[] = {"lower-is-better", "neither", "higher-is-better"};
    static const char* kMeasures[] = {"share", "rate", "count", "money-per-head"};
    // A count is neither better nor worse for being larger (its values still
    // follow the drawn direction, so the observations do not change).
    const int written_polarity = s.kind == Kind::kCount ? 0 : s.polarity;
    const auto pick = [&](uint64_t purpose, const char** list, size_t n, int how_many) {
      std::string out;
      size_t first = r.bits(purpose, m) % n;
      for (int i = 0; i < how_many; ++i) {
        if (i) out += ';';
        out += list[(first + static_cast<size_t>(i) * 3) % n];
      }
      return out;
    };
    const int ntags = 1 + static_cast<int>(r.bits(kTheme, m, 1) % 2);
    const std::string id = metric_id(m);
    line = id + ",Synthetic " + kKindNames[static_cast<int>(s.kind)] + " indicator " + id.substr(6) +
           ",\"Synthetic " + kKindNames[static_cast<int>(s.kind)] +
           " values generated by lgbench for scale testing; not real data.\",\"" +
           kUnits[static_cast<int>(s.kind)] + "\"," + kPol[written_polarity + 1] + "," +
           std::to_string(s.decimals) + "," + pick(kTheme, kThemes, count_of(kThemes), ntags) +
           ",\"" + pick(kService, kServices, count_of(kServices), 1) + "\"," +
           pick(kService + 100, kDirectorates, count_of(kDirectorates), 1) + "," +
           pick(kPortfolio, kPortfolios, count_of(kPortfolios), ntags) +
           ",lgbench synthetic data (not real),,OGL-UK-3.0,public," +
           kMeasures[static_cast<int>(s.kind)] + "\n";
    std::fputs(line.c_str(), cat.get());
  }
  if (std::fflush(cat.get()) != 0) return io_error("synth: write failed for '" + sum.catalogue_path + "'");
  sum.metrics = o.metrics;

  File obs(std::fopen(sum.observations_path.c_str(), "wb"));
  if (!obs) return io_error("synth: cannot write '" + sum.observations_path + "'");
  std::string buf = "area_code,metric_id,period,value,status,note\n";
  buf.reserve(1 << 22);
  const size_t na = o.area_codes.size();
  // Persistent council quality: the same councils tend to do well everywhere.
  std::vector<double> quality(na);
  for (size_t a = 0; a < na; ++a) quality[a] = r.normal(kAreaQuality, a);
  const int first_year = o.last_year - o.periods + 1;
  std::vector<std::string> pids;
  for (int t = 0; t < o.periods; ++t) pids.push_back(period_id(first_year + t));

  for (int m = 0; m < o.metrics; ++m) {
    const MetricSpec& s = specs[m];
    const std::string id = metric_id(m);
    // "neither" metrics still follow quality, in a random direction.
    const double dir = s.polarity != 0 ? s.polarity : (r.uniform(kSign, m) < 0.5 ? -1.0 : 1.0);
    for (int t = 0; t < o.periods; ++t) {
      for (size_t a = 0; a < na; ++a) {
        if (r.uniform(kGap, m, a, t) < o.gap_share) {
          ++sum.gaps;
          continue;
        }
        buf += o.area_codes[a];
        buf += ',';
        buf += id;
        buf += ',';
        buf += pids[t];
        buf += ',';
        if (r.uniform(kSuppress, m, a, t) < o.suppressed_share) {
          buf += ",c,\n";
          ++sum.suppressed;
        } else {
          const double area_effect = s.loading * dir * quality[a] +
                                     0.6 * r.normal(kAreaMetric, m, a) +
                                     0.01 * t * r.normal(kAreaTrend, m, a);
          const double z = area_effect + s.trend * t + 0.25 * r.normal(kNoise, m, a, t);
          double v;
          if (s.kind == Kind::kPercentage) v = std::clamp(s.centre + s.spread * z, 0.0, 100.0);
          else v = std::exp(s.centre + s.spread * z);
          format_fixed(v, s.decimals, buf);
          buf += ",,\n";
        }
        ++sum.rows;
        if (buf.size() > (1u << 22) - 256) {
          if (std::fwrite(buf.data(), 1, buf.size(), obs.get()) != buf.size())
            return io_error("synth: write failed for '" + sum.observations_path + "'");
          buf.clear();
        }
      }
    }
  }
  if (std::fwrite(buf.data(), 1, buf.size(), obs.get()) != buf.size() || std::fflush(obs.get()) != 0)
    return io_error("synth: write failed for '" + sum.observations_path + "'");
  return sum;
}

}  // namespace lgb
