// Helpers for the ingest tests: the bundled data folder, temporary
// directories and files, and a fresh SQLite store in a temp dir.
// Not thread-safe; one per test.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "ingest/file_bytes.h"
#include "ingest/pipeline.h"
#include "ingest/reader.h"
#include "store/store.h"

#include "support/temp_dir.h"

namespace lgb::testing {

inline std::string data_path(const std::string& rel) {
  return std::string(LGB_SOURCE_DIR) + "/data/" + rel;
}

inline std::unique_ptr<Store> open_store(const TempDir& dir) {
  auto s = open_sqlite_store(dir.path() + "/lgb.db");
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
  return s.ok() ? std::move(*s) : nullptr;
}

// Runs one reader on bytes without a store.
inline ReadResult read_bytes(ReaderFn reader, const std::string& bytes, const std::string& path,
                             const KnownRegister& known, IngestReport& report,
                             const SourceSpec* spec_in = nullptr) {
  static const std::function<void(int64_t)> kNoProgress;
  SourceSpec spec;
  if (spec_in) spec = *spec_in;
  spec.path = path;
  ReaderInput in{spec, path, bytes, known, kNoProgress};
  return reader(in, report);
}

// Runs one reader on a bundled data file without a store.
inline ReadResult read_data_file(ReaderFn reader, const std::string& rel,
                                 const KnownRegister& known, IngestReport& report,
                                 const SourceSpec* spec = nullptr) {
  auto bytes = read_file_bytes(data_path(rel));
  EXPECT_TRUE(bytes.ok());
  return read_bytes(reader, bytes.ok() ? *bytes : std::string(), data_path(rel), known, report,
                    spec);
}

// The exact bytes of line `line` (1-based) of a file, without its line break.
inline std::string file_line(const std::string& path, int64_t line) {
  std::ifstream in(path, std::ios::binary);
  std::string s;
  for (int64_t i = 0; i < line && std::getline(in, s); ++i) {
  }
  if (!s.empty() && s.back() == '\r') s.pop_back();
  return s;
}

}  // namespace lgb::testing
