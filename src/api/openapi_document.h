// The OpenAPI 3.0 document describing /api/v1, kept as JSON text in
// openapi_document.cpp. A test checks it against the router's route table.
// Immutable data; thread-safe.
#pragma once

#include <string_view>

namespace lgb::api {

std::string_view openapi_document_json();

}  // namespace lgb::api
