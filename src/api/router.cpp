#include "api/router.h"

#include <exception>
#include <iostream>

#include "api/problem.h"

namespace lgb::api {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < path.size()) {
    if (path[pos] == '/') {
      ++pos;
      continue;
    }
    size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(pos, end - pos));
    pos = end;
  }
  return out;
}

void Router::add(std::string method, std::string pattern, std::string summary, Handler handler,
                 std::string repeatable) {
  Compiled c;
  for (std::string_view s : split_path(pattern)) c.segments.emplace_back(s);
  compiled_.push_back(std::move(c));
  routes_.push_back({std::move(method), std::move(pattern), std::move(summary), std::move(handler),
                     std::move(repeatable)});
}

bool Router::match(const Compiled& c, const std::vector<std::string_view>& path,
                   PathParams* params) const {
  if (c.segments.size() != path.size()) return false;
  for (size_t i = 0; i < path.size(); ++i) {
    const std::string& seg = c.segments[i];
    bool capture = seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
    if (!capture && seg != path[i]) return false;
    if (capture && path[i].empty()) return false;
  }
  if (params) {
    params->clear();
    for (size_t i = 0; i < path.size(); ++i) {
      const std::string& seg = c.segments[i];
      if (seg.size() > 2 && seg.front() == '{')
        params->emplace_back(seg.substr(1, seg.size() - 2), std::string(path[i]));
    }
  }
  return true;
}

Response Router::dispatch(Request& request) const {
  std::vector<std::string_view> path = split_path(request.path);
  std::string method = request.method == "HEAD" ? "GET" : request.method;
  std::string allow;
  for (size_t i = 0; i < routes_.size(); ++i) {
    if (!match(compiled_[i], path, nullptr)) continue;
    if (routes_[i].method != method) {
      if (!allow.empty()) allow += ", ";
      allow += routes_[i].method;
      if (routes_[i].method == "GET") allow += ", HEAD";
      continue;
    }
    match(compiled_[i], path, &request.params);
    // First-wins or last-wins would both be a guess at what was meant, and
    // either would let one request be spelt two ways.
    if (const std::string* key = request.query.repeated(routes_[i].repeatable))
      return problem_response(invalid("parameter '" + *key + "' is given more than once"),
                              request.path);
    try {
      Result<Response> r = routes_[i].handler(request);
      if (r.ok()) return std::move(r).value();
      if (http_status_of(r.error().code) >= 500)
        std::cerr << "lgbench: " << request.method << " " << request.target << ": "
                  << r.error().message << "\n";
      return problem_response(r.error(), request.path);
    } catch (const std::exception& e) {
      std::cerr << "lgbench: " << request.method << " " << request.target
                << ": unexpected exception: " << e.what() << "\n";
      return problem_response(internal(e.what()), request.path);
    }
  }
  if (!allow.empty()) {
    Response r = problem_response(405, "method " + request.method + " is not allowed here",
                                  request.path);
    r.headers.emplace_back("Allow", allow);
    return r;
  }
  return problem_response(404, "no such resource", request.path);
}

}  // namespace lgb::api
