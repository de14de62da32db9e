#include "ingest/spreadsheet.h"

#include <zip.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <string_view>

#include "ingest/ingest_report.h"

namespace lgb {
namespace {

constexpr int64_t kMaxColumns = 16384;    // XFD, the widest sheet Excel allows
constexpr int64_t kMaxRows = 1048576;

std::string_view local_name(const pugi::xml_node& n) {
  std::string_view name = n.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string_view local_name(const pugi::xml_attribute& a) {
  std::string_view name = a.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& n, std::string_view local) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && local_name(c) == local) return c;
  return {};
}

pugi::xml_attribute attr(const pugi::xml_node& n, std::string_view local) {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute())
    if (local_name(a) == local) return a;
  return {};
}

class Zip {
 public:
  static Result<Zip> open(const std::string& path) {
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
    if (!z) {
      zip_error_t e;
      zip_error_init_with_code(&e, err);
      std::string why = zip_error_strerror(&e);
      zip_error_fini(&e);
      return invalid(path + ": not a readable spreadsheet (zip): " + why);
    }
    return Zip(path, z);
  }

  bool has(const std::string& name) const { return zip_name_locate(z_.get(), name.c_str(), 0) >= 0; }

  // The entry's bytes, refusing more than kMaxXmlBytes whatever the header says.
  Result<std::string> read(const std::string& name) const {
    zip_int64_t idx = zip_name_locate(z_.get(), name.c_str(), 0);
    if (idx < 0) return invalid(path_ + ": the spreadsheet has no part '" + name + "'");
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z_.get(), static_cast<zip_uint64_t>(idx), 0, &st) != 0)
      return invalid(path_ + ": cannot read part '" + name + "'");
    if ((st.valid & ZIP_STAT_SIZE) && st.size > static_cast<zip_uint64_t>(kMaxXmlBytes))
      return too_large(name);
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> f(
        zip_fopen_index(z_.get(), static_cast<zip_uint64_t>(idx), 0), &zip_fclose);
    if (!f)
      return invalid(path_ + ": cannot open part '" + name + "': " + zip_strerror(z_.get()));
    std::string out;
    char buf[1 << 16];
    for (;;) {
      zip_int64_t n = zip_fread(f.get(), buf, sizeof buf);
      if (n < 0)
        return invalid(path_ + ": part '" + name + "' is corrupt: " + zip_file_strerror(f.get()));
      if (n == 0) break;
      if (static_cast<int64_t>(out.size()) + n > kMaxXmlBytes) return too_large(name);
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }

 private:
  Zip(std::string path, zip_t* z) : path_(std::move(path)), z_(z, &zip_discard) {}
  Error too_large(const std::string& name) const {
    return invalid(path_ + ": part '" + name + "' inflates to more than " +
                   std::to_string(kMaxXmlBytes >> 20) +
                   " MB (a zip bomb, or a sheet too large to read whole; export it as CSV)");
  }

  std::string path_;
  std::unique_ptr<zip_t, void (*)(zip_t*)> z_;
};

// Parses bytes in place (the document points into them: they must outlive it
// and are changed), so a large sheet is not held twice.
Result<std::unique_ptr<pugi::xml_document>> parse_xml(const std::string& path,
                                                      const std::string& part,
                                                      std::string& bytes) {
  auto doc = std::make_unique<pugi::xml_document>();
  pugi::xml_parse_result r = doc->load_buffer_inplace(
      bytes.data(), bytes.size(), pugi::parse_default | pugi::parse_ws_pcdata_single,
      pugi::encoding_utf8);
  if (!r)
    return invalid(path + ": part '" + part + "' is not well-formed XML at byte " +
                   std::to_string(r.offset) + ": " + r.description());
  return doc;
}

Error no_sheet(const std::string& path, const SheetSelector& which,
               const std::vector<std::string>& names) {
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "'" : ", '") + n + "'";
  std::string wanted = !which.name.empty() ? "no sheet named '" + which.name + "'"
                                           : "no sheet number " + std::to_string(which.index);
  return invalid(path + ": " + wanted + "; the workbook has " +
                 (names.empty() ? std::string("no sheets") : list));
}

// Which of names the selector picks; -1 when none.
int pick(const SheetSelector& which, const std::vector<std::string>& names) {
  if (!which.name.empty()) {
    for (size_t i = 0; i < names.size(); ++i)
      if (names[i] == which.name) return static_cast<int>(i);
    return -1;
  }
  int i = which.index <= 0 ? 0 : which.index - 1;
  return i < static_cast<int>(names.size()) ? i : -1;
}

void set_cell(SheetRow& row, int64_t col, std::string text) {
  if (text.empty()) return;
  if (static_cast<int64_t>(row.cells.size()) < col) row.cells.resize(static_cast<size_t>(col));
  row.cells[static_cast<size_t>(col - 1)] = std::move(text);
}

// ---- xlsx ----

// "B7" -> column 2 (1-based); 0 when not a cell reference.
int64_t reference_column(std::string_view ref) {
  int64_t col = 0;
  size_t i = 0;
  while (i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i]))) {
    col = col * 26 + (std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
    if (col > kMaxColumns) return 0;
    ++i;
  }
  return i > 0 ? col : 0;
}

