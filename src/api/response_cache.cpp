#include "api/response_cache.h"

#include <mutex>

namespace lgb::api {

std::shared_ptr<const PreparedResponse> ResponseCache::find(std::string_view key) const {
  std::shared_lock lock(mutex_);
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : it->second;
}

void ResponseCache::insert(std::string key, std::shared_ptr<const PreparedResponse> response,
                           uint64_t epoch) {
  size_t cost = key.size() + response->head.size() + response->body.size() + 128;
  if (cost > max_bytes_ / 4) return;  // one huge response must not evict everything
  std::unique_lock lock(mutex_);
  if (epoch != epoch_) return;
  if (bytes_ + cost > max_bytes_) {
    entries_.clear();
    bytes_ = 0;
  }
  if (entries_.emplace(std::move(key), std::move(response)).second) bytes_ += cost;
}

void ResponseCache::clear() {
  std::unique_lock lock(mutex_);
  entries_.clear();
  bytes_ = 0;
  ++epoch_;
}

uint64_t ResponseCache::epoch() const {
  std::shared_lock lock(mutex_);
  return epoch_;
}

size_t ResponseCache::size() const {
  std::shared_lock lock(mutex_);
  return entries_.size();
}

}  // namespace lgb::api
