// Assets: the built web client (web/dist, made by Vite) as the pages see it:
// the <link> and <script> tags of each entry, read once from Vite's manifest
// (dist/.vite/manifest.json), and the folder static files are served from.
// Immutable after load(); safe to share between threads.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "web/html.h"

namespace lgb::web {

class Assets {
 public:
  // Reads <root>/.vite/manifest.json. A missing root or manifest gives an
  // Assets with no entries (pages still work, unstyled) and a warning.
  static Assets load(const std::string& root);

  // The stylesheets, module preloads and the module script of an entry
  // ("site", "charts", "map"); empty if the entry is unknown.
  Html tags(const std::string& entry) const;
  // The hashed URL of an entry's script ("/static/map-1a2b3c.js"), or "".
  std::string script_url(const std::string& entry) const;
  const std::string& root() const { return root_; }
  bool built() const { return !entries_.empty(); }

 private:
  struct Entry {
    std::string file;                   // "static/site-abc.js"
    std::vector<std::string> css;       // "static/site-def.css"
    std::vector<std::string> imports;   // chunk files to preload
  };
  std::string root_;
  std::map<std::string, Entry> entries_;  // by entry name
};

}  // namespace lgb::web
