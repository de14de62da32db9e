#include "web/site.h"

#include <iostream>

#include "api/handlers/handlers.h"
#include "api/router.h"
#include "api/static_files.h"
#include "web/forms.h"
#include "web/pages.h"

namespace lgb::web {
namespace {

using PageFn = PageResult (*)(const SiteContext&, const api::Request&);

struct PageRoute {
  std::vector<std::string> segments;  // "{name}" captures one segment
  PageFn fn;
};

// The app's URL scheme (WEB.md section 9). Listed most specific first.
const std::vector<PageRoute>& page_routes() {
  static const std::vector<PageRoute> routes = [] {
    std::vector<std::pair<std::string_view, PageFn>> table = {
        {"/", home_page},
        {"/search", search_page},
        {"/areas", areas_page},
        {"/areas/{code}", area_page},
        {"/areas/{code}/outliers", outliers_page},
        {"/areas/{code}/compare", compare_page},
        {"/metrics", metrics_page},
        {"/metrics/{id}", metric_page},
        {"/reports", reports_page},
        {"/reports/{id}", report_page},
        {"/about-data", about_page},
    };
    std::vector<PageRoute> out;
    for (const auto& [pattern, fn] : table) {
      PageRoute r;
      for (auto seg : api::split_path(pattern)) r.segments.emplace_back(seg);
      r.fn = fn;
      out.push_back(std::move(r));
    }
    return out;
  }();
  return routes;
}

const PageRoute* match_route(const std::vector<std::string_view>& path, api::PathParams* params) {
  for (const PageRoute& r : page_routes()) {
    if (r.segments.size() != path.size()) continue;
    bool ok = true;
    for (size_t i = 0; i < path.size() && ok; ++i) {
      const std::string& seg = r.segments[i];
      bool capture = seg.size() > 2 && seg.front() == '{';
      ok = capture ? !path[i].empty() : seg == path[i];
    }
    if (!ok) continue;
    params->clear();
    for (size_t i = 0; i < path.size(); ++i)
      if (r.segments[i].front() == '{')
        params->emplace_back(r.segments[i].substr(1, r.segments[i].size() - 2), std::string(path[i]));
    return &r;
  }
  return nullptr;
}

// Security headers on every page. The script hash is GOV.UK Frontend's
// documented js-enabled snippet (layout.cpp); Plot adds inline styles.
void add_page_headers(api::Response& r) {
  r.headers.emplace_back(
      "Content-Security-Policy",
      "default-src 'self'; script-src 'self' 'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='; "
      "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
      "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Referrer-Policy", "strict-origin-when-cross-origin");
}

int status_of(const Error& e) {
  switch (e.code) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kNotFound: return 404;
    default: return 500;
  }
}

}  // namespace

api::Response html_response(int status, std::string body) {
  api::Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(body);
  r.cache_control = status == 200 ? "public, max-age=60" : "no-store";
  add_page_headers(r);
  return r;
}

PageMeta with_account(PageMeta meta, const api::Request& req) {
  if (req.caller.signed_in()) {
    meta.signed_in_as = req.caller.user->name;
    meta.csrf = req.caller.csrf_token;
  }
  return meta;
}

namespace {

class WebSite : public api::Site {
 public:
  WebSite(const api::ApiContext& api, SiteOptions options, std::vector<Report> reports)
      : options_(std::move(options)),
        assets_(Assets::load(options_.web_root)),
        reports_(std::move(reports)) {
    ctx_.api = api;
    ctx_.assets = &assets_;
    ctx_.reports = &reports_;
  }

  api::Response handle(api::Request& req) override {
    if (auto r = account_response(ctx_, req)) return std::move(*r);
    if (auto r = carbon_response(ctx_, req)) return std::move(*r);
    if (req.method != "GET" && req.method != "HEAD") {
      api::Response r = html(405, error_page(ctx_, req, {ErrorCode::kInvalidArgument, "This page can only be read"}, 400));
      r.headers.emplace_back("Allow", "GET, HEAD");
      return r;
    }
    if (req.path.rfind("/static/", 0) == 0) {
      api::Response r = api::serve_static(assets_.root(), req.path);
      // Hashed names: a file never changes under its name.
      if (r.status == 200) r.cache_control = "public, max-age=31536000, immutable";
      return r.status == 200 ? r : not_found(req);
    }
    static const std::string_view kRootFiles[] = {"/favicon.ico", "/favicon.svg", "/icon-180.png",
                                                  "/robots.txt"};
    for (auto f : kRootFiles)
      if (req.path == f) {
        api::Response r = api::serve_static(assets_.root(), req.path);
        if (r.status == 200) r.cache_control = "public, max-age=86400";
        return r.status == 200 ? r : not_found(req);
      }

    std::vector<std::string_view> segments = api::split_path(req.path);
    std::optional<DownloadFormat> download;
    if (!segments.empty()) {
      download = parse_download_name(segments.back());
      if (download) segments.pop_back();
    }
    const PageRoute* route = match_route(segments, &req.params);
    if (!route) return not_found(req);
    PageResult page = [&]() -> PageResult {
      try {
        return route->fn(ctx_, req);
      } catch (const std::exception& e) {
        std::cerr << "lgbench: " << req.target << ": " << e.what() << "\n";
        return internal(e.what());
      }
    }();
    if (!page) {
      int status = status_of(page.error());
      if (status == 500) std::cerr << "lgbench: " << req.target << ": " << page.error().message << "\n";
      return html(status, error_page(ctx_, req, page.error(), status));
    }
    page->meta = with_account(std::move(page->meta), req);
    if (!page->redirect.empty()) {
      api::Response r;
      r.status = 301;
      r.content_type = "text/plain; charset=utf-8";
      r.body = "Moved to " + page->redirect + "\n";
      r.headers.emplace_back("Location", page->redirect);
      r.cache_control = "public, max-age=3600";
      return r;
    }
    if (download) {
      if (!page->data) return not_found(req);
      auto r = download_response(*page->data, *download);
      if (!r) return html(500, error_page(ctx_, req, r.error(), 500));
      return std::move(*r);
    }
    api::Response r = html(200, render_page(assets_, page->meta, page->main));
    r.cache_control = "public, max-age=60";
    return r;
  }

 private:
  static api::Response html(int status, std::string body) {
    return html_response(status, std::move(body));
  }
  api::Response not_found(const api::Request& req) {
    return html(404, error_page(ctx_, req, {ErrorCode::kNotFound, ""}, 404));
  }

  SiteOptions options_;
  Assets assets_;
  std::vector<Report> reports_;
  SiteContext ctx_;
};

}  // namespace

api::SiteFactory make_site_factory(SiteOptions options) {
  return [options](const api::ApiContext& ctx) -> std::unique_ptr<api::Site> {
    auto reports = load_reports(options.data_dir.empty() ? "" : options.data_dir + "/reports");
    if (!reports) {
      std::cerr << "lgbench: " << reports.error().message << "\n";
      return nullptr;
    }
    return std::make_unique<WebSite>(ctx, options, std::move(*reports));
  };
}

}  // namespace lgb::web
