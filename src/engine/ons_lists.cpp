#include "engine/ons_lists.h"

#include <fstream>

namespace lgb {

Result<OnsNeighbourLists> read_ons_neighbour_lists(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return io_error("cannot open ONS neighbour list '" + path + "'");
  OnsNeighbourLists out;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_no == 1) {
      if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
      if (line.rfind("AREACD,", 0) != 0)
        return invalid(path + ":1: expected header starting 'AREACD', found '" +
                       line.substr(0, 40) + "'");
      continue;
    }
    if (line.empty()) continue;
    std::vector<std::string> fields;
    size_t start = 0;
    while (true) {
      const size_t comma = line.find(',', start);
      fields.push_back(line.substr(start, comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i > 0 && fields[i].empty()) continue;  // shorter lists leave blanks
      if (!is_gss_code(fields[i]))
        return invalid(path + ":" + std::to_string(line_no) + ": field " +
                       std::to_string(i + 1) + " '" + fields[i] + "' is not a GSS code");
    }
    std::vector<std::string> neighbours;
    for (size_t i = 1; i < fields.size(); ++i)
      if (!fields[i].empty()) neighbours.push_back(fields[i]);
    out[fields[0]] = std::move(neighbours);
  }
  return out;
}

}  // namespace lgb
