// Recipe files are TOML read with toml++ (the one translation unit that
// includes it). Unknown keys are errors: a misspelt key would otherwise be
// silently ignored and the file read differently from what its author meant.
#include "ingest/recipe.h"

#include <cctype>
#include <cstdio>
#include <set>
#include <toml++/toml.h>

#include "ingest/file_bytes.h"
#include "ingest/metric_rules.h"

namespace lgb {
namespace {

class RecipeParser {
 public:
  RecipeParser(std::string path, IngestReport& report) : path_(std::move(path)), report_(report) {}

  std::optional<Recipe> parse(std::string_view text) {
    toml::table root;
    try {
      root = toml::parse(text, path_);
    } catch (const toml::parse_error& e) {
      const auto& at = e.source().begin;
      report_.error(path_, at.line, at.column, "", "not valid TOML: " + std::string(e.description()));
      return std::nullopt;
    }
    Recipe r;
    r.path = path_;
    allow(root, "", {"source", "table", "columns", "rows", "values", "metrics"});
    if (auto* t = table(root, "source")) read_source(*t, r);
    if (auto* t = table(root, "table")) read_table(*t, r);
    if (auto* t = table(root, "columns")) read_columns(*t, r);
    if (auto* t = table(root, "rows")) read_rows(*t, r);
    if (auto* t = table(root, "values")) read_values(*t, r);
    read_metrics(root, r);
    check(root, r);
    if (errors_ > 0) return std::nullopt;
    return r;
  }

 private:
  void error(const toml::node* n, const std::string& key, const std::string& message) {
    ++errors_;
    int64_t line = 0, column = 0;
    if (n) {
      line = n->source().begin.line;
      column = n->source().begin.column;
    }
    report_.error(path_, line, column, key, message);
  }

  void allow(const toml::table& t, const std::string& prefix,
             std::initializer_list<std::string_view> keys) {
    for (const auto& [k, v] : t) {
      bool known = false;
      for (auto key : keys) known = known || k.str() == key;
      if (!known) {
        std::string list;
        for (auto key : keys) list += (list.empty() ? "" : ", ") + std::string(key);
        error(&v, prefix + std::string(k.str()),
              "unknown key '" + std::string(k.str()) + "' (expected one of: " + list + ")");
      }
    }
  }

  const toml::table* table(const toml::table& t, std::string_view key) {
    const toml::node* n = t.get(key);
    if (!n) return nullptr;
    if (!n->is_table()) {
      error(n, std::string(key), "expected a table [" + std::string(key) + "]");
      return nullptr;
    }
    return n->as_table();
  }

  void string(const toml::table& t, const std::string& prefix, std::string_view key,
              std::string& out) {
    const toml::node* n = t.get(key);
    if (!n) return;
    if (auto s = n->value<std::string>()) {
      out = *s;
    } else if (auto d = n->as_date()) {  // published_on = 2024-12-12
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d->get().year, d->get().month,
                    d->get().day);
      out = buf;
    } else {
      error(n, prefix + std::string(key), "expected a string");
    }
  }

