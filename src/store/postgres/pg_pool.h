// ConnectionPool: at most max_size open connections to one PostgreSQL
// database, each lent to one caller at a time. Connections are opened when
// needed and kept when returned; a connection that broke is dropped, and
// drop_idle() forgets every idle one (after an outage they are all stale).
// Thread-safety: acquire() and the leases may be used from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <pqxx/connection>

#include "core/result.h"

namespace lgb::pg {

class ConnectionPool {
 public:
  // wait: how long acquire() waits for a connection when max_size are lent.
  ConnectionPool(std::string url, size_t max_size, std::chrono::milliseconds wait);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  class Lease {
   public:
    Lease(Lease&& o) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();  // returns the connection, or drops it if discarded or broken
    pqxx::connection& conn() { return *conn_; }
    // True when the connection was idle in the pool (it may have gone stale
    // since); false for one opened for this lease.
    bool reused() const { return reused_; }
    // Close the connection instead of returning it (after an error that may
    // have left it mid-statement).
    void discard() { discard_ = true; }

   private:
    friend class ConnectionPool;
    Lease(ConnectionPool* pool, std::unique_ptr<pqxx::connection> conn, bool reused)
        : pool_(pool), conn_(std::move(conn)), reused_(reused) {}
    ConnectionPool* pool_;
    std::unique_ptr<pqxx::connection> conn_;
    bool reused_;
    bool discard_ = false;
  };

  // An idle connection, a new one, or (when max_size are lent) the next one
  // returned within the wait. kUnavailable when the database cannot be
  // reached or no connection came free in time.
  Result<Lease> acquire();
  void drop_idle();

  const std::string& url() const { return url_; }
  size_t max_size() const { return max_size_; }

 private:
  void give_back(std::unique_ptr<pqxx::connection> conn, bool keep);

  const std::string url_;
  const size_t max_size_;
  const std::chrono::milliseconds wait_;
  std::mutex mu_;  // guards idle_ and open_
  std::condition_variable freed_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  size_t open_ = 0;  // lent + idle
};

}  // namespace lgb::pg
