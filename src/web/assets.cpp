#include "web/assets.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include <boost/json.hpp>

namespace lgb::web {
namespace json = boost::json;

namespace {

std::vector<std::string> strings(const json::object& o, std::string_view key) {
  std::vector<std::string> out;
  if (auto* v = o.if_contains(key); v && v->is_array())
    for (const auto& s : v->as_array())
      if (s.is_string()) out.emplace_back(s.as_string());
  return out;
}

}  // namespace

Assets Assets::load(const std::string& root) {
  Assets a;
  a.root_ = root;
  std::ifstream in(std::filesystem::path(root) / ".vite" / "manifest.json");
  if (!in) {
    std::cerr << "lgbench: no built web client in '" << root
              << "' (run make); pages are served without styles or scripts\n";
    return a;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  boost::system::error_code ec;
  json::value manifest = json::parse(ss.str(), ec);
  if (ec || !manifest.is_object()) {
    std::cerr << "lgbench: unreadable web manifest in '" << root << "'\n";
    return a;
  }
  const json::object& m = manifest.as_object();
  // Chunks imported by an entry, followed transitively, for modulepreload.
  auto imports_of = [&m](const json::object& chunk) {
    std::vector<std::string> files;
    std::set<std::string> seen;
    std::vector<std::string> todo = strings(chunk, "imports");
    while (!todo.empty()) {
      std::string key = todo.back();
      todo.pop_back();
      if (!seen.insert(key).second) continue;
      auto* c = m.if_contains(key);
      if (!c || !c->is_object()) continue;
      if (auto* f = c->as_object().if_contains("file"); f && f->is_string())
        files.emplace_back(f->as_string());
      for (auto& k : strings(c->as_object(), "imports")) todo.push_back(k);
    }
    return files;
  };
  for (const auto& [key, value] : m) {
    if (!value.is_object()) continue;
    const json::object& chunk = value.as_object();
    auto* is_entry = chunk.if_contains("isEntry");
    auto* name = chunk.if_contains("name");
    auto* file = chunk.if_contains("file");
    if (!is_entry || !is_entry->is_bool() || !is_entry->as_bool() || !name || !file) continue;
    Entry e;
    e.file = std::string(file->as_string());
    e.css = strings(chunk, "css");
    e.imports = imports_of(chunk);
    a.entries_[std::string(name->as_string())] = std::move(e);
  }
  return a;
}

Html Assets::tags(const std::string& entry) const {
  Html h;
  auto it = entries_.find(entry);
  if (it == entries_.end()) return h;
  for (const auto& css : it->second.css) h("<link rel=\"stylesheet\" href=\"/{}\">\n", css);
  for (const auto& imp : it->second.imports) h("<link rel=\"modulepreload\" href=\"/{}\">\n", imp);
  h("<script type=\"module\" src=\"/{}\"></script>\n", it->second.file);
  return h;
}

std::string Assets::script_url(const std::string& entry) const {
  auto it = entries_.find(entry);
  return it == entries_.end() ? "" : "/" + it->second.file;
}

}  // namespace lgb::web
