// The one place where lgb::Error codes become HTTP statuses and RFC 9457
// application/problem+json bodies. Stateless functions; thread-safe.
#pragma once

#include <string_view>

#include "api/http.h"
#include "core/result.h"

namespace lgb::api {

// kInvalidArgument -> 400, kUnauthenticated -> 401, kForbidden -> 403,
// kNotFound -> 404, kConflict -> 409, kTooManyRequests -> 429, else 500.
int http_status_of(ErrorCode code);

// A problem+json response for an Error; instance is the request path.
Response problem_response(const Error& error, std::string_view instance);

// A problem+json response for a status the router decides (404, 405).
Response problem_response(int status, std::string_view detail, std::string_view instance);

}  // namespace lgb::api
