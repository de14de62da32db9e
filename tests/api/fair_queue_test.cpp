// FairQueue: who gets a worker next, and when a job waits or is refused.
// Jobs block on latches the test opens, so the order is decided by the
// queue, not by timing; waits are bounded only so a bug fails rather than
// hangs.
#include "api/fair_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <mutex>

namespace lgb::api {
namespace {

using namespace std::chrono_literals;

// A gate a test opens once.
class Latch {
 public:
  void open() { promise_.set_value(); }
  void wait() { future_.wait(); }

 private:
  std::promise<void> promise_;
  std::shared_future<void> future_ = promise_.get_future().share();
};

class Log {
 public:
  void add(std::string s) {
    std::lock_guard lock(mutex_);
    items_.push_back(std::move(s));
  }
  std::vector<std::string> items() {
    std::lock_guard lock(mutex_);
    return items_;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> items_;
};

bool within(std::future<void>& f, std::chrono::seconds limit = 30s) {
  return f.wait_for(limit) == std::future_status::ready;
}

// Waits until done() (stop() would refuse what is still queued).
template <class Done>
bool eventually(Done done) {
  for (int i = 0; i < 30000 && !done(); ++i) std::this_thread::sleep_for(1ms);
  return done();
}

TEST(FairQueue, ANewcomerDoesNotWaitBehindAnotherClientsBacklog) {
  FairQueue::Options o;
  o.threads = 2;
  o.per_client = 2;  // the per-client cap alone would let A take both workers
  FairQueue q(o);
  Latch release;
  std::atomic<int> a_started{0};
  for (int i = 0; i < 5; ++i)
    q.post("A", {[&] {
                   ++a_started;
                   release.wait();
                 },
                 nullptr});
  std::promise<void> b_done;
  auto b = b_done.get_future();
  q.post("B", {[&] { b_done.set_value(); }, nullptr});
  // B runs while all of A's jobs are still blocked: A's backlog may not hold
  // the last worker.
  EXPECT_TRUE(within(b));
  // A's first job may not have been scheduled yet when B finishes (the two
  // workers race); once it runs, A's other jobs stay queued behind the latch.
  EXPECT_TRUE(eventually([&] { return a_started.load() >= 1; }));
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(a_started.load(), 1);
  release.open();
  EXPECT_TRUE(eventually([&] { return a_started.load() == 5; }));
}

TEST(FairQueue, TheLeastServedClientGoesNext) {
  FairQueue::Options o;
  o.threads = 1;
  FairQueue q(o);
  Log log;
  Latch first;
  q.post("A", {[&] {
                 first.wait();
                 log.add("A1");
               },
               nullptr});
  for (int i = 2; i <= 3; ++i) q.post("A", {[&, i] { log.add("A" + std::to_string(i)); }, nullptr});
  q.post("B", {[&] { log.add("B"); }, nullptr});
  q.post("C", {[&] { log.add("C"); }, nullptr});
  first.open();
  ASSERT_TRUE(eventually([&] { return log.items().size() == 5; }));
  // A has had the worker for A1; B and C have had nothing, so they go first,
  // in the order they asked.
  EXPECT_EQ(log.items(), (std::vector<std::string>{"A1", "B", "C", "A2", "A3"}));
}

TEST(FairQueue, GateHoldsJobsAndBlockedIsCalledWhileTheyWait) {
  std::atomic<bool> open{false};
  std::atomic<int> blocked{0};
  FairQueue::Options o;
  o.threads = 1;
  o.gate = [&](const std::string&) {
    return open ? FairQueue::Gate::kGo : FairQueue::Gate::kWaitShed;
  };
  o.blocked = [&] { ++blocked; };
  FairQueue q(o);
  std::promise<void> ran;
  auto f = ran.get_future();
  q.post("A", {[&] { ran.set_value(); }, nullptr});
  while (blocked.load() < 3) std::this_thread::sleep_for(1ms);
  EXPECT_EQ(f.wait_for(0s), std::future_status::timeout);
  open = true;
  q.notify();
  EXPECT_TRUE(within(f));
}

TEST(FairQueue, AJobThatWaitsTooLongIsRefused) {
  FairQueue::Options o;
  o.threads = 1;
  o.max_wait = 50ms;
  o.gate = [](const std::string&) { return FairQueue::Gate::kWait; };
  FairQueue q(o);
  std::promise<void> refused;
  auto f = refused.get_future();
  std::atomic<bool> ran{false};
  q.post("A", {[&] { ran = true; }, [&] { refused.set_value(); }});
  EXPECT_TRUE(within(f));
  EXPECT_FALSE(ran.load());
}

TEST(FairQueue, StopRefusesWhatIsStillQueued) {
  FairQueue::Options o;
  o.threads = 1;
  o.gate = [](const std::string&) { return FairQueue::Gate::kWait; };
  FairQueue q(o);
  std::atomic<int> refused{0};
  for (int i = 0; i < 3; ++i) q.post("A", {[] {}, [&] { ++refused; }});
  q.stop();
  EXPECT_EQ(refused.load(), 3);
  q.post("A", {[] {}, [&] { ++refused; }});  // after stop: refused at once
  EXPECT_EQ(refused.load(), 4);
}

}  // namespace
}  // namespace lgb::api
