// Html: the web layer's one templating primitive. A template is a string with
// "{}" holes; every argument is HTML-escaped on the way in unless it is itself
// an Html fragment (already safe). So text from the data (council names,
// metric titles, query strings) can never become markup by accident.
//   Html h;
//   h("<h1 class=\"govuk-heading-xl\">{}</h1>", area.name);
// Attribute values are escaped the same way, so templates must quote them.
// A plain value type; not shared between threads.
#pragma once

#include <concepts>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

namespace lgb::web {

// & < > " ' escaped; safe in text and in quoted attribute values.
std::string escape_html(std::string_view text);
// Percent-encodes everything but unreserved characters (RFC 3986), for a
// query parameter value or a path segment.
std::string url_encode(std::string_view text);

class Html {
 public:
  Html() = default;

  // Appends tmpl with each "{}" replaced by the next argument, escaped unless
  // it is an Html. The number of holes must equal the number of arguments
  // (a programmer error otherwise: std::logic_error).
  template <class... Args>
  Html& operator()(std::string_view tmpl, const Args&... args) {
    size_t pos = 0;
    (append_hole(tmpl, pos, args), ...);
    if (tmpl.find("{}", pos) != std::string_view::npos)
      throw std::logic_error("Html: more holes than arguments in template");
    out_.append(tmpl.substr(pos));
    return *this;
  }

  Html& text(std::string_view s) {
    out_ += escape_html(s);
    return *this;
  }
  Html& add(const Html& fragment) {
    out_ += fragment.out_;
    return *this;
  }
  // Markup built by code, never from data (e.g. JSON for a chart that has
  // already been escaped for a <script> element). Use sparingly.
  static Html trusted(std::string markup) {
    Html h;
    h.out_ = std::move(markup);
    return h;
  }

  bool empty() const { return out_.empty(); }
  const std::string& str() const& { return out_; }
  std::string str() && { return std::move(out_); }

 private:
  template <class T>
  void append_hole(std::string_view tmpl, size_t& pos, const T& arg) {
    size_t hole = tmpl.find("{}", pos);
    if (hole == std::string_view::npos)
      throw std::logic_error("Html: more arguments than holes in template");
    out_.append(tmpl.substr(pos, hole - pos));
    append_value(arg);
    pos = hole + 2;
  }
  void append_value(const Html& h) { out_ += h.out_; }
  void append_value(std::string_view s) { out_ += escape_html(s); }
  void append_value(const std::string& s) { out_ += escape_html(s); }
  void append_value(const char* s) { out_ += escape_html(s); }
  template <class T>
    requires std::integral<T>
  void append_value(T v) {
    out_ += std::to_string(v);
  }

  std::string out_;
};

// A JSON text made safe to sit inside <script type="application/json">:
// "<", ">" and "&" become \u escapes, so "</script>" cannot close it.
Html json_script(std::string_view id, std::string_view json);

}  // namespace lgb::web