  void integer(const toml::table& t, const std::string& prefix, std::string_view key,
               int64_t& out, int64_t lo, int64_t hi) {
    const toml::node* n = t.get(key);
    if (!n) return;
    auto v = n->value<int64_t>();
    if (!v || *v < lo || *v > hi) {
      error(n, prefix + std::string(key),
            "expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
      return;
    }
    out = *v;
  }

  void boolean(const toml::table& t, const std::string& prefix, std::string_view key,
               bool& out) {
    const toml::node* n = t.get(key);
    if (!n) return;
    auto v = n->value<bool>();
    if (!v) {
      error(n, prefix + std::string(key), "expected true or false");
      return;
    }
    out = *v;
  }

  // A string or an array of strings.
  void strings(const toml::table& t, const std::string& prefix, std::string_view key,
               std::vector<std::string>& out) {
    strings_of(t.get(key), prefix + std::string(key), out);
  }

  void strings_of(const toml::node* n, const std::string& key, std::vector<std::string>& out) {
    if (!n) return;
    if (auto s = n->value<std::string>()) {
      out = {*s};
      return;
    }
    const toml::array* a = n->as_array();
    if (!a) {
      error(n, key, "expected a string or a list of strings");
      return;
    }
    out.clear();
    for (const auto& item : *a) {
      auto s = item.value<std::string>();
      if (!s) {
        error(&item, key, "expected a list of strings");
        continue;
      }
      out.push_back(*s);
    }
  }

  void filter(const toml::table& t, const std::string& prefix, std::string_view key,
              RowFilter& out) {
    const toml::node* n = t.get(key);
    if (!n) return;
    const toml::table* w = n->as_table();
    if (!w) {
      error(n, prefix + std::string(key),
            "expected a table of column = \"text\" (or a list of texts)");
      return;
    }
    for (const auto& [col, v] : *w) {
      std::vector<std::string> texts;
      strings_of(&v, prefix + std::string(key) + "." + std::string(col.str()), texts);
      out[std::string(col.str())] = std::move(texts);
    }
  }

  void read_source(const toml::table& t, Recipe& r) {
    allow(t, "source.", {"publisher", "source_url", "published_on", "licence"});
    string(t, "source.", "publisher", r.publisher);
    string(t, "source.", "source_url", r.source_url);
    string(t, "source.", "published_on", r.published_on);
    string(t, "source.", "licence", r.licence);
  }

  void read_table(const toml::table& t, Recipe& r) {
    allow(t, "table.", {"format", "sheet", "range", "skip_rows", "header_rows", "layout"});
    string(t, "table.", "format", r.format);
    if (!r.format.empty() && r.format != "csv" && r.format != "xlsx" && r.format != "ods")
      error(t.get("format"), "table.format", "format must be csv, xlsx or ods");
    if (const toml::node* s = t.get("sheet")) {
      if (auto name = s->value<std::string>())
        r.sheet.name = *name;
      else if (auto i = s->value<int64_t>(); i && *i >= 1 && *i <= 10000)
        r.sheet.index = static_cast<int>(*i);
      else
        error(s, "table.sheet", "expected a sheet name or a 1-based sheet number");
    }
    string(t, "table.", "range", r.range);
    if (!r.range.empty() && !valid_range(r.range))
      error(t.get("range"), "table.range", "expected a cell range such as A5:K400");
    integer(t, "table.", "skip_rows", r.skip_rows, 0, 1000000);
    integer(t, "table.", "header_rows", r.header_rows, 1, 20);
    std::string layout = "long";
    string(t, "table.", "layout", layout);
    if (layout == "long")
      r.layout = RecipeLayout::kLong;
    else if (layout == "wide-periods")
      r.layout = RecipeLayout::kWidePeriods;
    else if (layout == "wide-metrics")
      r.layout = RecipeLayout::kWideMetrics;
    else
      error(t.get("layout"), "table.layout", "layout must be long, wide-periods or wide-metrics");
  }

  static bool valid_range(const std::string& range) {
    size_t colon = range.find(':');
    if (colon == std::string::npos) return false;
    auto cell = [](std::string_view c) {
      size_t i = 0;
      while (i < c.size() && std::isupper(static_cast<unsigned char>(c[i]))) ++i;
      size_t letters = i;
      while (i < c.size() && std::isdigit(static_cast<unsigned char>(c[i]))) ++i;
      return letters > 0 && letters <= 3 && i > letters && i == c.size();
    };
    return cell(std::string_view(range).substr(0, colon)) &&
           cell(std::string_view(range).substr(colon + 1));
  }

  void read_columns(const toml::table& t, Recipe& r) {
    allow(t, "columns.", {"area", "period", "period_value", "period_format", "metric", "value",
                          "status", "note"});
    string(t, "columns.", "area", r.area);
    string(t, "columns.", "period", r.period);
    string(t, "columns.", "period_value", r.fixed_period);
    string(t, "columns.", "metric", r.metric);
    string(t, "columns.", "value", r.value);
    string(t, "columns.", "status", r.status);
    string(t, "columns.", "note", r.note);
    std::string format = "auto";
    string(t, "columns.", "period_format", format);
    if (auto f = parse_period_format(format)) {
      r.period_format = *f;
    } else {
      std::string list;
      for (const auto& n : period_format_names()) list += (list.empty() ? "" : ", ") + n;
      error(t.get("period_format"), "columns.period_format",
            "unknown period format '" + format + "' (one of: " + list + ")");
    }
  }

  void read_rows(const toml::table& t, Recipe& r) {
    allow(t, "rows.", {"where", "skip_area_prefixes", "skip_areas", "skip_unknown_areas"});
    filter(t, "rows.", "where", r.where);
    strings(t, "rows.", "skip_area_prefixes", r.skip_area_prefixes);
    strings(t, "rows.", "skip_areas", r.skip_areas);
    boolean(t, "rows.", "skip_unknown_areas", r.skip_unknown_areas);
  }

  void read_values(const toml::table& t, Recipe& r) {
    allow(t, "values.",
          {"markers", "thousands_separator", "percent_sign", "footnote_marks", "strip_prefixes"});
    if (const toml::node* n = t.get("markers")) {
      if (const toml::table* m = n->as_table()) {
        for (const auto& [text, v] : *m) {
          auto name = v.value<std::string>();
          auto marker = name ? parse_marker(*name) : std::nullopt;
          if (!marker) {
            error(&v, "values.markers." + std::string(text.str()),
                  "expected a marker: suppressed, not-available, not-applicable, "
                  "low-reliability, provisional, revised or estimate");
            continue;
          }
          r.markers[std::string(text.str())] = *marker;
          if (text.str().empty()) r.blank_is_marker = true;
        }
      } else {
        error(n, "values.markers", "expected a table of \"published text\" = \"marker\"");
      }
    }
    string(t, "values.", "thousands_separator", r.thousands_separator);
    if (r.thousands_separator.size() > 1)
      error(t.get("thousands_separator"), "values.thousands_separator",
            "expected one character, such as \",\"");
    boolean(t, "values.", "percent_sign", r.percent_sign);
    strings(t, "values.", "footnote_marks", r.footnote_marks);
    strings(t, "values.", "strip_prefixes", r.strip_prefixes);
  }

  void read_metrics(const toml::table& root, Recipe& r) {
    const toml::node* n = root.get("metrics");
    if (!n) return;
    const toml::array* a = n->as_array();
    if (!a || !a->is_array_of_tables()) {
      error(n, "metrics", "expected [[metrics]] tables");
      return;
    }
    for (size_t i = 0; i < a->size(); ++i) {
      const toml::table& t = *a->get(i)->as_table();
      const std::string p = "metrics[" + std::to_string(i + 1) + "].";
      allow(t, p,
            {"id", "title", "description", "unit", "polarity", "decimals", "themes", "services",
             "directorates", "portfolios", "publisher", "source_url", "licence", "visibility",
             "match", "column", "value", "where", "scale", "measure"});
      MetricRecipe m;
      Metric& x = m.metric;
      string(t, p, "id", x.id);
      string(t, p, "title", x.title);
      string(t, p, "description", x.description);
      string(t, p, "unit", x.unit);
      std::string polarity = "neither", visibility = "public", measure = "other";
      string(t, p, "polarity", polarity);
      string(t, p, "measure", measure);
      string(t, p, "visibility", visibility);
      int64_t decimals = 1;
      integer(t, p, "decimals", decimals, 0, 10);
      x.decimals = static_cast<int>(decimals);
      strings(t, p, "themes", x.themes);
      strings(t, p, "services", x.services);
      strings(t, p, "directorates", x.directorates);
      strings(t, p, "portfolios", x.portfolios);
      x.publisher = r.publisher;
      x.source_url = r.source_url;
      x.licence = r.licence;
      string(t, p, "publisher", x.publisher);
      string(t, p, "source_url", x.source_url);
      string(t, p, "licence", x.licence);
      string(t, p, "match", m.match);
      string(t, p, "column", m.column);
      string(t, p, "value", m.value);
      filter(t, p, "where", m.where);
      if (const toml::node* sc = t.get("scale")) {
        auto v = sc->value<double>();
        if (!v || !(*v > 0) || *v > 1e9)
          error(sc, p + "scale", "expected a positive number such as 100");
        else
          m.scale = *v;
      }
      const toml::node* at = a->get(i);
      if (x.id.empty() || slugify(x.id) != x.id)
        error(t.get("id") ? t.get("id") : at, p + "id",
              "id '" + x.id + "' must be a slug: lower-case letters and digits joined by single "
              "hyphens");
      if (x.title.empty()) error(at, p + "title", "every metric needs a title");
      if (auto pol = parse_polarity(polarity))
        x.polarity = *pol;
      else
        error(t.get("polarity"), p + "polarity",
              "polarity must be higher-is-better, lower-is-better or neither");
      if (auto k = parse_measure_kind(measure))
        x.measure = *k;
      else
        error(t.get("measure"), p + "measure", unknown_measure_message(measure));
      if (auto why = count_polarity_problem(x, polarity); !why.empty())
        error(t.get("polarity") ? t.get("polarity") : at, p + "polarity", why);
      if (auto vis = parse_visibility(visibility))
        x.visibility = *vis;
      else
        error(t.get("visibility"), p + "visibility",
              "visibility must be public, restricted or draft");
      r.metrics.push_back(std::move(m));
    }
  }

  // Whole-recipe rules: what each layout needs.
  void check(const toml::table& root, const Recipe& r) {
    const toml::node* cols = root.get("columns");
    if (r.area.empty()) error(cols, "columns.area", "the recipe must name the area code column");
    if (r.metrics.empty()) error(nullptr, "metrics", "the recipe must describe at least one [[metrics]]");
    if (!r.period.empty() && !r.fixed_period.empty())
      error(cols, "columns.period_value", "give either columns.period or columns.period_value");
    if (!r.fixed_period.empty()) {
      auto p = parse_published_period(r.fixed_period, r.period_format);
      if (!p) error(cols, "columns.period_value", p.error().message);
    }
    std::set<std::string> ids, keys;
    for (size_t i = 0; i < r.metrics.size(); ++i) {
      const MetricRecipe& m = r.metrics[i];
      const std::string p = "metrics[" + std::to_string(i + 1) + "].";
      if (!ids.insert(m.metric.id).second)
        error(nullptr, p + "id", "metric id '" + m.metric.id + "' is described twice");
      switch (r.layout) {
        case RecipeLayout::kLong:
          if (!r.metric.empty() && m.match.empty())
            error(nullptr, p + "match",
                  "with columns.metric, each metric names the text that marks its rows (match)");
          if (!r.metric.empty() && !keys.insert(m.match).second)
            error(nullptr, p + "match", "match '" + m.match + "' is used by two metrics");
          if (r.metric.empty() && r.metrics.size() > 1 && m.where.empty() && m.value.empty())
            error(nullptr, p + "where",
                  "several metrics in a long table need columns.metric, or a where or value "
                  "of their own");
          if (m.value.empty() && r.value.empty())
            error(nullptr, p + "value", "no value column: set columns.value or this metric's value");
          break;
        case RecipeLayout::kWideMetrics:
          if (m.column.empty())
            error(nullptr, p + "column", "a wide-metrics table names each metric's column");
          break;
        case RecipeLayout::kWidePeriods:
          if (r.metrics.size() > 1 && r.metric.empty() && m.where.empty())
            error(nullptr, p + "match",
                  "several metrics in a wide-periods table need columns.metric or a where of "
                  "their own");
          if (!r.metric.empty() && m.match.empty())
            error(nullptr, p + "match", "with columns.metric, each metric names its text (match)");
          break;
      }
    }
    if (r.layout != RecipeLayout::kWidePeriods && r.period.empty() && r.fixed_period.empty())
      error(cols, "columns.period",
            "name the period column (columns.period) or give one period for the file "
            "(columns.period_value)");
    if (r.layout == RecipeLayout::kWidePeriods && (!r.period.empty() || !r.fixed_period.empty()))
      error(cols, "columns.period",
            "a wide-periods table reads its periods from the header; remove columns.period");
  }

  std::string path_;
  IngestReport& report_;
  int errors_ = 0;
};

}  // namespace

std::optional<Recipe> load_recipe(const std::string& path, IngestReport& report) {
  auto bytes = read_file_bytes(path);
  if (!bytes) {
    report.error(path, 0, 0, "", bytes.error().message);
    return std::nullopt;
  }
  return parse_recipe(*bytes, path, report);
}

std::optional<Recipe> parse_recipe(std::string_view text, const std::string& path,
                                   IngestReport& report) {
  return RecipeParser(path, report).parse(text);
}

}  // namespace lgb
