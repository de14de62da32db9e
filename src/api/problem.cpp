#include "api/problem.h"

#include "api/json_writer.h"

namespace lgb::api {
namespace {

std::string_view code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid-argument";
    case ErrorCode::kNotFound: return "not-found";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kUnauthenticated: return "unauthenticated";
    case ErrorCode::kForbidden: return "forbidden";
    case ErrorCode::kTooManyRequests: return "too-many-requests";
    case ErrorCode::kIo: return "io";
    case ErrorCode::kUnavailable: return "unavailable";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

Response make_problem(int status, std::string_view detail, std::string_view instance,
                      std::string_view code) {
  // Written with the JSON writer, whose strings are always valid UTF-8: the
  // detail and instance echo the request, which may not be.
  JsonWriter w;
  w.begin_object();
  // "about:blank" means the title is the HTTP reason phrase (RFC 9457 4.2.1).
  w.field("type", "about:blank");
  w.field("title", reason_phrase(status));
  w.field("status", status);
  w.field("detail", detail);
  w.field("instance", instance);
  if (!code.empty()) w.field("code", code);  // an extension member: the lgb::ErrorCode
  w.end_object();
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = w.take();
  return r;
}

}  // namespace

int http_status_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kForbidden: return 403;
    case ErrorCode::kTooManyRequests: return 429;
    case ErrorCode::kIo:
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

Response problem_response(int status, std::string_view detail, std::string_view instance) {
  return make_problem(status, detail, instance, {});
}

Response problem_response(const Error& error, std::string_view instance) {
  int status = http_status_of(error.code);
  // Internal details are for the log, not for the client.
  // The same for an unreachable database (its address is the operator's).
  std::string_view detail =
      status == 500   ? std::string_view("internal error; see the server log")
      : status == 503 ? std::string_view("the database is unreachable; try again shortly")
                      : std::string_view(error.message);
  Response r = make_problem(status, detail, instance, code_name(error.code));
  if (status == 503) r.headers.emplace_back("Retry-After", "5");
  if (status == 401) r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"lgbench\"");
  if (status == 429) r.headers.emplace_back("Retry-After", "60");
  return r;
}

}  // namespace lgb::api
