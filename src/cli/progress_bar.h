// ProgressBar: a one-line progress display on stderr for long ingests, shown
// only when stderr is a terminal so logs and pipes stay clean.
// Not thread-safe: one bar per thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace lgb::cli {

class ProgressBar {
 public:
  // total: expected rows (0 when unknown: then only the count is shown).
  ProgressBar(std::string label, int64_t total);
  // Labelled with the file name; counts the file's lines only when shown.
  explicit ProgressBar(const std::string& path);
  ~ProgressBar();  // erases the line
  void update(int64_t done);
  bool enabled() const { return enabled_; }

 private:
  std::string label_;
  int64_t total_;
  bool enabled_;
  std::chrono::steady_clock::time_point last_{};
};

// Counts newline characters: a cheap estimate of a CSV file's rows.
int64_t count_lines(const std::string& path);

}  // namespace lgb::cli
