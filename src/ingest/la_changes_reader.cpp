// ONS list of local-authority changes since 2014
// (data/register/ons_uk_topojson_la_changes.csv: oldcd,oldnm,newcd,newnm,
// type,start). Loaded after the register; each row updates areas already in
// the store (docs/tidy-format.md, "ONS change list"):
//   new_code, merger, and new_geo between councils (a boundary change that
//   gave a new code): the new code becomes an area if unknown (name as
//   published, type/region/parent copied from the old area, start date
//   <start>-04-01); the old area gains the new code as a successor and, if
//   it has no end date (or one after the change), ends <start>-03-31;
//   new_geo into a combined authority (E47) from a member council: only adds
//   the combined authority when unknown (the member does not end);
//   termination: the old area ends <start>-03-31 if it has no end date.
// Only areas that change are in the batch.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "ingest/reader.h"
#include "ingest/table_reader.h"

namespace lgb {
namespace {

struct Entry {
  Area area;
  int64_t line = 0;
  bool changed = false;
  bool created = false;
  bool region_conflict = false;
};

bool is_combined_authority_code(const std::string& code) { return code.rfind("E47", 0) == 0; }

}  // namespace

ReadResult read_ons_la_changes(const ReaderInput& in, IngestReport& report) {
  ReadResult out(in);
  TableReader t(in.bytes, in.file, report, in.progress, in.consumed);
  if (!t.read_header()) return out;
  out.header = t.header();
  if (!t.require({"oldcd", "oldnm", "newcd", "newnm", "type", "start"})) return out;
  const int c_old = t.column("oldcd"), c_new = t.column("newcd"), c_newnm = t.column("newnm"),
            c_type = t.column("type"), c_start = t.column("start");

  std::map<std::string, Entry> entries;
  std::vector<std::string> order;  // first touch, for a stable batch
  auto touch = [&](const std::string& code) -> Entry* {
    if (auto it = entries.find(code); it != entries.end()) return &it->second;
    const Area* known = in.known.find_area(code);
    if (!known) return nullptr;
    Entry& e = entries[code];
    e.area = *known;
    e.line = t.line();
    order.push_back(code);
    return &e;
  };
  auto create = [&](const std::string& code, Area a) -> Entry* {
    Entry& e = entries[code];
    e.area = std::move(a);
    e.line = t.line();
    e.changed = e.created = true;
    order.push_back(code);
    return &e;
  };
  int64_t ended = 0, successors = 0;
  std::string created;

  while (t.next()) {
    const std::string& type = t.get(c_type);
    if (type != "new_code" && type != "merger" && type != "new_geo" && type != "termination") {
      t.error(c_type, "unknown change type '" + type +
                          "' (expected new_code, merger, new_geo or termination)");
      continue;
    }
    const std::string& year = t.get(c_start);
    auto y = parse_period_id("cy" + year);
    if (year.size() != 4 || !y) {
      t.error(c_start, "start '" + year + "' is not a year");
      continue;
    }
    const std::string starts = year + "-04-01";
    const std::string ends = year + "-03-31";
    const std::string old_code = t.get(c_old), new_code = t.get(c_new);
    Entry* old = touch(old_code);
    if (!old) {
      t.error(c_old, "area " + old_code + " is not in the store (load the register first)");
      continue;
    }
    auto end_old = [&] {
      Area& a = old->area;
      // An area cannot outlive its replacement: this also corrects the
      // "ended by" bound the register gives former codes.
      if (a.end_date.empty() || a.end_date > starts) {
        a.end_date = ends;
        old->changed = true;
        ++ended;
      }
    };
    if (type == "termination") {
      end_old();
      continue;
    }
    if (new_code.empty()) {
      t.error(c_new, "a " + type + " row needs a new code");
      continue;
    }
    Entry* neu = touch(new_code);
    const bool joins_ca = type == "new_geo" && is_combined_authority_code(new_code) &&
                          old->area.type != AreaType::kCombinedAuthority;
    if (!neu) {
      Area a;
      a.code = new_code;
      a.name = t.get(c_newnm);
      if (a.name.empty()) {
        t.error(c_newnm, "empty name for new area " + new_code);
        continue;
      }
      if (joins_ca) {
        a.type = AreaType::kCombinedAuthority;
      } else {
        a.type = old->area.type;
        a.parent_code = old->area.parent_code;
      }
      a.region_code = old->area.region_code;
      a.start_date = starts;
      neu = create(new_code, std::move(a));
      created += (created.empty() ? "" : ", ") + new_code + " " + neu->area.name;
    } else if (joins_ca && neu->created && neu->area.region_code != old->area.region_code) {
      neu->region_conflict = true;  // members in more than one region
    }
    if (joins_ca) continue;  // membership: the council does not end
    auto& succ = old->area.successor_codes;
    if (std::find(succ.begin(), succ.end(), new_code) == succ.end()) {
      succ.push_back(new_code);
      old->changed = true;
      ++successors;
    }
    end_old();
  }

  for (const auto& code : order) {
    Entry& e = entries[code];
    if (!e.changed) continue;
    if (e.region_conflict) {
      e.area.region_code.clear();
      report.notes.push_back(in.file + ": members of new combined authority " + code +
                             " lie in more than one region; no region recorded");
    }
    out.add_area(std::move(e.area), e.line);
  }
  if (!created.empty()) report.notes.push_back(in.file + ": added areas " + created);
  report.notes.push_back(in.file + ": recorded " + std::to_string(successors) +
                         " new successor links and " + std::to_string(ended) + " end dates");
  return out;
}

}  // namespace lgb
