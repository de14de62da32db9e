#include "ingest/bank_holidays.h"

#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <set>

#include "ingest/file_bytes.h"

namespace lgb {

Result<std::vector<std::string>> read_bank_holidays(const std::string& dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".json") files.push_back(e.path());
  if (ec) return io_error("cannot read bank holidays from " + dir + ": " + ec.message());
  if (files.empty()) return io_error("no bank holiday files (*.json) in " + dir);
  std::sort(files.begin(), files.end());
  std::set<std::string> dates;
  for (const auto& f : files) {
    auto bytes = read_file_bytes(f.string());
    if (!bytes) return bytes.error();
    boost::system::error_code jec;
    boost::json::value doc = boost::json::parse(*bytes, jec);
    const boost::json::value* events = nullptr;
    if (!jec && doc.is_object())
      if (auto* ew = doc.as_object().if_contains("england-and-wales"); ew && ew->is_object())
        events = ew->as_object().if_contains("events");
    if (!events || !events->is_array())
      return invalid(f.string() + ": not GOV.UK's bank-holidays.json (no england-and-wales events)");
    for (const auto& ev : events->as_array()) {
      const boost::json::value* date = ev.is_object() ? ev.as_object().if_contains("date") : nullptr;
      if (!date || !date->is_string())
        return invalid(f.string() + ": an england-and-wales event has no date");
      dates.emplace(date->as_string());
    }
  }
  return std::vector<std::string>(dates.begin(), dates.end());
}

}  // namespace lgb
