#include "store/postgres/pg_connection.h"

#include <cctype>

#include <pqxx/pqxx>

namespace lgb {

bool is_postgres_url(std::string_view db) {
  return db.substr(0, 13) == "postgresql://" || db.substr(0, 11) == "postgres://";
}

std::string redact_url(const std::string& url) {
  std::string out = url;
  // postgresql://user:PASSWORD@host/...
  size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    size_t start = scheme + 3;
    size_t at = out.find('@', start);
    size_t slash = out.find('/', start);
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
      size_t colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // ...?password=PASSWORD&...
  size_t q = out.find('?');
  while (q != std::string::npos) {
    size_t key = out.find("password=", q);
    if (key == std::string::npos) break;
    if (out[key - 1] != '?' && out[key - 1] != '&') {
      q = key + 1;
      continue;
    }
    size_t value = key + 9;
    size_t end = out.find('&', value);
    out.replace(value, (end == std::string::npos ? out.size() : end) - value, "***");
    q = value;
  }
  return out;
}

}  // namespace lgb

namespace lgb::pg {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// libpq messages span lines ("...failed: Connection refused\n\tIs the server
// running..."); one line reads better in a log or a CLI error.
std::string one_line(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

bool has_param(std::string_view url, std::string_view name) {
  size_t q = url.find('?');
  if (q == std::string_view::npos) return false;
  std::string key = std::string(name) + "=";
  for (size_t at = q + 1; at < url.size();) {
    if (starts_with(url.substr(at), key)) return true;
    size_t amp = url.find('&', at);
    if (amp == std::string_view::npos) break;
    at = amp + 1;
  }
  return false;
}

// The URL with the session defaults the store wants, unless the URL says
// otherwise.
std::string with_defaults(const std::string& url) {
  std::string out = url;
  auto add = [&](std::string_view name, std::string_view value) {
    if (has_param(out, name)) return;
    out += out.find('?') == std::string::npos ? '?' : '&';
    out += std::string(name) + "=" + std::string(value);
  };
  add("client_encoding", "UTF8");
  add("fallback_application_name", "lgbench");
  add("connect_timeout", "10");
  // TCP keepalive: a replica's LISTEN connection only waits, so without
  // probes a database host that vanished (power, network) would go unnoticed
  // until the kernel's two-hour default; with them the connection fails
  // within about 30 s, the replica says "degraded" and reconnects. Pooled
  // connections drop dead links the same way. (Ignored on unix sockets.)
  add("keepalives", "1");
  add("keepalives_idle", "15");
  add("keepalives_interval", "5");
  add("keepalives_count", "3");
  return out;
}

// SQLSTATE classes that mean the server is going away or cannot take us now.
bool unavailable_state(const std::string& state) {
  return starts_with(state, "08") ||  // connection exception
         state == "57P01" || state == "57P02" || state == "57P03" ||  // shutdown, starting up
         state == "53300";  // too many connections
}

}  // namespace

Result<std::unique_ptr<pqxx::connection>> connect(const std::string& url) {
  std::unique_ptr<pqxx::connection> c;
  try {
    c = std::make_unique<pqxx::connection>(with_defaults(url));
  } catch (const std::exception& e) {
    Error err = error_from(e, "cannot connect to PostgreSQL at " + redact_url(url));
    // A bad URL or unknown parameter is the user's to fix, not a wait.
    if (dynamic_cast<const pqxx::broken_connection*>(&e) &&
        std::string_view(e.what()).find("invalid") != std::string_view::npos)
      err.code = ErrorCode::kInvalidArgument;
    return err;
  }
  try {
    pqxx::nontransaction tx(*c);
    std::string encoding = tx.exec("SHOW server_encoding")[0][0].c_str();
    if (encoding != "UTF8")
      return io_error("the PostgreSQL database at " + redact_url(url) + " uses encoding " +
                      encoding + "; lgbench needs UTF8 (createdb -E UTF8 ...)");
  } catch (const std::exception& e) {
    return error_from(e, "cannot use the PostgreSQL database at " + redact_url(url));
  }
  return c;
}

bool connection_lost(const std::exception& e) {
  if (dynamic_cast<const pqxx::broken_connection*>(&e)) return true;
  if (dynamic_cast<const pqxx::in_doubt_error*>(&e)) return true;
  if (auto* s = dynamic_cast<const pqxx::sql_error*>(&e)) return unavailable_state(s->sqlstate());
  return false;
}

Error error_from(const std::exception& e, std::string_view context) {
  std::string what = one_line(e.what());
  if (starts_with(what, "ERROR:")) what = one_line(what.substr(6));
  std::string msg(context);
  if (!msg.empty()) msg += ": ";
  if (dynamic_cast<const pqxx::in_doubt_error*>(&e))
    return unavailable(msg +
                       "the connection was lost while committing; the change may or may not "
                       "have been saved (" + what + ")");
  if (dynamic_cast<const pqxx::broken_connection*>(&e))
    return unavailable(msg + "database unreachable: " + what);
  if (auto* s = dynamic_cast<const pqxx::sql_error*>(&e)) {
    const std::string& state = s->sqlstate();
    if (unavailable_state(state)) return unavailable(msg + "database unreachable: " + what);
    if (starts_with(state, "23")) return invalid(msg + what);                 // constraints
    if (starts_with(state, "53") || starts_with(state, "58")) return io_error(msg + what);
    return internal(msg + "PostgreSQL: " + what + " [" + state + "]");
  }
  return internal(msg + what);
}

void split_copy_line(std::string& line, std::vector<std::string_view>& fields,
                     std::vector<bool>& null) {
  fields.clear();
  null.clear();
  size_t n = line.size();
  if (n && line[n - 1] == '\n') --n;
  char* data = line.data();
  size_t start = 0;
  while (true) {
    size_t end = start;
    while (end < n && data[end] != '\t' && data[end] != '\\') ++end;
    size_t out = end;  // write position, behind end once an escape is undone
    while (end < n && data[end] != '\t') {
      char c = data[end];
      if (c != '\\' || end + 1 >= n) {
        data[out++] = c;
        ++end;
        continue;
      }
      char e = data[end + 1];
      end += 2;
      switch (e) {
        case 'b': data[out++] = '\b'; break;
        case 'f': data[out++] = '\f'; break;
        case 'n': data[out++] = '\n'; break;
        case 'r': data[out++] = '\r'; break;
        case 't': data[out++] = '\t'; break;
        case 'v': data[out++] = '\v'; break;
        case 'N': data[out++] = '\0'; break;  // \N: NULL, marked below
        default:
          if (e >= '0' && e <= '7') {  // \ooo
            int v = e - '0';
            for (int k = 0; k < 2 && end < n && data[end] >= '0' && data[end] <= '7'; ++k)
              v = v * 8 + (data[end++] - '0');
            data[out++] = static_cast<char>(v);
          } else if (e == 'x' && end < n && std::isxdigit(static_cast<unsigned char>(data[end]))) {
            int v = 0;
            for (int k = 0; k < 2 && end < n && std::isxdigit(static_cast<unsigned char>(data[end])); ++k) {
              char h = data[end++];
              v = v * 16 + (h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
            }
            data[out++] = static_cast<char>(v);
          } else {
            data[out++] = e;  // \\ and any other escaped character stand for themselves
          }
      }
    }
    // Only a field that is exactly \N is NULL (text never holds a NUL byte).
    bool is_null = end - start == 2 && out - start == 1 && data[start] == '\0';
    fields.emplace_back(data + start, out - start);
    null.push_back(is_null);
    if (end >= n) break;
    start = end + 1;
  }
}

}  // namespace lgb::pg

#if defined(__SANITIZE_ADDRESS__)
// libpqxx 6.4 drops the PGresult of a query that fails because the server
// closed the connection (a PQexec result it never frees; about 2 KB per lost
// connection). It is the library's, not ours, and bounded by reconnections:
// keep it out of LeakSanitizer's reports for every binary using this store.
extern "C" const char* __lsan_default_suppressions() { return "leak:libpq.so\n"; }
#endif
