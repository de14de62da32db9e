// engine_bench: the national-scale engine benchmark and the synthetic-cube
// helper for bench/run.sh. Not part of the product and not used by tests.
// Single-threaded driver (the snapshot builder may use its own threads).
//
//   engine_bench synth    --demo-db DB --out DIR --metrics N [--periods P] [--seed S]
//       writes a synthetic cube over the demo store's current English councils.
//   engine_bench national --demo-db DB --register MANIFEST --dir DIR [--metrics N]
//                         [--periods P] [--seed S] [--chunk-rows R] [--reps R]
//       generates the cube (unless DIR already holds it), ingests it in chunks
//       into DIR/national.db (unless already done), times the snapshot build
//       against streaming the same values out of SQLite, measures resident
//       memory per stored value, times the outlier scan, and writes
//       DIR/result.env (shell variables) and DIR/duckdb-params.json.
//   engine_bench snapshot --db DB_OR_URL [--reps R]
//       times the engine snapshot build (Engine::reload) from an SQLite file
//       or a postgresql:// store, best of R (bench/postgres.sh).
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine/groups.h"
#include "ingest/pipeline.h"
#include "store/store.h"
#include "synth/synth.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

[[noreturn]] void die(const std::string& msg) {
  std::cerr << "engine_bench: " << msg << "\n";
  std::exit(1);
}

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Resident set size in bytes, from /proc/self/statm (pages).
int64_t rss_bytes() {
  std::ifstream f("/proc/self/statm");
  int64_t size = 0, resident = 0;
  f >> size >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

struct Args {
  std::map<std::string, std::string> kv;
  std::string get(const std::string& k, const std::string& def = "") const {
    auto it = kv.find(k);
    return it == kv.end() ? def : it->second;
  }
  long long num(const std::string& k, long long def) const {
    auto it = kv.find(k);
    return it == kv.end() ? def : std::stoll(it->second);
  }
  std::string need(const std::string& k) const {
    auto it = kv.find(k);
    if (it == kv.end()) die("missing --" + k);
    return it->second;
  }
};

Args parse(int argc, char** argv, int from) {
  Args a;
  for (int i = from; i < argc; ++i) {
    std::string k = argv[i];
    if (k.rfind("--", 0) != 0 || i + 1 >= argc) die("bad argument '" + k + "'");
    a.kv[k.substr(2)] = argv[++i];
  }
  return a;
}

std::unique_ptr<lgb::Store> open_store(const std::string& path) {
  auto s = lgb::open_sqlite_store(path);
  if (!s) die("cannot open '" + path + "': " + s.error().message);
  return std::move(s).value();
}

// Current English councils of the demo store (what `make demo` serves).
std::vector<std::string> council_codes(const std::string& demo_db) {
  auto store = open_store(demo_db);
  auto areas = store->list_areas();
  if (!areas) die("list_areas: " + areas.error().message);
  std::vector<std::string> codes;
  for (const auto& a : *areas)
    if (lgb::is_current_english_council(a)) codes.push_back(a.code);
  std::sort(codes.begin(), codes.end());
  if (codes.empty()) die("no current English councils in '" + demo_db + "'");
  return codes;
}

lgb::SynthSummary synth(const std::string& demo_db, const std::string& out, int metrics,
                        int periods, uint64_t seed) {
  lgb::SynthOptions o;
  o.metrics = metrics;
  o.periods = periods;
  o.seed = seed;
  o.area_codes = council_codes(demo_db);
  fs::create_directories(out);
  auto t0 = Clock::now();
  auto r = lgb::write_synthetic_cube(o, out);
  if (!r) die("synth: " + r.error().message);
  std::cerr << "engine_bench: synthetic cube " << metrics << " metrics x " << o.area_codes.size()
            << " councils x " << periods << " periods = " << r->rows << " rows in "
            << seconds_since(t0) << " s\n";
  return *r;
}

void ingest_or_die(const lgb::SourceSpec& spec, lgb::Store& store) {
  auto r = lgb::ingest_file(spec, store);
  if (r.outcome == lgb::IngestOutcome::kRejected)
    die("ingest of '" + spec.path + "' rejected:\n" + r.report.format(10));
}

lgb::SourceSpec tidy_spec(const std::string& path, const std::string& format) {
  lgb::SourceSpec s;
  s.path = path;
  s.format = format;
  s.publisher = "lgbench synthetic data (not real)";
  s.licence = "OGL-UK-3.0";
  s.loaded_by = "engine_bench";
  return s;
}

// Ingests the observations file as chunks of chunk_rows rows (each its own
// release) to bound ingest memory. Returns {rows, seconds}.
std::pair<int64_t, double> ingest_chunks(const std::string& obs_path, const std::string& dir,
                                         lgb::Store& store, int64_t chunk_rows) {
  std::ifstream in(obs_path);
  if (!in) die("cannot read '" + obs_path + "'");
  std::string header, line;
  std::getline(in, header);
  int64_t total = 0;
  double secs = 0;
  for (int chunk = 0;; ++chunk) {
    const std::string path = dir + "/chunk-" + std::to_string(chunk) + ".csv";
    int64_t n = 0;
    {
      std::ofstream out(path, std::ios::binary);
      out << header << '\n';
      while (n < chunk_rows && std::getline(in, line)) {
        out << line << '\n';
        ++n;
      }
    }
    if (n == 0) {
      fs::remove(path);
      break;
    }
    auto t0 = Clock::now();
    ingest_or_die(tidy_spec(path, "tidy"), store);
    secs += seconds_since(t0);
    total += n;
    fs::remove(path);
    std::cerr << "engine_bench: ingested chunk " << chunk << " (" << total << " rows, "
              << static_cast<int64_t>(total / std::max(secs, 1e-9)) << " rows/s)\n";
  }
  return {total, secs};
}

// Reads the whole file so both timed passes start from a warm page cache.
void prewarm(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::vector<char> buf(1 << 20);
  while (f.read(buf.data(), static_cast<std::streamsize>(buf.size())) || f.gcount() > 0) {
  }
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(std::ceil(p * v.size())) - 1);
  return v[i];
}

