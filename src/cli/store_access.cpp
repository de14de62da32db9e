#include <filesystem>
#include <iostream>

#include "cli/commands.h"

namespace lgb::cli {

void fail(const std::string& message, int code) {
  std::cerr << "lgbench: " << message << "\n";
  throw CLI::RuntimeError(code);
}

std::unique_ptr<Store> open_existing_store(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    fail("no database at '" + path + "' (create one with: lgbench ingest --db " + path + " ...)");
  auto store = open_sqlite_store(path);
  if (!store) fail("cannot open database '" + path + "': " + store.error().message);
  return std::move(*store);
}

}  // namespace lgb::cli
