#include "store/postgres/pg_pool.h"

#include <pqxx/pqxx>

#include "store/postgres/pg_connection.h"

namespace lgb::pg {

ConnectionPool::ConnectionPool(std::string url, size_t max_size, std::chrono::milliseconds wait)
    : url_(std::move(url)), max_size_(max_size < 1 ? 1 : max_size), wait_(wait) {}

ConnectionPool::~ConnectionPool() = default;

ConnectionPool::Lease::Lease(Lease&& o) noexcept
    : pool_(o.pool_), conn_(std::move(o.conn_)), reused_(o.reused_), discard_(o.discard_) {
  o.pool_ = nullptr;
}

ConnectionPool::Lease::~Lease() {
  if (!pool_ || !conn_) return;
  pool_->give_back(std::move(conn_), !discard_);
}

Result<ConnectionPool::Lease> ConnectionPool::acquire() {
  {
    std::unique_lock lock(mu_);
    auto deadline = std::chrono::steady_clock::now() + wait_;
    while (idle_.empty() && open_ >= max_size_) {
      if (freed_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
          open_ >= max_size_)
        return unavailable("all " + std::to_string(max_size_) +
                           " connections to the database are busy");
    }
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(conn), true);
    }
    ++open_;  // reserve the slot while connecting without the lock
  }
  auto conn = connect(url_);
  if (!conn) {
    std::lock_guard lock(mu_);
    --open_;
    freed_.notify_one();
    return conn.error();
  }
  return Lease(this, std::move(*conn), false);
}

void ConnectionPool::give_back(std::unique_ptr<pqxx::connection> conn, bool keep) {
  keep = keep && conn->is_open();
  std::unique_ptr<pqxx::connection> dropped;  // closed outside the lock
  {
    std::lock_guard lock(mu_);
    if (keep) {
      idle_.push_back(std::move(conn));
    } else {
      dropped = std::move(conn);
      --open_;
    }
  }
  freed_.notify_one();
}

void ConnectionPool::drop_idle() {
  std::vector<std::unique_ptr<pqxx::connection>> dropped;
  {
    std::lock_guard lock(mu_);
    dropped.swap(idle_);
    open_ -= dropped.size();
  }
  freed_.notify_all();
}

}  // namespace lgb::pg
