// Router: method + path pattern -> handler, with "{name}" path parameters.
// Unknown paths give 404 and a known path with the wrong method 405, both as
// problem+json. Routes are added at start-up; dispatch is then read-only and
// safe from many threads.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "api/http.h"
#include "core/result.h"

namespace lgb::api {

// Handlers parse, validate, call the store and encode. Expected failures are
// returned as Errors and become problem+json through problem.h.
using Handler = std::function<Result<Response>(const Request&)>;

struct Route {
  std::string method;   // "GET"; HEAD is served by GET routes
  std::string pattern;  // "/api/v1/areas/{code}"
  std::string summary;  // one line, for docs and the route table test
  Handler handler;
  // A parameter this route takes more than once, in order (LG Inform's
  // columnGrouping); every other repeated parameter is a 400.
  std::string repeatable;
};

class Router {
 public:
  void add(std::string method, std::string pattern, std::string summary, Handler handler,
           std::string repeatable = {});
  void get(std::string pattern, std::string summary, Handler handler,
           std::string repeatable = {}) {
    add("GET", std::move(pattern), std::move(summary), std::move(handler),
        std::move(repeatable));
  }

  // Finds the route, fills request.params and runs the handler; never throws
  // for bad input (a handler exception becomes a 500 problem). A query
  // parameter given twice is a 400 unless the route names it repeatable.
  Response dispatch(Request& request) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Compiled {
    std::vector<std::string> segments;  // "{x}" segments capture
  };
  bool match(const Compiled& c, const std::vector<std::string_view>& path,
             PathParams* params) const;

  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
};

// Splits "/a/b/c" into {"a","b","c"}; an empty path gives {}.
std::vector<std::string_view> split_path(std::string_view path);

}  // namespace lgb::api
