// lgbench ingest: load files (one, several of one format, or a manifest),
// printing one line per file; exits 1 if any file was rejected.
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "store/accounts.h"
#include "cli/progress_bar.h"
#include "ingest/pipeline.h"
#include "ingest/verify.h"

namespace lgb::cli {
namespace {

struct IngestOptions {
  std::string db = kDefaultDb;
  std::string manifest;
  std::vector<std::string> files;
  std::string format;
  std::string recipe;
  SourceSpec common;  // publisher, source_url, published_on, licence, loaded_by
};

std::string default_loaded_by() {
  const char* user = std::getenv("USER");
  return user && *user ? user : "lgbench";
}

std::string format_list() {
  std::string out;
  for (const auto& f : supported_formats()) out += (out.empty() ? "" : ", ") + f;
  return out;
}

// Loads one file; returns false when it was rejected.
bool ingest_one(const SourceSpec& spec, Store& store) {
  bool ok = true;
  IngestResult result;
  {
    ProgressBar bar(spec.path);
    result = ingest_file(spec, store, [&bar](int64_t rows) { bar.update(rows); });
  }
  switch (result.outcome) {
    case IngestOutcome::kLoaded:
      std::cout << spec.path << ": loaded as release " << result.release_id << " ("
                << result.report.rows_read << " rows)\n";
      // Loads are in the audit log beside sign-ins and key use.
      if (AccountStore* accounts = store.accounts()) {
        AuditEvent e;
        e.actor = "cli:" + spec.loaded_by;
        e.action = "load";
        e.subject = spec.path;
        e.detail = "release " + std::to_string(result.release_id) + ", " +
                   std::to_string(result.report.rows_read) + " rows";
        if (auto s = accounts->append_audit(e); !s)
          std::cerr << "lgbench: cannot write the audit log: " << s.error().message << "\n";
      }
      break;
    case IngestOutcome::kAlreadyLoaded:
      std::cout << spec.path << ": already loaded as release " << result.release_id << "\n";
      break;
    case IngestOutcome::kRejected:
      ok = false;
      std::cout << spec.path << ": REJECTED, nothing loaded\n" << result.report.format();
      break;
  }
  if (!result.report.new_metrics.empty()) {
    std::cout << "  new metrics (" << result.report.new_metrics.size() << "):";
    for (const auto& id : result.report.new_metrics) std::cout << ' ' << id;
    std::cout << "\n";
  }
  for (const auto& note : result.report.notes) std::cout << "  note: " << note << "\n";
  std::cout.flush();
  return ok;
}

void run_ingest(const IngestOptions& o) {
  std::vector<SourceSpec> specs;
  if (!o.manifest.empty()) {
    if (!o.files.empty()) fail("give either --manifest or files, not both");
    IngestReport report;
    specs = read_manifest(o.manifest, report);
    if (!report.ok()) {
      std::cerr << report.format();
      fail("manifest '" + o.manifest + "' has errors; nothing loaded");
    }
  } else {
    if (o.files.empty())
      fail("nothing to ingest: give FILE... --format F, FILE... --recipe R, or --manifest FILE");
    std::string format = o.format;
    if (!o.recipe.empty()) {
      if (!format.empty() && format != "recipe") fail("give either --format or --recipe, not both");
      format = "recipe";
      std::error_code ec;
      if (!std::filesystem::is_regular_file(o.recipe, ec)) fail("no such recipe: " + o.recipe);
    }
    if (format.empty()) fail("--format or --recipe is required with files; formats: " + format_list());
    if (format == "recipe" && o.recipe.empty()) fail("--format recipe needs --recipe FILE");
    for (const auto& f : o.files) {
      SourceSpec s = o.common;
      s.path = f;
      s.format = format;
      s.recipe = o.recipe;
      specs.push_back(std::move(s));
    }
  }
  const auto formats = supported_formats();
  for (auto& s : specs) {
    if (std::find(formats.begin(), formats.end(), s.format) == formats.end())
      fail("unknown format '" + s.format + "' for " + s.path + "; one of: " + format_list());
    std::error_code ec;
    if (!std::filesystem::is_regular_file(s.path, ec)) fail("no such file: " + s.path);
    if (s.loaded_by.empty()) s.loaded_by = o.common.loaded_by;
  }

  auto store = open_or_create_store(o.db);

  int rejected = 0;
  for (const auto& s : specs)
    if (!ingest_one(s, *store)) ++rejected;
  if (rejected > 0)
    fail(std::to_string(rejected) + " of " + std::to_string(specs.size()) +
         " file(s) rejected; the store is unchanged for those files");
}

struct VerifyOptions {
  std::string db = kDefaultDb;
  std::string manifest = "data/sources.csv";
};

void run_verify(const VerifyOptions& o) {
  IngestReport report;
  auto specs = read_manifest(o.manifest, report);
  if (!report.ok()) {
    std::cerr << report.format();
    fail("manifest '" + o.manifest + "' has errors");
  }
  auto store = open_existing_store(o.db);
  int64_t values = 0, mismatches = 0;
  for (const auto& s : specs) {
    VerifyResult r = verify_source(s, *store);
    values += r.values;
    mismatches += r.mismatches;
    std::cout << s.path << ": " << r.values << " values";
    if (r.release_id > 0) std::cout << ", release " << r.release_id;
    std::cout << (r.mismatches == 0 ? ", all match\n"
                                    : ", " + std::to_string(r.mismatches) + " MISMATCHES\n");
    for (const auto& p : r.problems) std::cout << "  " << p << "\n";
  }
  std::cout << specs.size() << " files, " << values << " values, " << mismatches
            << " mismatches\n";
  if (mismatches > 0) fail(std::to_string(mismatches) + " mismatches");
}

}  // namespace

void add_verify_command(CLI::App& app) {
  auto o = std::make_shared<VerifyOptions>();
  CLI::App* cmd = app.add_subcommand(
      "verify", "Re-read every file of a manifest and compare each value with the store");
  cmd->add_option("--db", o->db, "SQLite database")->capture_default_str();
  cmd->add_option("--manifest", o->manifest, "The manifest the store was loaded from")
      ->capture_default_str();
  cmd->callback([o] { run_verify(*o); });
}

void add_ingest_command(CLI::App& app) {
  auto o = std::make_shared<IngestOptions>();
  o->common.loaded_by = default_loaded_by();
  CLI::App* cmd = app.add_subcommand("ingest", "Load publisher files into the store, whole or not at all");
  cmd->add_option("--db", o->db, "Store: an SQLite file (created if missing) or a postgresql:// URL (tables created if missing)")->capture_default_str();
  cmd->add_option("--manifest", o->manifest,
                  "CSV manifest: path,format,publisher,source_url,published_on,licence[,loaded_by][,recipe]");
  cmd->add_option("files", o->files, "Files to load (all of one --format)");
  cmd->add_option("--format", o->format, "Reader for the files: " + format_list());
  cmd->add_option("--recipe", o->recipe,
                  "TOML recipe describing the files (docs/recipes.md); implies --format recipe");
  cmd->add_option("--publisher", o->common.publisher, "Publisher of the files");
  cmd->add_option("--source-url", o->common.source_url, "Where the files were published");
  cmd->add_option("--published-on", o->common.published_on, "Publication date, YYYY-MM-DD");
  cmd->add_option("--licence", o->common.licence, "Licence, e.g. OGL-UK-3.0");
  cmd->add_option("--loaded-by", o->common.loaded_by, "Who is loading (default: $USER)");
  cmd->callback([o] { run_ingest(*o); });
}

}  // namespace lgb::cli
