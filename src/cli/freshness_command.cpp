// lgbench freshness: how soon after publication each metric's latest release
// was loaded, in England and Wales working days, and overall figures.
#include <iomanip>
#include <iostream>

#include "api/handlers/handlers.h"
#include "cli/commands.h"
#include "cli/table_printer.h"
#include "ingest/bank_holidays.h"
#include "store/freshness.h"

namespace lgb::cli {

std::vector<std::string> load_bank_holidays(const std::string& data_dir) {
  auto holidays = read_bank_holidays(data_dir + "/calendar");
  if (!holidays) {
    std::cerr << "lgbench: warning: " << holidays.error().message
              << "; working days will exclude weekends only\n";
    return {};
  }
  return *holidays;
}

namespace {

struct FreshnessOptions {
  std::string db = kDefaultDb;
  std::string data_dir = "data";
  std::string as_of;
  std::string format = "table";
};

void run_freshness(const FreshnessOptions& o) {
  auto store = open_existing_store(o.db);
  WorkingDays calendar(load_bank_holidays(o.data_dir));
  auto report = compute_freshness(*store, calendar, o.as_of);
  if (!report) fail(report.error().message);
  const FreshnessReport& f = *report;
  api::Table t = api::freshness_table(f);
  if (o.format == "csv") {
    std::cout << api::encode_csv(t, "\n");
    return;
  }
  print_table(std::cout, select_columns(t, {"metric_id", "published_on", "loaded_on",
                                             "days_since_publication", "working_days_to_load",
                                             "within_target"}));
  std::cout << "\nas of " << f.as_of << " (bank holidays " << f.calendar_first_year << "-"
            << f.calendar_last_year << ", target " << f.target_working_days
            << " working days)\n"
            << "metrics: " << f.metric_count << ", updated in the last 30 days: "
            << f.metrics_updated_last_30_days << "\n"
            << "releases with values: " << f.releases << ", with a publication date: "
            << f.releases_dated << ", loaded within " << f.target_working_days
            << " working days: " << f.releases_within_target;
  if (f.share_within_target)
    std::cout << " (" << std::fixed << std::setprecision(1) << *f.share_within_target * 100
              << " %)";
  std::cout << "\n";
  for (const auto& w : f.warnings) std::cout << "warning: " << w << "\n";
}

}  // namespace

void add_freshness_command(CLI::App& app) {
  auto o = std::make_shared<FreshnessOptions>();
  CLI::App* cmd = app.add_subcommand(
      "freshness", "How soon after publication each metric was loaded, in working days");
  cmd->add_option("--db", o->db, "SQLite database")->capture_default_str();
  cmd->add_option("--data-dir", o->data_dir, "Folder holding calendar/ (bank holidays)")
      ->capture_default_str();
  cmd->add_option("--as-of", o->as_of, "Report as of this day (yyyy-mm-dd; default today)");
  cmd->add_option("--format", o->format, "table or csv")
      ->check(CLI::IsMember({"table", "csv"}))
      ->capture_default_str();
  cmd->callback([o] { run_freshness(*o); });
}

}  // namespace lgb::cli
