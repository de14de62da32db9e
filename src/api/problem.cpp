#include "api/problem.h"

#include <boost/json.hpp>

namespace lgb::api {
namespace {

std::string_view code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid-argument";
    case ErrorCode::kNotFound: return "not-found";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kIo: return "io";
    case ErrorCode::kUnavailable: return "unavailable";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

Response make_problem(int status, std::string_view detail, std::string_view instance,
                      std::string_view code) {
  boost::json::object o;
  // "about:blank" means the title is the HTTP reason phrase (RFC 9457 4.2.1).
  o["type"] = "about:blank";
  o["title"] = reason_phrase(status);
  o["status"] = status;
  o["detail"] = detail;
  o["instance"] = instance;
  if (!code.empty()) o["code"] = code;  // an extension member: the lgb::ErrorCode
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = boost::json::serialize(o);
  return r;
}

}  // namespace

int http_status_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kUnavailable: return 503;
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
  return r;
}

}  // namespace lgb::api
