// Reading rows of the PostgreSQL store with the readers both SQL stores share
// (store/account_rows.h, store/carbon_rows.h): PgRow gives a pqxx row the
// accessors sqlite::Stmt has, and PgStore's read_rows / write_row /
// write_rows run one statement with its parameters on a pooled connection
// (as store/sql_account_store.h asks). Only the PgStore .cpp files include
// this (it brings in libpqxx).
// Thread-safety: as PgStore.
#pragma once

#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "store/postgres/pg_store.h"

namespace lgb {
namespace pg {

struct PgRow {
  const pqxx::row& r;
  bool is_null(int i) const { return r[i].is_null(); }
  std::string text(int i) const { return is_null(i) ? std::string() : r[i].as<std::string>(); }
  std::string_view text_view(int i) const { return {r[i].c_str(), r[i].size()}; }
  int64_t int64(int i) const { return is_null(i) ? 0 : r[i].as<int64_t>(); }
  double real(int i) const { return is_null(i) ? 0 : r[i].as<double>(); }
  std::optional<double> real_or_null(int i) const {
    if (is_null(i)) return std::nullopt;
    return r[i].as<double>();
  }
  bool flag(int i) const { return !is_null(i) && r[i].as<bool>(); }
};

// An optional number as a statement parameter: its shortest exact text, or
// "" for none (the statement says NULLIF($n, '')::double precision).
inline std::string number_or_empty(const std::optional<double>& v) {
  if (!v) return {};
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *v);
  return std::string(buf, end);
}

}  // namespace pg

template <class T, class Read, class... Args>
Result<std::vector<T>> PgStore::read_rows(const std::string& sql, const std::string& context,
                                          Read read_row, const Args&... args) {
  std::vector<T> out;
  Status s = read(context, true, [&](pqxx::dbtransaction& tx) -> Status {
    out.clear();
    for (const auto& r : tx.exec_params(sql, args...)) out.push_back(read_row(pg::PgRow{r}));
    return ok_status();
  });
  if (!s) return s.error();
  return out;
}

template <class... Args>
Result<int64_t> PgStore::write_row(const std::string& sql, const std::string& context,
                                   const Args&... args) {
  int64_t changed = 0;
  Status s = write(
      context,
      [&](pqxx::dbtransaction& tx) -> Status {
        changed = static_cast<int64_t>(tx.exec_params(sql, args...).affected_rows());
        return ok_status();
      },
      WriteLock::kNone);
  if (!s) return s.error();
  return changed;
}

template <class T, class Read, class... Args>
Result<std::vector<T>> PgStore::write_rows(const std::string& sql, const std::string& context,
                                           Read read_row, const Args&... args) {
  std::vector<T> out;
  Status s = write(
      context,
      [&](pqxx::dbtransaction& tx) -> Status {
        out.clear();
        for (const auto& r : tx.exec_params(sql, args...)) out.push_back(read_row(pg::PgRow{r}));
        return ok_status();
      },
      WriteLock::kNone);
  if (!s) return s.error();
  return out;
}

}  // namespace lgb
