// lgbench synth: a deterministic synthetic national cube (src/synth) for
// current English councils, with the observations split into files of at
// most --rows-per-file rows (each one release when ingested, so a national
// cube never has to be loaded as one huge release) and a manifest to ingest
// them with. Synthetic data is never mixed with the real demo store.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "synth/synth.h"

namespace lgb::cli {
namespace {

namespace fs = std::filesystem;

struct SynthCommandOptions {
  std::string out;
  int metrics = 12500;
  int periods = 10;
  int last_year = 2024;
  uint64_t seed = 1;
  std::string areas_from = "var/demo.db";
  std::string areas_file;
  int64_t rows_per_file = 2000000;
};

// The councils lgbench compares: current areas with an E06 (unitary), E07
// (district), E08 (metropolitan district), E09 (London borough) or E10
// (county) code.
std::vector<std::string> councils_from_store(const std::string& db) {
  auto store = open_existing_store(db);
  auto areas = store->list_areas();
  if (!areas) fail("cannot read areas from '" + redact_url(db) + "': " + areas.error().message);
  std::vector<std::string> out;
  for (const Area& a : *areas) {
    const std::string prefix = a.code.substr(0, 3);
    if ((prefix == "E06" || prefix == "E07" || prefix == "E08" || prefix == "E09" ||
         prefix == "E10") &&
        a.is_current())
      out.push_back(a.code);
  }
  std::sort(out.begin(), out.end());
  if (out.empty()) fail("no current English councils in '" + redact_url(db) + "' (was the register loaded?)");
  return out;
}

// One code per line (the first comma-separated field); blank lines and a
// header line such as "code" are skipped; anything else must be a GSS code.
std::vector<std::string> councils_from_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) fail("cannot read areas file '" + path + "'");
  std::vector<std::string> out;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string code = line.substr(0, line.find(','));
    if (code.empty() || (n == 1 && !is_gss_code(code) && code.find_first_of("0123456789") ==
                                                             std::string::npos))
      continue;
    if (!is_gss_code(code))
      fail(path + ":" + std::to_string(n) + ": '" + code + "' is not a GSS code");
    out.push_back(code);
  }
  if (out.empty()) fail("no area codes in '" + path + "'");
  return out;
}

// Splits the observations file at row boundaries (a newline outside quotes)
// into parts of at most rows_per_file data rows, each with the header; one
// pass, one line in memory. Returns the part paths; removes the original.
std::vector<std::string> split_rows(const std::string& path, int64_t rows_per_file) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot read '" + path + "'");
  std::string header;
  if (!std::getline(in, header)) fail("'" + path + "' is empty");
  const fs::path base = fs::path(path);
  const std::string stem = (base.parent_path() / base.stem()).string();
  std::vector<std::string> parts;
  std::ofstream out;
  int64_t rows = 0;
  std::string line, row;
  bool in_quotes = false;
  auto open_next = [&] {
    if (out.is_open()) out.close();
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "-%04zu.csv", parts.size() + 1);
    parts.push_back(stem + suffix);
    out.open(parts.back(), std::ios::binary | std::ios::trunc);
    if (!out) fail("cannot write '" + parts.back() + "'");
    out << header << '\n';
    rows = 0;
  };
  while (std::getline(in, line)) {
    row += line;
    for (char c : line)
      if (c == '"') in_quotes = !in_quotes;
    if (in_quotes) {  // a quoted field holds a line break: the row goes on
      row += '\n';
      continue;
    }
    if (!out.is_open() || rows == rows_per_file) open_next();
    out << row << '\n';
    ++rows;
    row.clear();
  }
  if (parts.empty()) open_next();  // header only: still one (empty) part
  out.close();
  if (!out) fail("error writing '" + parts.back() + "'");
  in.close();
  std::error_code ec;
  fs::remove(path, ec);
  return parts;
}

void write_manifest(const std::string& path, const std::string& catalogue,
                    const std::vector<std::string>& parts) {
  std::ofstream m(path, std::ios::binary | std::ios::trunc);
  const std::string tail = ",lgbench synthetic data (not real),,,synthetic (not real data)\n";
  m << "path,format,publisher,source_url,published_on,licence\n";
  m << fs::path(catalogue).filename().string() << ",metrics-catalogue" << tail;
  for (const auto& p : parts) m << fs::path(p).filename().string() << ",tidy" << tail;
  if (!m) fail("cannot write '" + path + "'");
}

void run_synth(const SynthCommandOptions& o) {
  SynthOptions so;
  so.metrics = o.metrics;
  so.periods = o.periods;
  so.last_year = o.last_year;
  so.seed = o.seed;
  so.area_codes = o.areas_file.empty() ? councils_from_store(o.areas_from)
                                       : councils_from_file(o.areas_file);
  std::error_code ec;
  fs::create_directories(o.out, ec);
  if (!fs::is_directory(o.out, ec)) fail("cannot create output folder '" + o.out + "'");
  std::cerr << "lgbench synth: " << so.metrics << " metrics x " << so.area_codes.size()
            << " areas x " << so.periods << " periods, seed " << so.seed << "\n";
  auto sum = write_synthetic_cube(so, o.out);
  if (!sum) fail(sum.error().message);
  std::vector<std::string> parts =
      o.rows_per_file > 0 ? split_rows(sum->observations_path, o.rows_per_file)
                          : std::vector<std::string>{sum->observations_path};
  const std::string manifest = (fs::path(o.out) / "manifest.csv").string();
  write_manifest(manifest, sum->catalogue_path, parts);
  std::cout << "wrote " << sum->metrics << " metrics to " << sum->catalogue_path << "\n";
  std::cout << "wrote " << sum->rows << " observation rows (" << sum->suppressed
            << " suppressed, " << sum->gaps << " gaps) in " << parts.size() << " file"
            << (parts.size() == 1 ? "" : "s") << "\n";
  for (const auto& p : parts) std::cout << "  " << p << "\n";
  std::cout << "next (into a store of its own, never the real demo store):\n"
            << "  lgbench ingest --db var/synthetic.db --manifest " << manifest << "\n";
}

}  // namespace

void add_synth_command(CLI::App& app) {
  auto o = std::make_shared<SynthCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "synth", "Write a deterministic synthetic national cube (test data, not real)");
  cmd->add_option("--out", o->out, "Output folder (created if missing)")->required();
  cmd->add_option("--metrics", o->metrics, "Number of metrics")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  cmd->add_option("--periods", o->periods, "Financial years ending with --last-year")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  cmd->add_option("--last-year", o->last_year, "Start year of the last financial year")
      ->check(CLI::Range(1900, 2100))
      ->capture_default_str();
  cmd->add_option("--seed", o->seed, "Random seed; the same seed gives identical files")
      ->capture_default_str();
  auto* from = cmd->add_option("--areas-from", o->areas_from,
                               "Store whose current English councils (E06-E10) are used")
                   ->capture_default_str();
  cmd->add_option("--areas", o->areas_file, "File of area codes, one per line")->excludes(from);
  cmd->add_option("--rows-per-file", o->rows_per_file,
                  "Split the observations into files of at most N rows (0: one file)")
      ->check(CLI::Range(int64_t{0}, int64_t{1} << 40))
      ->capture_default_str();
  cmd->callback([o] { run_synth(*o); });
}

}  // namespace lgb::cli
