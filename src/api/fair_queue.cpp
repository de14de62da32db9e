#include "api/fair_queue.h"

#include <algorithm>
#include <optional>

namespace lgb::api {
namespace {

// How often a worker looks again while jobs wait on a gate: shedding a
// stalled writer frees its bytes a moment later, on that connection's strand.
constexpr auto kPoll = std::chrono::milliseconds(20);

}  // namespace

FairQueue::FairQueue(Options options) : options_(std::move(options)) {
  for (size_t i = 0; i < std::max<size_t>(1, options_.threads); ++i)
    threads_.emplace_back([this] { work(); });
}

FairQueue::~FairQueue() { stop(); }

FairQueue::Clock::duration FairQueue::level() const {
  std::optional<Clock::duration> least;
  for (const auto& [key, c] : clients_)
    if (!least || c.served < *least) least = c.served;
  return least.value_or(Clock::duration{0});
}

void FairQueue::post(const std::string& client, Job job) {
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      auto it = clients_.find(client);
      if (it == clients_.end()) {
        Clock::duration start = level();
        it = clients_.emplace(client, Client{}).first;
        it->second.served = start;
      }
      it->second.jobs.push_back({std::move(job), Clock::now()});
      changed_.notify_one();
      return;
    }
  }
  if (job.refuse) job.refuse();
}

void FairQueue::notify() {
  std::lock_guard lock(mutex_);
  changed_.notify_all();
}

void FairQueue::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
    changed_.notify_all();
  }
  for (auto& t : threads_) t.join();
  threads_.clear();
}

void FairQueue::take_refused(Clock::time_point now, std::vector<Job>& out) {
  for (auto it = clients_.begin(); it != clients_.end();) {
    Client& c = it->second;
    while (!c.jobs.empty() && (stopping_ || now - c.jobs.front().since >= options_.max_wait)) {
      out.push_back(std::move(c.jobs.front().job));
      c.jobs.pop_front();
    }
    if (c.jobs.empty() && c.running == 0) it = clients_.erase(it);
    else ++it;
  }
}

void FairQueue::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    std::vector<Job> refused;
    take_refused(Clock::now(), refused);
    if (!refused.empty()) {
      lock.unlock();
      for (Job& j : refused)
        if (j.refuse) j.refuse();
      refused.clear();
      lock.lock();
      continue;
    }
    if (stopping_ && clients_.empty()) return;

    // The client with the least worker time that may start a job now; ties
    // go to the job that has waited longest.
    bool shed = false;
    // A busy client (one with a job running or more queued) may not take
    // the reserved workers: they stay free for a client's only request.
    const size_t threads = std::max<size_t>(1, options_.threads);
    const size_t reserve = threads >= 2 ? std::max<size_t>(1, threads / 4) : 0;
    const bool busy_may_start = threads - running_ > reserve;
    std::unordered_map<std::string, Client>::iterator picked = clients_.end();
    for (auto it = clients_.begin(); it != clients_.end(); ++it) {
      Client& c = it->second;
      if (c.jobs.empty() || c.running >= options_.per_client) continue;
      if ((c.running > 0 || c.jobs.size() > 1) && !busy_may_start) continue;
      if (picked != clients_.end() &&
          (c.served > picked->second.served ||
           (c.served == picked->second.served &&
            c.jobs.front().since >= picked->second.jobs.front().since)))
        continue;
      Gate g = options_.gate ? options_.gate(it->first) : Gate::kGo;
      if (g == Gate::kWaitShed) shed = true;
      if (g == Gate::kGo) picked = it;
    }
    if (picked != clients_.end()) {
      std::string key = picked->first;
      Client& c = picked->second;
      Job job = std::move(c.jobs.front().job);
      c.jobs.pop_front();
      ++c.running;
      ++running_;
      lock.unlock();
      Clock::time_point start = Clock::now();
      job.run();
      job = {};  // release what the job holds before taking the lock
      Clock::duration took = Clock::now() - start;
      lock.lock();
      --running_;
      Client& done = clients_[key];
      --done.running;
      done.served += took;
      if (done.running == 0 && done.jobs.empty()) clients_.erase(key);
      changed_.notify_all();
      continue;
    }
    if (shed && options_.blocked) {
      lock.unlock();
      options_.blocked();
      lock.lock();
    }
    if (clients_.empty()) changed_.wait(lock);
    else changed_.wait_for(lock, kPoll);
  }
}

}  // namespace lgb::api