std::string json_str(const std::string& s) {
  std::string o = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') o += '\\';
    o += c;
  }
  return o + "\"";
}

int cmd_synth(const Args& a) {
  auto r = synth(a.need("demo-db"), a.need("out"), static_cast<int>(a.num("metrics", 320)),
                 static_cast<int>(a.num("periods", 10)), static_cast<uint64_t>(a.num("seed", 42)));
  std::cout << r.rows << "\n";
  return 0;
}

int cmd_national(const Args& a) {
  const std::string dir = a.need("dir");
  const int metrics = static_cast<int>(a.num("metrics", 12500));
  const int periods = static_cast<int>(a.num("periods", 10));
  const uint64_t seed = static_cast<uint64_t>(a.num("seed", 42));
  const int64_t chunk_rows = a.num("chunk-rows", 2000000);
  const int reps = static_cast<int>(a.num("reps", 500));
  const std::string focus = a.get("area", "E08000035");
  const std::string group = a.get("group", "type");
  fs::create_directories(dir);
  std::ostringstream env;  // result.env, read by run.sh

  // 1. The cube, reused when the same parameters made it before.
  const std::string stamp = std::to_string(metrics) + "," + std::to_string(periods) + "," +
                            std::to_string(seed);
  auto read_stamp = [](const std::string& p) {
    std::ifstream f(p);
    std::string s;
    std::getline(f, s);
    return s;
  };
  const std::string cat_path = dir + "/synthetic-metrics.csv";
  const std::string obs_path = dir + "/synthetic-observations.csv";
  if (read_stamp(dir + "/cube.stamp") != stamp || !fs::exists(obs_path)) {
    fs::remove(dir + "/cube.stamp");
    fs::remove(dir + "/ingest.stamp");
    synth(a.need("demo-db"), dir, metrics, periods, seed);
    std::ofstream(dir + "/cube.stamp") << stamp << "\n";
  }

  // 2. The bench store: register, catalogue, then observations in chunks.
  const std::string db = dir + "/national.db";
  std::string ingest_stamp = read_stamp(dir + "/ingest.stamp");
  if (ingest_stamp.rfind(stamp + ";", 0) != 0 || !fs::exists(db)) {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db + suffix);
    auto store = open_store(db);
    lgb::IngestReport report;
    auto specs = lgb::read_manifest(a.need("register"), report);
    if (!report.ok()) die("register manifest: " + report.format(10));
    for (const auto& s : specs) ingest_or_die(s, *store);
    ingest_or_die(tidy_spec(cat_path, "metrics-catalogue"), *store);
    auto [rows, secs] = ingest_chunks(obs_path, dir, *store, chunk_rows);
    ingest_stamp = stamp + ";" + std::to_string(rows) + ";" + std::to_string(secs);
    std::ofstream(dir + "/ingest.stamp") << ingest_stamp << "\n";
    env << "NATIONAL_INGEST_CACHED=0\n";
  } else {
    env << "NATIONAL_INGEST_CACHED=1\n";
  }
  {
    std::istringstream is(ingest_stamp.substr(stamp.size() + 1));
    std::string rows, secs;
    std::getline(is, rows, ';');
    std::getline(is, secs, ';');
    env << "NATIONAL_ROWS=" << rows << "\nNATIONAL_INGEST_S=" << secs << "\n";
  }

  // 3. Snapshot build against its peer: streaming the same values out of SQLite.
  prewarm(db);
  auto store = open_store(db);
  int64_t streamed = 0;
  auto t0 = Clock::now();
  // The lambda touches the value so the stream cannot be optimised away.
  double checksum = 0;
  auto st = store->for_each_current_value([&](const lgb::StoredValue& v) {
    ++streamed;
    if (v.value.number) checksum += *v.value.number;
  });
  if (!st) die("for_each_current_value: " + st.error().message);
  const double stream_s = seconds_since(t0);
  malloc_trim(0);
  const int64_t rss_before = rss_bytes();
  lgb::Engine engine(*store, lgb::SnapshotOptions{});
  t0 = Clock::now();
  if (auto r = engine.reload(); !r) die("engine reload: " + r.error().message);
  const double build_s = seconds_since(t0);
  const int64_t rss_after_raw = rss_bytes();
  malloc_trim(0);  // hand back the builder's freed scratch, so RSS is what stays live
  const int64_t rss_after = rss_bytes();
  auto snap = engine.snapshot();
  if (!snap) die("snapshot: " + snap.error().message);
  const int64_t stored = (*snap)->stored_values();
  env << "STREAMED_VALUES=" << streamed << "\nSTREAM_CHECKSUM=" << checksum << "\n";
  env << "SNAPSHOT_BUILD_S=" << build_s << "\nSQLITE_STREAM_S=" << stream_s
      << "\nSTORED_VALUES=" << stored << "\nRSS_DELTA_BYTES=" << (rss_after - rss_before)
      << "\nRSS_DELTA_RAW_BYTES=" << (rss_after_raw - rss_before)
      << "\nCOLUMN_BYTES=" << (*snap)->column_bytes() << "\nCELLS=" << (*snap)->cell_count()
      << "\nMETRICS=" << (*snap)->metric_count()
      << "\nSLOTS=" << (*snap)->area_table().area_of_slot.size() << "\n";

  // 4. The outlier scan, many times.
  lgb::OutlierQuery q;
  q.area_code = focus;
  q.group = group;
  q.top = 20;
  // Every metric, counts too: the DuckDB peer answers the same question and
  // knows nothing of measure kinds.
  q.include_counts = true;
  auto first = engine.outliers(lgb::Access::anonymous(), q);
  if (!first) die("outliers: " + first.error().message);
  std::vector<double> ms;
  ms.reserve(static_cast<size_t>(reps));
  for (int i = 0; i < reps; ++i) {
    auto t = Clock::now();
    auto r = engine.outliers(lgb::Access::anonymous(), q);
    ms.push_back(seconds_since(t) * 1000);
    if (!r || r->items.size() != first->items.size()) die("outlier scan changed between runs");
  }
  env << "SCAN_REPS=" << reps << "\nSCAN_MEDIAN_MS=" << percentile(ms, 0.5)
      << "\nSCAN_P99_MS=" << percentile(ms, 0.99) << "\nSCAN_CONSIDERED="
      << first->metrics_considered << "\nSCAN_COMPARED=" << first->metrics_compared
      << "\nSCAN_FLAGGED=" << first->flagged << "\n";

  auto fa = (*snap)->find_area(focus);
  auto comp = lgb::resolve_group(**snap, group, fa, (*snap)->now());
  if (!comp) die("group: " + comp.error().message);
  if (comp->lower.areas != comp->upper.areas)
    die("group '" + group + "' depends on tier; the DuckDB peer takes one member list");

  // 4b. The same members as a custom group: no precomputed median/MAD, so
  // every scan computes them per metric, as the DuckDB peer must.
  {
    lgb::CustomGroup g;
    g.id = "bench-same-members";
    g.name = "engine_bench: the members of group '" + group + "' of " + focus;
    for (uint32_t a : comp->upper.areas) g.area_codes.push_back((*snap)->areas()[a].code);
    (void)engine.delete_group(g.id);  // left by an earlier run on a reused store
    if (auto r = engine.create_group(g); !r) die("create_group: " + r.error().message);
    lgb::OutlierQuery cq = q;
    cq.group = g.id;
    auto base = engine.outliers(lgb::Access::anonymous(), cq);
    if (!base) die("outliers (custom group): " + base.error().message);
    std::vector<double> cms;
    const int creps = std::max(5, reps / 5);
    for (int i = 0; i < creps; ++i) {
      auto t = Clock::now();
      auto r = engine.outliers(lgb::Access::anonymous(), cq);
      cms.push_back(seconds_since(t) * 1000);
      if (!r) die("outliers (custom group) failed");
    }
    bool same = base->items.size() == first->items.size();
    for (size_t i = 0; same && i < base->items.size(); ++i)
      same = base->items[i].metric_id == first->items[i].metric_id;
    env << "CSCAN_REPS=" << creps << "\nCSCAN_MEDIAN_MS=" << percentile(cms, 0.5)
        << "\nCSCAN_P99_MS=" << percentile(cms, 0.99) << "\nCSCAN_SAME=" << (same ? "yes" : "no")
        << "\n";
    (void)engine.delete_group(g.id);
  }

  // 5. The same question for the DuckDB peer: members, parameters, our answer.
  std::ofstream pj(dir + "/duckdb-params.json");
  // The bench store also holds the register's real values (population,
  // area): give them to the peer too, so both scan the same store content.
  const std::string extra_obs = dir + "/extra-observations.csv";
  const std::string extra_cat = dir + "/extra-metrics.csv";
  const std::string periods_path = dir + "/periods.csv";
  {
    std::ofstream eo(extra_obs), ec(extra_cat), pp(periods_path);
    eo << "area_code,metric_id,period,value\n";
    ec << "id,polarity\n";
    pp << "id,ordinal,kind\n";
    for (size_t i = 0; i < (*snap)->periods().size(); ++i) {
      const auto& p = (*snap)->periods()[i];
      pp << p.id() << "," << i << "," << lgb::to_string(p.kind) << "\n";
    }
    auto ms = store->list_metrics();
    if (!ms) die("list_metrics: " + ms.error().message);
    for (const auto& m : *ms) {
      if (m.id.rfind("synth-", 0) == 0) continue;
      ec << m.id << "," << lgb::to_string(m.polarity) << "\n";
      lgb::ValueQuery vq;
      vq.metric_id = m.id;
      auto vs = store->query_values(vq);
      if (!vs) die("query_values: " + vs.error().message);
      for (const auto& v : *vs) {
        if (!v.current) continue;
        char num[64] = "";
        if (v.value.number) std::snprintf(num, sizeof num, "%.17g", *v.value.number);
        eo << v.area_code << "," << v.metric_id << "," << v.period_id << "," << num << "\n";
      }
    }
  }
  // Councils as they stood in each period: the group of every member (as
  // focus) in every period, as lgbench resolves it, so that the peer's
  // medians use the same councils as lgbench's for each metric's latest
  // period (Sheffield is E08000019 until 2025, E08000039 after).
  const std::string memberships_path = dir + "/memberships.csv";
  {
    std::ofstream mf(memberships_path);
    mf << "focus,ordinal,member\n";
    for (uint32_t f : comp->upper.areas) {
      for (uint32_t p = 0; p < (*snap)->periods().size(); ++p) {
        auto c = lgb::resolve_group(**snap, group, f, p);
        if (!c) die("group in period " + (*snap)->periods()[p].id() + ": " + c.error().message);
        if (c->lower.areas != c->upper.areas)
          die("group '" + group + "' depends on tier; the DuckDB peer takes one member list");
        // Every code of a member council: a value published under a
        // council's former or later code is that council's value (one slot).
        const auto& councils = (*snap)->area_table().councils;
        for (uint32_t m : c->upper.areas)
          for (uint32_t code : councils.council(councils.council_of(m)).codes)
            mf << (*snap)->areas()[f].code << "," << p << "," << (*snap)->areas()[code].code
               << "\n";
      }
    }
  }
  // Each focus council's codes: its value may be published under any of them.
  const std::string focus_codes_path = dir + "/focus-codes.csv";
  {
    std::ofstream fc(focus_codes_path);
    fc << "focus,code\n";
    const auto& councils = (*snap)->area_table().councils;
    for (uint32_t f : comp->upper.areas)
      for (uint32_t code : councils.council(councils.council_of(f)).codes)
        fc << (*snap)->areas()[f].code << "," << (*snap)->areas()[code].code << "\n";
  }
  pj << "{\n  \"memberships\": " << json_str(fs::absolute(memberships_path).string())
     << ",\n  \"focus_codes\": " << json_str(fs::absolute(focus_codes_path).string())
     << ",\n  \"extra_observations\": " << json_str(fs::absolute(extra_obs).string())
     << ",\n  \"extra_catalogue\": " << json_str(fs::absolute(extra_cat).string())
     << ",\n  \"periods\": " << json_str(fs::absolute(periods_path).string());
  pj << ",\n  \"observations\": " << json_str(fs::absolute(obs_path).string())
     << ",\n  \"catalogue\": " << json_str(fs::absolute(cat_path).string())
     << ",\n  \"area\": " << json_str(focus) << ",\n  \"group\": " << json_str(group)
     << ",\n  \"threshold\": " << q.threshold << ",\n  \"top\": " << q.top
     << ",\n  \"flagged\": " << first->flagged << ",\n  \"members\": [";
  for (size_t i = 0; i < comp->upper.areas.size(); ++i)
    pj << (i ? ", " : "") << json_str((*snap)->areas()[comp->upper.areas[i]].code);
  pj << "],\n  \"engine_items\": [";
  for (size_t i = 0; i < first->items.size(); ++i) {
    const auto& it = first->items[i];
    char z[64];
    std::snprintf(z, sizeof z, "%.6f", it.z.z);
    pj << (i ? "," : "") << "\n    {\"metric_id\": " << json_str(it.metric_id)
       << ", \"period\": " << json_str(it.period_id) << ", \"z\": " << z
       << ", \"assessment\": " << json_str(it.assessment) << ", \"concern\": "
       << (it.concern ? "true" : "false") << "}";
  }
  pj << "\n  ]\n}\n";
  env << "GROUP_MEMBERS=" << comp->upper.areas.size() << "\n";

  std::ofstream(dir + "/result.env") << env.str();
  std::cout << env.str();
  return 0;
}

}  // namespace

