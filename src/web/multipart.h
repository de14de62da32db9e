// multipart/form-data bodies (RFC 7578), for the file-upload forms: each
// part's field name, file name and bytes. Only what browsers send: a
// boundary parameter, CRLF line ends, Content-Disposition per part.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace lgb::web {

struct FormPart {
  std::string name;      // the form field
  std::string filename;  // empty for a plain field
  std::string body;
};

// kInvalidArgument for a body that is not multipart/form-data as the
// content type says.
Result<std::vector<FormPart>> parse_multipart(std::string_view content_type, std::string_view body);

}  // namespace lgb::web
