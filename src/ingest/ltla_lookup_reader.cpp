// ONS LTLA 2014 lookup (data/register/ons_uk_topojson_ltla14_lookup.csv):
// columns ltlacd,ltlanm,ctycd,ctynm,mctycd,mctynm,cauthcd,cauthnm,rgncd,
// rgnnm,ctrycd,ctrynm. Yields the areas above the councils: countries,
// English regions (E12; for the other nations the "region" is the country),
// combined authorities and metropolitan counties (which no council register
// lists but publishers still report on). The LTLA rows themselves come from
// the mySociety register. Names are kept as published; each area appears
// once. A combined authority or metropolitan county gets the region of its
// member LTLAs when they agree.
#include <map>
#include <string>

#include "ingest/reader.h"
#include "ingest/table_reader.h"

namespace lgb {
namespace {

struct Pending {
  Area area;
  int64_t line = 0;
  bool region_conflict = false;
};

}  // namespace

ReadResult read_ons_ltla_lookup(const ReaderInput& in, IngestReport& report) {
  ReadResult out(in);
  TableReader t(in.bytes, in.file, report, in.progress, in.consumed);
  if (!t.read_header()) return out;
  out.header = t.header();
  if (!t.require({"ltlacd", "mctycd", "mctynm", "cauthcd", "cauthnm", "rgncd", "rgnnm", "ctrycd",
                  "ctrynm"}))
    return out;
  const int c_mcty = t.column("mctycd"), c_mctynm = t.column("mctynm"), c_ca = t.column("cauthcd"),
            c_canm = t.column("cauthnm"), c_rgn = t.column("rgncd"), c_rgnnm = t.column("rgnnm"),
            c_ctry = t.column("ctrycd"), c_ctrynm = t.column("ctrynm");

  std::map<std::string, Pending> areas;  // ordered: a stable batch
  // Adds or checks one area; region is the region of the row (may be empty).
  auto note_area = [&](int c_code, int c_name, AreaType type, const std::string& region) {
    const std::string& code = t.get(c_code);
    if (code.empty()) return;
    const std::string& name = t.get(c_name);
    if (name.empty()) {
      t.error(c_name, "empty name for area " + code);
      return;
    }
    auto [it, fresh] = areas.try_emplace(code);
    Pending& p = it->second;
    if (fresh) {
      p.area.code = code;
      p.area.name = name;
      p.area.type = type;
      p.area.region_code = region;
      p.line = t.line();
      return;
    }
    if (p.area.name != name)
      t.error(c_name, "area " + code + " is named '" + name + "' here but '" + p.area.name +
                          "' on line " + std::to_string(p.line));
    if (p.area.region_code != region) p.region_conflict = true;
  };

  while (t.next()) {
    const std::string& ctry = t.get(c_ctry);
    const std::string& rgn = t.get(c_rgn);
    note_area(c_ctry, c_ctrynm, AreaType::kCountry, "");
    // Outside England the lookup repeats the country as the region.
    bool english_region = !rgn.empty() && rgn != ctry;
    if (english_region) note_area(c_rgn, c_rgnnm, AreaType::kRegion, "");
    const std::string region = english_region ? rgn : ctry;
    note_area(c_ca, c_canm, AreaType::kCombinedAuthority, region);
    note_area(c_mcty, c_mctynm, AreaType::kOther, region);
  }
  for (auto& [code, p] : areas) {
    if (p.region_conflict) {
      report.notes.push_back(in.file + ": members of " + code + " " + p.area.name +
                             " lie in more than one region; no region recorded");
      p.area.region_code.clear();
    }
    out.add_area(std::move(p.area), p.line);
  }
  return out;
}

}  // namespace lgb