// The snapshot build alone, from either store: best of reps, after one
// untimed build that warms the page caches (SQLite's file, PostgreSQL's
// shared buffers) the same way for both.
int cmd_snapshot(const Args& a) {
  const std::string db = a.need("db");
  const int reps = static_cast<int>(a.num("reps", 2));
  auto s = lgb::is_postgres_url(db) ? lgb::open_postgres_store(db, 4) : lgb::open_sqlite_store(db);
  if (!s) die("cannot open '" + db + "': " + s.error().message);
  auto store = std::move(s).value();
  lgb::Engine engine(*store, lgb::SnapshotOptions{});
  if (auto r = engine.reload(); !r) die("engine reload: " + r.error().message);
  double best = 1e300;
  for (int i = 0; i < reps; ++i) {
    auto t0 = Clock::now();
    if (auto r = engine.reload(); !r) die("engine reload: " + r.error().message);
    best = std::min(best, seconds_since(t0));
  }
  auto snap = engine.snapshot();
  if (!snap) die("snapshot: " + snap.error().message);
  std::cout << "SNAPSHOT_BUILD_S=" << best << "\nSTORED_VALUES=" << (*snap)->stored_values()
            << "\n";
  return 0;
}

int main(int argc, char** argv) {
  if (argc < 2) die("usage: engine_bench synth|national|snapshot --option value ...");
  const std::string cmd = argv[1];
  const Args a = parse(argc, argv, 2);
  if (cmd == "synth") return cmd_synth(a);
  if (cmd == "national") return cmd_national(a);
  if (cmd == "snapshot") return cmd_snapshot(a);
  die("unknown command '" + cmd + "'");
}
