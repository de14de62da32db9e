// Writes small .xlsx and .ods workbooks (and raw zips) for the spreadsheet
// and recipe tests, with libzip: the shapes the readers must handle (shared
// and inline strings, repeated cells and rows, several sheets) and the
// malformed ones they must refuse. Real publisher workbooks are tested from
// data/; these cover what those do not. Not thread-safe; one per test.
#pragma once

#include <zip.h>

#include <cstdlib>

#include <string>
#include <utility>
#include <vector>

namespace lgb::testing {

// Writes a zip of (name, bytes) entries; returns false on failure.
inline bool write_zip(const std::string& path,
                      const std::vector<std::pair<std::string, std::string>>& entries) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (!z) return false;
  for (const auto& [name, bytes] : entries) {
    zip_source_t* src = zip_source_buffer(z, bytes.data(), bytes.size(), 0);
    if (!src || zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE) < 0) {
      zip_source_free(src);
      zip_discard(z);
      return false;
    }
  }
  return zip_close(z) == 0;  // reads the buffers, which outlive it
}

inline std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

// An .xlsx whose sheets hold rows of cells: text that parses as a number is
// written as a number (<v>), other text as a shared string, except text
// starting with '~', written as an inline string without the '~'.
inline bool write_xlsx(const std::string& path,
                       const std::vector<std::pair<std::string, Rows>>& sheets) {
  std::vector<std::pair<std::string, std::string>> parts;
  std::string wb =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook "
      "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>";
  std::string rels =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  std::vector<std::string> shared;
  for (size_t i = 0; i < sheets.size(); ++i) {
    std::string n = std::to_string(i + 1);
    wb += "<sheet name=\"" + xml_escape(sheets[i].first) + "\" sheetId=\"" + n + "\" r:id=\"rId" +
          n + "\"/>";
    rels += "<Relationship Id=\"rId" + n +
            "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
            "worksheet\" Target=\"worksheets/sheet" + n + ".xml\"/>";
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet "
        "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
    for (size_t r = 0; r < sheets[i].second.size(); ++r) {
      xml += "<row r=\"" + std::to_string(r + 1) + "\">";
      const auto& row = sheets[i].second[r];
      for (size_t c = 0; c < row.size(); ++c) {
        const std::string& t = row[c];
        if (t.empty()) continue;
        std::string ref;
        for (size_t k = c + 1; k > 0; k = (k - 1) / 26) ref.insert(ref.begin(), char('A' + (k - 1) % 26));
        ref += std::to_string(r + 1);
        char* end = nullptr;
        std::strtod(t.c_str(), &end);
        if (*end == '\0' && t.find_first_not_of("0123456789.-eE") == std::string::npos) {
          xml += "<c r=\"" + ref + "\"><v>" + t + "</v></c>";
        } else if (t[0] == '~') {
          xml += "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + xml_escape(t.substr(1)) + "</t></is></c>";
        } else {
          xml += "<c r=\"" + ref + "\" t=\"s\"><v>" + std::to_string(shared.size()) + "</v></c>";
          shared.push_back(t);
        }
      }
      xml += "</row>";
    }
    xml += "</sheetData></worksheet>";
    parts.emplace_back("xl/worksheets/sheet" + n + ".xml", xml);
  }
  wb += "</sheets></workbook>";
  rels += "</Relationships>";
  std::string sst =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst "
      "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">";
  for (const auto& s : shared) sst += "<si><t xml:space=\"preserve\">" + xml_escape(s) + "</t></si>";
  sst += "</sst>";
  parts.emplace_back("xl/workbook.xml", wb);
  parts.emplace_back("xl/_rels/workbook.xml.rels", rels);
  parts.emplace_back("xl/sharedStrings.xml", sst);
  return write_zip(path, parts);
}

// An .ods of one table whose rows are given as raw <table:table-row> XML.
inline bool write_ods(const std::string& path, const std::string& table_name,
                      const std::string& rows_xml) {
  std::string content =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content "
      "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body>"
      "<office:spreadsheet><table:table table:name=\"" + xml_escape(table_name) + "\">" +
      rows_xml + "</table:table></office:spreadsheet></office:body></office:document-content>";
  return write_zip(path, {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                          {"content.xml", content}});
}

}  // namespace lgb::testing