// The text of <si> or <is>: a <t>, or runs <r><t/></r>; phonetic runs ignored.
std::string rich_text(const pugi::xml_node& n) {
  std::string out;
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (local_name(c) == "t")
      out += c.text().get();
    else if (local_name(c) == "r")
      out += child(c, "t").text().get();
  }
  return out;
}

std::string resolve_target(std::string_view target) {
  if (!target.empty() && target.front() == '/') return std::string(target.substr(1));
  return "xl/" + std::string(target);
}

}  // namespace

Result<Sheet> read_xlsx_sheet(const std::string& path, const SheetSelector& which) {
  auto zip = Zip::open(path);
  if (!zip) return zip.error();
  auto wb_bytes = zip->read("xl/workbook.xml");
  if (!wb_bytes) return wb_bytes.error();
  auto wb = parse_xml(path, "xl/workbook.xml", *wb_bytes);
  if (!wb) return wb.error();
  std::vector<std::string> names, rel_ids;
  for (pugi::xml_node s = child(child((*wb)->document_element(), "sheets"), "sheet"); s;
       s = s.next_sibling()) {
    if (local_name(s) != "sheet") continue;
    names.emplace_back(attr(s, "name").value());
    rel_ids.emplace_back(attr(s, "id").value());
  }
  int chosen = pick(which, names);
  if (chosen < 0) return no_sheet(path, which, names);

  auto rels_bytes = zip->read("xl/_rels/workbook.xml.rels");
  if (!rels_bytes) return rels_bytes.error();
  auto rels = parse_xml(path, "xl/_rels/workbook.xml.rels", *rels_bytes);
  if (!rels) return rels.error();
  std::string part;
  for (pugi::xml_node r = (*rels)->document_element().first_child(); r; r = r.next_sibling())
    if (attr(r, "Id").value() == rel_ids[static_cast<size_t>(chosen)])
      part = resolve_target(attr(r, "Target").value());
  if (part.empty())
    return invalid(path + ": sheet '" + names[static_cast<size_t>(chosen)] +
                   "' has no part in the workbook's relationships");

  std::vector<std::string> shared;
  if (zip->has("xl/sharedStrings.xml")) {
    auto sst_bytes = zip->read("xl/sharedStrings.xml");
    if (!sst_bytes) return sst_bytes.error();
    auto sst = parse_xml(path, "xl/sharedStrings.xml", *sst_bytes);
    if (!sst) return sst.error();
    for (pugi::xml_node si = (*sst)->document_element().first_child(); si; si = si.next_sibling())
      if (local_name(si) == "si") shared.push_back(rich_text(si));
  }

  auto sheet_bytes = zip->read(part);
  if (!sheet_bytes) return sheet_bytes.error();
  auto doc = parse_xml(path, part, *sheet_bytes);
  if (!doc) return doc.error();
  Sheet out;
  out.name = names[static_cast<size_t>(chosen)];
  int64_t next_row = 1;
  for (pugi::xml_node r = child(child((*doc)->document_element(), "sheetData"), "row"); r;
       r = r.next_sibling()) {
    if (local_name(r) != "row") continue;
    SheetRow row;
    row.number = attr(r, "r").as_llong(next_row);
    if (row.number < next_row || row.number > kMaxRows)
      return invalid(path + ": sheet '" + out.name + "': row number " +
                     std::to_string(row.number) + " out of order or out of range");
    next_row = row.number + 1;
    int64_t next_col = 1;
    for (pugi::xml_node c = r.first_child(); c; c = c.next_sibling()) {
      if (local_name(c) != "c") continue;
      int64_t col = next_col;
      if (pugi::xml_attribute ref = attr(c, "r")) {
        col = reference_column(ref.value());
        if (col == 0)
          return invalid(path + ": sheet '" + out.name + "' row " + std::to_string(row.number) +
                         ": bad cell reference '" + ref.value() + "'");
      }
      if (col > kMaxColumns)
        return invalid(path + ": sheet '" + out.name + "' row " + std::to_string(row.number) +
                       ": more than " + std::to_string(kMaxColumns) + " columns");
      next_col = col + 1;
      std::string_view type = attr(c, "t").value();
      std::string text;
      if (type == "s") {
        const char* v = child(c, "v").text().get();
        char* end = nullptr;
        unsigned long long i = std::strtoull(v, &end, 10);
        if (!*v || *end || i >= shared.size())
          return invalid(path + ": sheet '" + out.name + "' cell " + column_letters(col) +
                         std::to_string(row.number) + ": shared string index '" + v +
                         "' out of range");
        text = shared[i];
      } else if (type == "inlineStr") {
        text = rich_text(child(c, "is"));
      } else if (type == "b") {
        text = std::string_view(child(c, "v").text().get()) == "1" ? "TRUE" : "FALSE";
      } else {
        text = child(c, "v").text().get();  // number, str, e (error), d (ISO date)
      }
      set_cell(row, col, std::move(text));
    }
    if (!row.cells.empty()) out.rows.push_back(std::move(row));
  }
  return out;
}

