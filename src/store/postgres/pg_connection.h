// What every part of the PostgreSQL store needs about one connection: telling
// a postgresql:// URL from a file path, hiding its password in messages,
// opening a connection with the session settings the store relies on, turning
// libpqxx exceptions into lgb::Error values, and reading COPY text lines.
// Thread-safety: a pqxx::connection is used by one thread at a time (the pool,
// pg_pool.h, guarantees it); the free functions are stateless.
#pragma once

#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <pqxx/connection>

#include "core/result.h"
#include "store/store.h"

namespace lgb::pg {

// is_postgres_url and redact_url are store.h's (the CLI needs them too).
using lgb::is_postgres_url;
using lgb::redact_url;

// Opens a connection: UTF-8 client encoding, application_name "lgbench"
// unless the URL names one, a 10 s connect timeout and TCP keepalive probes
// (a dead link noticed in about 30 s) unless the URL sets them.
// Fails (kUnavailable) naming the redacted URL when the server cannot be
// reached, and (kIo) when the database is not UTF-8.
Result<std::unique_ptr<pqxx::connection>> connect(const std::string& url);

// Maps an exception from libpqxx (or the standard library) to an Error:
// lost or refused connections and a server shutting down are kUnavailable;
// constraint violations kInvalidArgument; anything else kInternal (kIo for
// resource problems). The message starts with context.
Error error_from(const std::exception& e, std::string_view context);

// True when the exception means the connection is gone (or never was): the
// connection must not go back to the pool.
bool connection_lost(const std::exception& e);

// Splits one line of COPY ... TO STDOUT text format (tab-separated, backslash
// escapes, \N for NULL) in place: fields point into line, which is unescaped
// where needed. A trailing newline is ignored. null[i] is set for \N.
void split_copy_line(std::string& line, std::vector<std::string_view>& fields,
                     std::vector<bool>& null);

}  // namespace lgb::pg
