// ChangeListener: LISTENs on kChangeChannel (pg_schema.h) over a connection
// of its own and calls back when any process commits a release, group or
// ratio, so a replica refreshes at once rather than at its next poll. It also
// calls back when it loses the server (the replica's refresh then finds the
// store unreachable) and when it reconnects (with back-off, 0.25 s doubling
// to 4 s): whatever was committed meanwhile was never notified to it.
// Thread-safety: runs one thread of its own, on which the callback runs (keep
// it short: post the work elsewhere). Destroying the listener stops and joins
// that thread (within about a quarter of a second).
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "store/store.h"

namespace lgb::pg {

class ChangeListener final : public ChangeWatch {
 public:
  ChangeListener(std::string url, std::function<void()> on_change);
  ~ChangeListener() override;

 private:
  void run();
  // Sleeps for d unless stopped meanwhile; false once stopping.
  bool pause(std::chrono::milliseconds d);
  bool stopping();

  const std::string url_;
  const std::function<void()> on_change_;
  std::mutex mu_;  // guards stop_
  std::condition_variable stopped_;
  bool stop_ = false;
  std::thread thread_;  // last: starts once everything above is ready
};

}  // namespace lgb::pg