namespace {

// ---- ods ----

void paragraph_text(const pugi::xml_node& n, std::string& out) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      out += c.value();
      continue;
    }
    std::string_view name = local_name(c);
    if (name == "s")
      out.append(static_cast<size_t>(std::clamp(attr(c, "c").as_int(1), 1, 1000)), ' ');
    else if (name == "tab")
      out += '\t';
    else if (name == "line-break")
      out += '\n';
    else if (name != "annotation")
      paragraph_text(c, out);  // span, a, ...
  }
}

std::string ods_cell_text(const pugi::xml_node& c) {
  std::string_view type = attr(c, "value-type").value();
  if (type == "float" || type == "percentage" || type == "currency")
    return attr(c, "value").value();
  if (type == "date") return attr(c, "date-value").value();
  if (type == "time") return attr(c, "time-value").value();
  if (type == "boolean")
    return std::string_view(attr(c, "boolean-value").value()) == "true" ? "TRUE" : "FALSE";
  if (pugi::xml_attribute sv = attr(c, "string-value")) return sv.value();
  std::string out;
  bool first = true;
  for (pugi::xml_node p = c.first_child(); p; p = p.next_sibling()) {
    if (local_name(p) != "p") continue;
    if (!first) out += '\n';
    paragraph_text(p, out);
    first = false;
  }
  return out;
}

struct OdsWalk {
  const std::string& path;
  Sheet& out;
  int64_t next_row = 1;

  Status rows(const pugi::xml_node& parent) {
    for (pugi::xml_node n = parent.first_child(); n; n = n.next_sibling()) {
      std::string_view name = local_name(n);
      if (name == "table-row") {
        if (auto s = row(n); !s) return s;
      } else if (name == "table-header-rows" || name == "table-rows" ||
                 name == "table-row-group") {
        if (auto s = rows(n); !s) return s;
      }
    }
    return ok_status();
  }

  Status row(const pugi::xml_node& r) {
    int64_t repeat = std::max<int64_t>(1, attr(r, "number-rows-repeated").as_llong(1));
    SheetRow sr;
    int64_t col = 1;
    for (pugi::xml_node c = r.first_child(); c; c = c.next_sibling()) {
      std::string_view name = local_name(c);
      if (name != "table-cell" && name != "covered-table-cell") continue;
      int64_t span = std::max<int64_t>(1, attr(c, "number-columns-repeated").as_llong(1));
      std::string text = ods_cell_text(c);
      if (!text.empty()) {
        if (col + span - 1 > kMaxColumns)
          return invalid(path + ": sheet '" + out.name + "' row " + std::to_string(next_row) +
                         ": more than " + std::to_string(kMaxColumns) + " columns");
        for (int64_t k = 0; k < span; ++k) set_cell(sr, col + k, text);
      }
      col += span;
    }
    if (sr.cells.empty()) {  // empty rows, however often repeated, cost nothing
      next_row += repeat;
      return ok_status();
    }
    if (next_row + repeat - 1 > kMaxRows)
      return invalid(path + ": sheet '" + out.name + "': more than " + std::to_string(kMaxRows) +
                     " rows");
    for (int64_t k = 0; k < repeat; ++k) {
      sr.number = next_row++;
      out.rows.push_back(sr);
    }
    return ok_status();
  }
};

}  // namespace

Result<Sheet> read_ods_sheet(const std::string& path, const SheetSelector& which) {
  auto zip = Zip::open(path);
  if (!zip) return zip.error();
  if (zip->has("mimetype")) {
    auto mime = zip->read("mimetype");
    if (mime && mime->rfind("application/vnd.oasis.opendocument.spreadsheet", 0) != 0)
      return invalid(path + ": not an OpenDocument spreadsheet (mimetype '" + *mime + "')");
  }
  auto bytes = zip->read("content.xml");
  if (!bytes) return bytes.error();
  auto doc = parse_xml(path, "content.xml", *bytes);
  if (!doc) return doc.error();
  pugi::xml_node spreadsheet =
      child(child((*doc)->document_element(), "body"), "spreadsheet");
  std::vector<pugi::xml_node> tables;
  std::vector<std::string> names;
  for (pugi::xml_node t = spreadsheet.first_child(); t; t = t.next_sibling())
    if (local_name(t) == "table") {
      tables.push_back(t);
      names.emplace_back(attr(t, "name").value());
    }
  int chosen = pick(which, names);
  if (chosen < 0) return no_sheet(path, which, names);
  Sheet out;
  out.name = names[static_cast<size_t>(chosen)];
  OdsWalk walk{path, out};
  if (auto s = walk.rows(tables[static_cast<size_t>(chosen)]); !s) return s.error();
  return out;
}

std::string spreadsheet_kind(const std::string& path) {
  size_t dot = path.rfind('.');
  if (dot == std::string::npos) return "";
  std::string ext = path.substr(dot + 1);
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == "xlsx" || ext == "ods" ? ext : "";
}

}  // namespace lgb
