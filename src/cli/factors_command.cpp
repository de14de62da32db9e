// lgbench factors load|list|years: the UK Government GHG conversion factors
// the carbon calculators convert with (src/carbon/factor_loader.h). Wiring
// only.
#include <cstdlib>
#include <iostream>

#include "api/carbon_encoder.h"
#include "api/csv_encoder.h"
#include "engine/catalogue.h"
#include "carbon/demo.h"
#include "carbon/factor_loader.h"
#include "cli/commands.h"
#include "cli/table_printer.h"
#include "store/carbon.h"

namespace lgb::cli {
namespace {

struct FactorOptions {
  std::string db = kDefaultDb;
  std::string manifest;
  std::string file;
  carbon::FactorSource source;
  int year = 0;
  std::string search;
  std::string format = "table";
  std::string period = "fy2022-23";
};

std::string login_name() {
  const char* user = std::getenv("USER");
  return std::string("cli:") + (user && *user ? user : "lgbench");
}

CarbonStore& carbon_of(Store& store) {
  CarbonStore* c = store.carbon();
  if (!c) fail("this database keeps no conversion factors (the carbon calculators need SQLite)");
  return *c;
}

void run_load(const FactorOptions& o) {
  std::vector<carbon::FactorSource> sources;
  if (!o.manifest.empty()) {
    if (!o.file.empty()) fail("give either --manifest or a file, not both");
    auto m = carbon::read_factor_manifest(o.manifest);
    if (!m) fail(m.error().message);
    sources = *m;
  } else if (!o.file.empty()) {
    carbon::FactorSource s = o.source;
    s.path = o.file;
    if (s.publisher.empty() || s.licence.empty())
      fail("a factor file needs --publisher and --licence (or load it through --manifest)");
    sources.push_back(s);
  } else {
    fail("nothing to load: give FILE --publisher P --licence L, or --manifest FILE");
  }
  auto store = open_or_create_store(o.db);
  CarbonStore& carbon = carbon_of(*store);
  int failed = 0;
  for (const auto& s : sources) {
    IngestReport report;
    auto loaded = carbon::load_factor_file(carbon, s, login_name(), report);
    if (!loaded) {
      std::cerr << "lgbench: " << s.path << " rejected, nothing loaded from it:\n"
                << (report.ok() ? loaded.error().message : report.format()) << "\n";
      ++failed;
      continue;
    }
    std::cout << (loaded->skipped ? "already loaded: " : "loaded: ") << loaded->set.year
              << " factors, " << loaded->set.row_count << " rows from " << loaded->set.file_name;
    if (!loaded->skipped && !loaded->set.note.empty()) std::cout << " (" << loaded->set.note << ")";
    std::cout << "\n";
  }
  if (failed) fail(std::to_string(failed) + " factor file(s) rejected");
}

void print(const FactorOptions& o, const api::Table& t) {
  if (o.format == "csv") std::cout << api::encode_csv(t, "\n");
  else print_table(std::cout, t);
}

void run_years(const FactorOptions& o) {
  auto store = open_existing_store(o.db);
  auto sets = carbon_of(*store).list_factor_sets();
  if (!sets) fail(sets.error().message);
  api::Table t = api::factor_sets_table(*sets);
  if (o.format == "table") t = select_columns(t, {"year", "rows", "publisher", "file_name", "loaded_at"});
  print(o, t);
}

void run_list(const FactorOptions& o) {
  auto store = open_existing_store(o.db);
  CarbonStore& carbon = carbon_of(*store);
  int year = o.year;
  if (year == 0) {
    auto sets = carbon.list_factor_sets();
    if (!sets) fail(sets.error().message);
    if (sets->empty()) fail("no factor years are loaded: run lgbench factors load");
    year = sets->back().year;
  }
  auto factors = carbon.list_factors(year);
  if (!factors) fail(factors.error().message);
  if (factors->empty()) fail("factor year " + std::to_string(year) + " is not loaded");
  const std::string search = lower_case(o.search);
  std::vector<GhgFactor> shown;
  for (const auto& f : *factors)
    if (search.empty() || lower_case(f.key.label() + " " + f.key.unit).find(search) != std::string::npos)
      shown.push_back(f);
  print(o, api::factors_table(shown));
}

void run_synthetic_demo(const FactorOptions& o) {
  auto store = open_existing_store(o.db);
  auto batch = carbon::synthetic_demo_release(*store, o.period);
  if (!batch) fail(batch.error().message);
  auto id = store->load_release(*batch);
  if (!id) fail(id.error().message);
  std::cout << "loaded release " << *id << ": " << batch->observations.size() / 5
            << " councils' SYNTHETIC " << o.period << " footprints (labelled as such)\n";
}

}  // namespace

void add_carbon_command(CLI::App& app) {
  auto o = std::make_shared<FactorOptions>();
  CLI::App* cmd = app.add_subcommand("carbon", "Carbon calculators: demo data");
  cmd->require_subcommand(1);
  CLI::App* demo = cmd->add_subcommand(
      "synthetic-demo",
      "Publish SYNTHETIC footprints (labelled) for councils that have not published, for the demo");
  demo->add_option("--db", o->db, "Database")->capture_default_str();
  demo->add_option("--period", o->period, "Financial year")->capture_default_str();
  demo->callback([o] { run_synthetic_demo(*o); });
}

void add_factors_command(CLI::App& app) {
  auto o = std::make_shared<FactorOptions>();
  CLI::App* cmd =
      app.add_subcommand("factors", "UK Government GHG conversion factors (carbon calculators)");
  cmd->require_subcommand(1);

  CLI::App* load = cmd->add_subcommand("load", "Load factor years (each whole or not at all)");
  load->add_option("--db", o->db, "SQLite database (created if missing)")->capture_default_str();
  load->add_option("--manifest", o->manifest,
                   "CSV: path,publisher,source_url,published_on,licence (e.g. "
                   "data/ghg_conversion_factors/factor_sets.csv)");
  load->add_option("file", o->file, "A DESNZ flat file (.xlsx) or a cfkg CSV (.csv, .csv.gz)");
  load->add_option("--publisher", o->source.publisher, "Publisher of the file");
  load->add_option("--source-url", o->source.source_url, "Where it was published");
  load->add_option("--published-on", o->source.published_on, "Publication date (YYYY-MM-DD)");
  load->add_option("--licence", o->source.licence, "Licence, e.g. OGL-UK-3.0");
  load->callback([o] { run_load(*o); });

  CLI::App* years = cmd->add_subcommand("years", "The factor years loaded, with provenance");
  years->add_option("--db", o->db, "Database")->capture_default_str();
  years->add_option("--format", o->format, "table or csv")
      ->check(CLI::IsMember({"table", "csv"}))
      ->capture_default_str();
  years->callback([o] { run_years(*o); });

  CLI::App* list = cmd->add_subcommand("list", "Factors of one year, each as published");
  list->add_option("--db", o->db, "Database")->capture_default_str();
  list->add_option("--year", o->year, "Factor year (default: the latest loaded)");
  list->add_option("--search", o->search, "Only factors whose levels or unit contain this text");
  list->add_option("--format", o->format, "table or csv")
      ->check(CLI::IsMember({"table", "csv"}))
      ->capture_default_str();
  list->callback([o] { run_list(*o); });
}

}  // namespace lgb::cli
