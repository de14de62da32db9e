#include "web/multipart.h"
#include <cctype>

namespace lgb::web {
namespace {

// The value of `key="..."` (or key=token) in a header's parameters.
std::string parameter(std::string_view header, std::string_view key) {
  size_t pos = 0;
  while ((pos = header.find(key, pos)) != std::string_view::npos) {
    const bool starts = pos == 0 || header[pos - 1] == ' ' || header[pos - 1] == ';';
    pos += key.size();
    if (!starts || pos >= header.size() || header[pos] != '=') continue;
    ++pos;
    if (pos < header.size() && header[pos] == '"') {
      const size_t end = header.find('"', pos + 1);
      if (end == std::string_view::npos) return "";
      return std::string(header.substr(pos + 1, end - pos - 1));
    }
    const size_t end = header.find(';', pos);
    return std::string(header.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
  }
  return "";
}

}  // namespace

Result<std::vector<FormPart>> parse_multipart(std::string_view content_type, std::string_view body) {
  if (!content_type.starts_with("multipart/form-data"))
    return invalid("the upload must be sent as multipart/form-data");
  const std::string boundary = parameter(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 200) return invalid("the upload has no boundary");
  const std::string delimiter = "--" + boundary;
  std::vector<FormPart> parts;
  size_t pos = body.find(delimiter);
  if (pos == std::string_view::npos) return invalid("the upload is malformed (no boundary found)");
  while (true) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") return parts;  // the closing delimiter
    if (body.substr(pos, 2) != "\r\n") return invalid("the upload is malformed (after a boundary)");
    pos += 2;
    const size_t headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos) return invalid("the upload is malformed (part headers)");
    const std::string_view headers = body.substr(pos, headers_end - pos);
    const size_t next = body.find("\r\n" + delimiter, headers_end + 4);
    if (next == std::string_view::npos) return invalid("the upload is malformed (unterminated part)");
    FormPart part;
    size_t line_start = 0;
    while (line_start <= headers.size()) {
      size_t line_end = headers.find("\r\n", line_start);
      if (line_end == std::string_view::npos) line_end = headers.size();
      std::string_view line = headers.substr(line_start, line_end - line_start);
      std::string lower(line.substr(0, 20));
      for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower.starts_with("content-disposition:")) {
        part.name = parameter(line, "name");
        part.filename = parameter(line, "filename");
      }
      line_start = line_end + 2;
    }
    part.body = std::string(body.substr(headers_end + 4, next - headers_end - 4));
    parts.push_back(std::move(part));
    pos = next + 2;
  }
}

}  // namespace lgb::web
