#include "cli/progress_bar.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace lgb::cli {

ProgressBar::ProgressBar(std::string label, int64_t total)
    : label_(std::move(label)), total_(total), enabled_(isatty(STDERR_FILENO) == 1) {}

ProgressBar::ProgressBar(const std::string& path)
    : ProgressBar(std::filesystem::path(path).filename().string(), 0) {
  if (enabled_) total_ = count_lines(path);
}

ProgressBar::~ProgressBar() {
  if (enabled_) std::fprintf(stderr, "\r\033[K");
}

void ProgressBar::update(int64_t done) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(100)) return;  // do not flood the terminal
  last_ = now;
  if (total_ <= 0) {
    std::fprintf(stderr, "\r\033[K%s %lld rows", label_.c_str(), static_cast<long long>(done));
  } else {
    constexpr int kWidth = 30;
    double f = std::clamp(static_cast<double>(done) / static_cast<double>(total_), 0.0, 1.0);
    int fill = static_cast<int>(f * kWidth);
    std::string bar(static_cast<size_t>(fill), '=');
    bar.resize(kWidth, ' ');
    std::fprintf(stderr, "\r\033[K[%s] %3d%% %s", bar.c_str(), static_cast<int>(f * 100),
                 label_.c_str());
  }
  std::fflush(stderr);
}

int64_t count_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char buf[1 << 16];
  int64_t n = 0;
  while (in) {
    in.read(buf, sizeof buf);
    n += std::count(buf, buf + in.gcount(), '\n');
  }
  return n;
}

}  // namespace lgb::cli
