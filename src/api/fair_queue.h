// FairQueue: the worker threads that render responses not in the cache.
// Jobs queue per client, and a free worker takes the next job of the client
// that has had the least worker time so far (start-time fair queueing: a
// client that becomes active starts level with the least-served active
// one). So a client with a thousand requests queued delays a newcomer by
// about one job, not by its whole backlog. One client runs at most
// `per_client` jobs at once, and a busy client (a job running, or more
// queued) never takes the last quarter of the workers (at least one, given
// two or more), which stay free for a client's only request: a newcomer
// starts at once rather than after the next job ends. A job starts only when `gate(client)` allows it (the bytes-in-flight
// budgets); while a job waits on a shared resource, `blocked()` is called
// every poll so the server can shed stalled writers. A job not started
// within `max_wait` is refused instead.
// Thread-safety: post() and notify() from any thread; stop() from one.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace lgb::api {

class FairQueue {
 public:
  using Clock = std::chrono::steady_clock;

  struct Job {
    std::function<void()> run;
    std::function<void()> refuse;  // not started within max_wait, or stopping
  };
  enum class Gate {
    kGo,
    kWait,      // wait for this client's own work to finish
    kWaitShed,  // wait for a shared resource: call blocked()
  };
  struct Options {
    size_t threads = 2;
    size_t per_client = 1;
    std::chrono::milliseconds max_wait{10000};
    std::function<Gate(const std::string& client)> gate;  // empty: always kGo
    std::function<void()> blocked;                         // may be empty
  };

  explicit FairQueue(Options options);
  ~FairQueue();  // stop()
  FairQueue(const FairQueue&) = delete;
  FairQueue& operator=(const FairQueue&) = delete;

  void post(const std::string& client, Job job);
  // Something a gate depends on changed (bytes were released).
  void notify();
  // Refuses queued jobs, lets running ones finish, joins the threads.
  void stop();

 private:
  struct Queued {
    Job job;
    Clock::time_point since;
  };
  struct Client {
    std::deque<Queued> jobs;
    size_t running = 0;
    Clock::duration served{0};  // worker time had, on the queue's virtual clock
  };
  void work();
  // Moves jobs that waited too long (or all, when stopping) to `out`.
  void take_refused(Clock::time_point now, std::vector<Job>& out);
  // The least worker time among active clients: where a newcomer starts.
  Clock::duration level() const;

  const Options options_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::unordered_map<std::string, Client> clients_;  // active: queued or running
  size_t running_ = 0;  // jobs running, all clients
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace lgb::api
