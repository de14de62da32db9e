#include "store/postgres/pg_listener.h"

#include <algorithm>
#include <pqxx/pqxx>

#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_schema.h"

namespace lgb::pg {
namespace {

// How long one wait for a notification lasts: the longest a stop waits.
constexpr long kWaitMicros = 250'000;

}  // namespace

ChangeListener::ChangeListener(std::string url, std::function<void()> on_change)
    : url_(std::move(url)), on_change_(std::move(on_change)), thread_([this] { run(); }) {}

ChangeListener::~ChangeListener() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  stopped_.notify_all();
  thread_.join();
}

bool ChangeListener::stopping() {
  std::lock_guard lock(mu_);
  return stop_;
}

bool ChangeListener::pause(std::chrono::milliseconds d) {
  std::unique_lock lock(mu_);
  return !stopped_.wait_for(lock, d, [this] { return stop_; });
}

void ChangeListener::run() {
  using std::chrono::milliseconds;
  milliseconds backoff(250);
  bool missed = false;  // set once a connection was lost or never made
  while (!stopping()) {
    auto conn = connect(url_);
    if (!conn) {
      missed = true;
      if (!pause(backoff)) return;
      backoff = std::min(backoff * 2, milliseconds(4000));
      continue;
    }
    backoff = milliseconds(250);
    try {
      // A plain LISTEN, not a pqxx::notification_receiver: libpqxx would
      // re-LISTEN on a reconnection of its own, but this loop makes a new
      // connection instead, and the receiver's UNLISTEN on a dead one could
      // wait out a connect timeout. await_notification counts every
      // notification, and this connection listens on one channel only.
      {
        pqxx::nontransaction tx(**conn);
        tx.exec(std::string("LISTEN ") + kChangeChannel);
        tx.commit();
      }
      if (missed) on_change_();
      while (!stopping()) {
        if ((*conn)->await_notification(0, kWaitMicros) > 0) on_change_();
        if (!(*conn)->is_open()) break;
      }
    } catch (const std::exception&) {
      // The server went away (or is going): connect again.
    }
    if (stopping()) return;
    // Lost: say so at once, so that a replica polling rarely learns now
    // that its store is unreachable (its refresh fails: degraded).
    on_change_();
    missed = true;
  }
}

}  // namespace lgb::pg
